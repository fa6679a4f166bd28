import { registerEnumType } from 'type-graphql';
import type { ArchiveGrouping } from '../content/archive';

export const ArchiveGroupingEnum = {
  YEAR: 'YEAR',
  MONTH: 'MONTH',
  DAY: 'DAY',
} as const satisfies Record<ArchiveGrouping, ArchiveGrouping>;

registerEnumType(ArchiveGroupingEnum, {
  name: 'ArchiveGrouping',
  description: 'The calendar period `archive` groups articles by, in the content time zone (`CONTENT_TIME_ZONE`).',
  valuesConfig: {
    YEAR: { description: 'One period per year.' },
    MONTH: { description: 'One period per month of a year.' },
    DAY: { description: 'One period per day.' },
  },
});
