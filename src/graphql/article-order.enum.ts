import { registerEnumType } from 'type-graphql';
import type { ArticleOrder } from '../content/model';

export const ArticleOrderEnum = {
  DATE_DESC: 'DATE_DESC',
  DATE_ASC: 'DATE_ASC',
  UPDATED_DESC: 'UPDATED_DESC',
  TITLE_ASC: 'TITLE_ASC',
} as const satisfies Record<ArticleOrder, ArticleOrder>;

registerEnumType(ArticleOrderEnum, {
  name: 'ArticleOrder',
  description: 'Orders articles can be listed in. Ties are broken by slug, so every order is total.',
  valuesConfig: {
    DATE_DESC: { description: 'Newest `date` first; undated articles last.' },
    DATE_ASC: { description: 'Oldest `date` first; undated articles last.' },
    UPDATED_DESC: { description: 'Most recently `updated` first; articles without `updated` last.' },
    TITLE_ASC: { description: 'By title, case-insensitively, numbers inside titles by value.' },
  },
});
