import { expected, servedFiles, startTestServer, type ExpectedFile, type TestServer } from '../helpers/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const LIST = `
  query List($filter: ArticleFilter) {
    articles(filter: $filter, first: 100) { totalCount nodes { slug } }
  }`;

async function slugsFor(filter: object): Promise<string[]> {
  const { articles } = await server.data(LIST, { filter });
  expect(articles.totalCount).toBe(articles.nodes.length);
  return articles.nodes.map((node: { slug: string }) => node.slug);
}

/** Slugs of the categories a file is filed under, every level of every hierarchy. */
function categorySlugsOf(file: ExpectedFile): string[] {
  const slugs: string[] = [];
  for (const hierarchy of file.categories) {
    let parent: string | null = null;
    for (const name of hierarchy) {
      const category = expected.categories.find((candidate) => candidate.name === name && candidate.parentSlug === parent)!;
      slugs.push(category.slug);
      parent = category.slug;
    }
  }
  return slugs;
}

const tagSlug = (name: string) => expected.tags.find((tag) => tag.name === name)!.slugized;
const authorSlug = (name: string) => expected.authors.find((author) => author.name === name)!.slugized;

/** The fixture's own answer, in the served DATE_DESC order. */
function expectedSlugs(matches: (file: ExpectedFile) => boolean): string[] {
  const matching = new Set(servedFiles.filter(matches).map((file) => file.slug));
  return expected.dateDescOrder.filter((slug) => matching.has(slug));
}

describe('article filters', () => {
  it('includes descendants of a category', async () => {
    expect(await slugsFor({ categories: ['Engineering'] })).toEqual(expectedSlugs((file) => categorySlugsOf(file).includes('Engineering')));
    expect(await slugsFor({ categories: ['Engineering'] })).toHaveLength(8);
  });

  it('ORs entries of a list', async () => {
    const filter = { categories: ['Notes', '金融/财经速递/快讯'] };
    expect(await slugsFor(filter)).toEqual(expectedSlugs((file) => categorySlugsOf(file).some((slug) => filter.categories.includes(slug))));
  });

  it('ANDs fields', async () => {
    const tags = [tagSlug('performance'), tagSlug('api-design')];
    const authors = [authorSlug('Maya Chen'), authorSlug('Tomás Rivera')];
    const result = await slugsFor({ categories: ['Engineering/Backend'], tags, authors, language: 'en' });
    expect(result).toEqual(
      expectedSlugs(
        (file) =>
          categorySlugsOf(file).includes('Engineering/Backend') &&
          file.tags.some((tag) => tags.includes(tagSlug(tag))) &&
          file.author !== null &&
          authors.includes(authorSlug(file.author)) &&
          file.language === 'en',
      ),
    );
    expect(result.length).toBeGreaterThan(1);
  });

  it('bounds dates inclusively and leaves undated articles out', async () => {
    const dateFrom = '2024-03-01T09:00:00.000Z';
    const dateTo = '2024-03-07T10:00:00.000Z';
    const result = await slugsFor({ dateFrom, dateTo });
    expect(result).toEqual(expectedSlugs((file) => file.date !== null && file.date >= dateFrom && file.date <= dateTo));
    expect(result).toContain('Engineering/Backend/GraphQL/cursor-pagination');
    expect(result).toContain('新媒体/科技日报/快讯/芯片封装产线扩产');
    expect(await slugsFor({ dateFrom: '1970-01-01T00:00:00Z' })).toEqual(expectedSlugs((file) => file.date !== null));
  });

  it('combines dates with a language', async () => {
    const dateFrom = '2024-01-01T00:00:00Z';
    expect(await slugsFor({ dateFrom, language: 'zh' })).toEqual(
      expectedSlugs((file) => file.date !== null && file.date >= '2024-01-01' && file.language === 'zh'),
    );
  });

  it('treats empty lists and nulls as no filter', async () => {
    const all = expected.dateDescOrder;
    expect(await slugsFor({ categories: [], tags: [], authors: null, language: null })).toEqual(all);
  });

  it('matches nothing for unknown slugs', async () => {
    expect(await slugsFor({ tags: ['no-such-tag'] })).toEqual([]);
  });

  it('rejects a date that is not an ISO date-time', async () => {
    const body = await server.request(LIST, { filter: { dateFrom: 'yesterday' } });
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('nested articles fields', () => {
  const NESTED = `
    query Nested($category: String!, $author: String!, $tag: String!, $filter: ArticleFilter) {
      category(slug: $category) { articles(filter: $filter, first: 100) { totalCount nodes { slug } } }
      author(slug: $author) { articles(filter: $filter, first: 100) { totalCount nodes { slug } } }
      tag(slug: $tag) { articles(filter: $filter, first: 100) { totalCount nodes { slug } } }
    }`;
  const slugs = (connection: { nodes: { slug: string }[] }) => connection.nodes.map((node) => node.slug);

  it('lists the articles of a category, an author and a tag', async () => {
    const data = await server.data(NESTED, { category: 'Engineering/Backend', author: authorSlug('Maya Chen'), tag: tagSlug('graphql') });
    expect(slugs(data.category.articles)).toEqual(expectedSlugs((file) => categorySlugsOf(file).includes('Engineering/Backend')));
    expect(slugs(data.author.articles)).toEqual(expectedSlugs((file) => file.author === 'Maya Chen'));
    expect(slugs(data.tag.articles)).toEqual(expectedSlugs((file) => file.tags.includes('graphql')));
  });

  it('ANDs the nested binding with a filter on the same field', async () => {
    const performance = tagSlug('performance');
    const data = await server.data(NESTED, {
      category: 'Engineering',
      author: authorSlug('Maya Chen'),
      tag: tagSlug('graphql'),
      filter: { tags: [performance], categories: ['Engineering/Backend/GraphQL'], authors: [authorSlug('Maya Chen')] },
    });
    const both = (file: ExpectedFile) =>
      file.tags.includes('performance') && categorySlugsOf(file).includes('Engineering/Backend/GraphQL') && file.author === 'Maya Chen';
    expect(slugs(data.category.articles)).toEqual(expectedSlugs(both));
    expect(slugs(data.author.articles)).toEqual(expectedSlugs(both));
    expect(slugs(data.tag.articles)).toEqual(expectedSlugs((file) => both(file) && file.tags.includes('graphql')));
    expect(slugs(data.tag.articles)).toEqual(['Engineering/Backend/GraphQL/persisted-queries']);
  });

  it('is empty when the filter excludes the nested binding', async () => {
    const data = await server.data(NESTED, {
      category: 'Notes',
      author: authorSlug('Sam Okafor'),
      tag: tagSlug('json'),
      filter: { categories: ['Engineering'], authors: [authorSlug('Maya Chen')], tags: [tagSlug('css')] },
    });
    expect(data.category.articles.totalCount).toBe(0);
    expect(data.author.articles.totalCount).toBe(0);
    expect(data.tag.articles.totalCount).toBe(0);
  });
});
