import { registerEnumType } from 'type-graphql';
import type { HighlightField } from '../content/search';

export const SearchHighlightFieldEnum = {
  TITLE: 'title',
  LEAD: 'lead',
  HEADING: 'heading',
  SECTION: 'section',
} as const satisfies Record<string, HighlightField>;

registerEnumType(SearchHighlightFieldEnum, {
  name: 'SearchHighlightField',
  description: 'The part of an article a highlight is cut from.',
  valuesConfig: {
    TITLE: { description: 'The title.' },
    LEAD: { description: 'The text before the first section.' },
    HEADING: { description: 'The heading of a section.' },
    SECTION: { description: 'The text of a section, its heading left out.' },
  },
});
