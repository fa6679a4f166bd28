/** Guards against per-request work the resolvers were freed of; figures themselves come from `npm run bench`. */
import { GraphQLObjectType } from 'graphql';
import { ContentStore } from '../../src/content/content-store';
import * as cursor from '../../src/graphql/cursor';
import { ArticleType } from '../../src/graphql/article.type';
import { CategoryType } from '../../src/graphql/category.type';
import { gatewaySchema } from '../../src/graphql/schema';
import { sectionsOf } from '../../src/graphql/section.value';
import { FIXTURE_ROOT, startTestServer, type TestServer } from '../helpers/harness';

// First, before any request: the engine wraps every field once a plugin watches fields resolve.
describe('schema', () => {
  it('lets graphql-js read plain fields itself, without a wrapping resolver', async () => {
    const schema = await gatewaySchema();
    for (const [typeName, fieldName] of [
      ['Article', 'slug'],
      ['Category', 'name'],
      ['Author', 'name'],
      ['Tag', 'articleCount'],
      ['Section', 'heading'],
      ['ArticleConnection', 'nodes'],
      ['ContentStatus', 'version'],
    ]) {
      const type = schema.getType(typeName) as GraphQLObjectType;
      expect([typeName, type.getFields()[fieldName].resolve]).toEqual([typeName, undefined]);
    }
  });
});

describe('resolver overhead', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());
  afterEach(() => jest.restoreAllMocks());

  it('encodes cursors only when edges or page info are selected', async () => {
    const encode = jest.spyOn(cursor, 'encodeCursor');
    const { articles } = await server.data('{ articles(first: 5) { totalCount nodes { title } } }');
    expect(articles.nodes).toHaveLength(5);
    expect(encode).not.toHaveBeenCalled();

    const paged = await server.data('{ articles(first: 5) { edges { cursor } pageInfo { endCursor } } }');
    expect(paged.articles.pageInfo.endCursor).toBe(paged.articles.edges[4].cursor);
    expect(encode).toHaveBeenCalled();
  });

  it('takes snapshot values as they are, and makes section values once per article', async () => {
    const snapshot = (await ContentStore.open(FIXTURE_ROOT)).current();
    const [article] = snapshot.findArticles({}, 'DATE_DESC');
    const [category] = snapshot.allCategories();
    expect(article).toBeInstanceOf(ArticleType);
    expect(category).toBeInstanceOf(CategoryType);
    expect(category).not.toBeInstanceOf(ArticleType);
    expect(sectionsOf(article)).toBe(sectionsOf(article));
  });
});
