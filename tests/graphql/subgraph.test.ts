/**
 * `serve --subgraph`: the committed subgraph SDL, `_service` and `_entities` over HTTP, with
 * entities loaded in one batch per kind; without the flag the public schema has neither.
 */
import { readFileSync } from 'node:fs';
import { printSubgraphSdl } from '../../src/graphql/subgraph';
import { startTestServer, type TestServer } from '../helpers/harness';

const SUBGRAPH_FILE = 'schema/subgraph.graphql';

const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Article { slug }
    ... on Section { anchor }
    ... on Category { slug }
    ... on Author { name }
    ... on Tag { name }
  }
}`;

const IDS = `{
  articles(first: 10) {
    nodes { id slug author { id } categories { id } tags { id } sections { id } }
  }
}`;

interface Representation {
  __typename: string;
  id?: string;
  slug?: string;
}

/** Ten articles by id and by slug, and their authors, categories, tags and sections by id, up to 50 in all. */
async function pageOfRepresentations(server: TestServer): Promise<Representation[]> {
  const { articles } = await server.data(IDS);
  const representations: Representation[] = [];
  const add = (__typename: string, id: string) => {
    if (!representations.some((known) => known.id === id)) representations.push({ __typename, id });
  };
  for (const article of articles.nodes) {
    add('Article', article.id);
    representations.push({ __typename: 'Article', slug: article.slug });
    if (article.author) add('Author', article.author.id);
    for (const category of article.categories) add('Category', category.id);
    for (const tag of article.tags) add('Tag', tag.id);
    for (const section of article.sections) add('Section', section.id);
  }
  return representations.slice(0, 50);
}

describe('the Federation 2 subgraph', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ subgraph: true });
  });
  afterAll(() => server.close());

  it('matches the committed schema/subgraph.graphql', async () => {
    if ((await printSubgraphSdl()) !== readFileSync(SUBGRAPH_FILE, 'utf8')) {
      throw new Error(`${SUBGRAPH_FILE} is stale: the schema in code changed. Run \`npm run schema\` and commit the result.`);
    }
  });

  it('answers _service { sdl } with that SDL: the federation link and a key on each entity', async () => {
    const { _service } = await server.data('{ _service { sdl } }');
    expect(`${_service.sdl}\n`).toBe(readFileSync(SUBGRAPH_FILE, 'utf8'));
    expect(_service.sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])');
    for (const type of ['Article', 'Section', 'Category', 'Author', 'Tag']) {
      expect(_service.sdl).toMatch(new RegExp(`type ${type} implements Node\\s+@key\\(fields: "id"\\)`));
    }
    expect(_service.sdl).toContain('@key(fields: "slug")');
  });

  it('resolves a page of 50 representations of every kind in one loader batch per kind', async () => {
    const representations = await pageOfRepresentations(server);
    expect(representations).toHaveLength(50);
    expect(new Set(representations.map(({ __typename }) => __typename))).toEqual(
      new Set(['Article', 'Author', 'Category', 'Tag', 'Section']),
    );

    const body = await server.request(ENTITIES, { representations });
    expect(body.errors).toBeUndefined();
    const entities = body.data._entities as ({ __typename: string } | null)[];
    expect(entities.map((entity) => entity?.__typename)).toEqual(representations.map(({ __typename }) => __typename));
    const counts = body.extensions!.loaders as Record<string, { batches: number }>;
    for (const kind of ['articles', 'authors', 'categories', 'tags']) expect(counts[kind].batches).toBeLessThanOrEqual(1);
    expect(counts.articles.batches).toBe(1);
  });

  it('answers null for an unknown slug and for an id of another type than the representation says', async () => {
    const [article] = await pageOfRepresentations(server);
    const body = await server.request(ENTITIES, {
      representations: [
        { __typename: 'Article', slug: 'no/such/article' },
        { __typename: 'Tag', id: article.id },
        { __typename: 'Author', id: 'not a global id' },
      ],
    });
    expect(body).toMatchObject({ data: { _entities: [null, null, null] } });
  });
});

describe('the public schema', () => {
  it('has no federation fields without the flag', async () => {
    const server = await startTestServer();
    try {
      const body = await server.request('{ _service { sdl } }');
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await server.close();
    }
  });
});
