import { createArticleGroupType } from './article-group.type';

export const AuthorType = createArticleGroupType({
  name: 'Author',
  description: 'A person named in the `author` front-matter key.',
  members: 'by this author',
});
