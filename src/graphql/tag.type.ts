import { createArticleGroupType } from './article-group.type';

export const TagType = createArticleGroupType({
  name: 'Tag',
  description: 'A keyword from the `tags` front-matter key.',
  members: 'with this tag',
});
