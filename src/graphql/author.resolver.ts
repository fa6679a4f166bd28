import { createArticleGroupResolver } from './article-group.resolver';
import { AuthorType } from './author.type';

export const AuthorResolver = createArticleGroupResolver({
  type: AuthorType,
  typeName: 'Author',
  oneQuery: 'author',
  allQuery: 'authors',
  key: 'authors',
  list: (snapshot) => snapshot.listAuthors(),
  noun: 'author',
});
