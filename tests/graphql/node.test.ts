import { startTestServer, type TestServer } from '../helpers/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const NODE = `
  query Node($id: ID!) {
    node(id: $id) {
      __typename id
      ... on Article { slug }
      ... on Section { anchor article { slug } }
      ... on Category { slug }
      ... on Author { slug }
      ... on Tag { slug }
    }
  }`;

describe('node', () => {
  it('round-trips an id of every type', async () => {
    const data = await server.data(`{
      article(slug: "Engineering/Backend/GraphQL/cursor-pagination") { id slug sections { id anchor } }
      category(slug: "Engineering/Backend") { id slug }
      author(slug: "Maya-Chen") { id slug }
      tag(slug: "graphql") { id slug }
    }`);
    const section = data.article.sections[1];
    const cases = [
      { id: data.article.id, typename: 'Article', slug: data.article.slug },
      { id: data.category.id, typename: 'Category', slug: data.category.slug },
      { id: data.author.id, typename: 'Author', slug: data.author.slug },
      { id: data.tag.id, typename: 'Tag', slug: data.tag.slug },
    ];
    for (const { id, typename, slug } of cases) {
      expect((await server.data(NODE, { id })).node).toEqual({ __typename: typename, id, slug });
    }
    expect((await server.data(NODE, { id: section.id })).node).toEqual({
      __typename: 'Section',
      id: section.id,
      anchor: section.anchor,
      article: { slug: data.article.slug },
    });
  });

  it('gives every author, tag and category a distinct id', async () => {
    const data = await server.data(`{ authors { id slug } tags { id slug } categories { id } }`);
    const ids = [...data.authors, ...data.tags, ...data.categories].map((node: { id: string }) => node.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('round-trips ids with non-Latin slugs', async () => {
    const { article } = await server.data(`{ article(slug: "社交媒体/长毛象/公共时间线/night_owl-おやすみ") { id } }`);
    expect((await server.data(NODE, { id: article.id })).node.slug).toBe('社交媒体/长毛象/公共时间线/night_owl-おやすみ');
  });

  it('is null for unknown or malformed ids', async () => {
    const unknownArticle = Buffer.from('Article:no/such/post').toString('base64');
    const unknownSection = Buffer.from('Section:release-checklist#no-such-anchor').toString('base64');
    const unknownType = Buffer.from('User:1').toString('base64');
    for (const id of [unknownArticle, unknownSection, unknownType, 'garbage!', '', 'QXJ0aWNsZQ']) {
      expect((await server.data(NODE, { id })).node).toBeNull();
    }
  });

  it('resolves many ids in order, null for unknown ones', async () => {
    const { tags } = await server.data(`{ tags { id slug } }`);
    const ids = [tags[0].id, 'bad', tags[1].id];
    const { nodes } = await server.data(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Tag { slug } } }`, { ids });
    expect(nodes).toEqual([{ id: tags[0].id, slug: tags[0].slug }, null, { id: tags[1].id, slug: tags[1].slug }]);
  });

  it('caps the number of ids', async () => {
    const body = await server.request(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array.from({ length: 101 }, () => 'x') });
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(body.errors?.[0].message).toMatch(/at most 100/);
  });
});
