import { createArticleGroupResolver } from './article-group.resolver';
import { TagType } from './tag.type';

export const TagResolver = createArticleGroupResolver({
  type: TagType,
  typeName: 'Tag',
  oneQuery: 'tag',
  allQuery: 'tags',
  key: 'tags',
  list: (snapshot) => snapshot.listTags(),
  noun: 'tag',
});
