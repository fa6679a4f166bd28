/** `Query.archive` over HTTP on the fixture site, checked against the dated articles `articles` lists. */
import { startTestServer, type TestServer } from '../helpers/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

interface Period {
  year: number;
  month: number | null;
  day: number | null;
  count: number;
  articles: { totalCount: number; nodes: { slug: string }[] };
}

/** Articles asked for per period: the cost limit counts every period of a grouping the query could get. */
const PAGE = 5;
const GROUPINGS = { YEAR: 1, MONTH: 2, DAY: 3 } as const;

/** The periods the dated articles (newest first) fall in, in UTC, the fixture site's zone. */
function periodsOf(articles: { slug: string; date: string | null }[], grouping: keyof typeof GROUPINGS) {
  const periods = new Map<string, { year: number; month: number | null; day: number | null; slugs: string[] }>();
  for (const { slug, date } of articles) {
    if (date === null) continue;
    const [year, month, day] = date.slice(0, 10).split('-').map(Number);
    const parts = [year, month, day].slice(0, GROUPINGS[grouping]);
    const key = parts.join('-');
    if (!periods.has(key)) periods.set(key, { year, month: parts[1] ?? null, day: parts[2] ?? null, slugs: [] });
    periods.get(key)!.slugs.push(slug);
  }
  return [...periods.values()];
}

const ARCHIVE = `query($groupBy: ArchiveGrouping!, $filter: ArticleFilter) {
  archive(groupBy: $groupBy, filter: $filter) { year month day count articles(first: 5) { totalCount nodes { slug } } }
}`;
const DATED = `query($filter: ArticleFilter) { articles(filter: $filter, first: 100, orderBy: DATE_DESC) { nodes { slug date } } }`;

describe('Query.archive', () => {
  it.each(Object.keys(GROUPINGS) as (keyof typeof GROUPINGS)[])(
    'groups every dated article by %s, newest period first, undated ones in none',
    async (groupBy) => {
      const { articles } = await server.data(DATED);
      const { archive } = (await server.data(ARCHIVE, { groupBy })) as { archive: Period[] };
      const expectedPeriods = periodsOf(articles.nodes, groupBy);
      expect(
        archive.map(({ year, month, day, count, articles: list }) => ({
          year,
          month,
          day,
          count,
          slugs: list.nodes.map((node) => node.slug),
        })),
      ).toEqual(expectedPeriods.map(({ slugs, ...period }) => ({ ...period, count: slugs.length, slugs: slugs.slice(0, PAGE) })));
      for (const period of archive) expect(period.articles.totalCount).toBe(period.count);
      const undated = articles.nodes.filter((node: { date: string | null }) => node.date === null).length;
      expect(undated).toBeGreaterThan(0);
      expect(archive.reduce((sum, period) => sum + period.count, 0)).toBe(articles.nodes.length - undated);
    },
  );

  it('keeps to the filter given', async () => {
    const filter = { tags: ['graphql'] };
    const { articles } = await server.data(DATED, { filter });
    const { archive } = (await server.data(ARCHIVE, { groupBy: 'MONTH', filter })) as { archive: Period[] };
    const dated = articles.nodes.filter((node: { date: string | null }) => node.date !== null);
    expect(dated.length).toBeGreaterThan(1);
    expect(dated.length).toBeLessThanOrEqual(PAGE);
    expect(archive.flatMap((period) => period.articles.nodes.map((node) => node.slug))).toEqual(
      dated.map((node: { slug: string }) => node.slug),
    );
  });

  it("pages through one period's articles with cursors", async () => {
    const { archive } = (await server.data(ARCHIVE, { groupBy: 'YEAR' })) as { archive: Period[] };
    const biggest = archive.reduce((best, period) => (period.count > best.count ? period : best));
    expect(biggest.count).toBeGreaterThan(2);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const { archive: pages } = await server.data(
        `query($after: String) { archive(groupBy: YEAR) { year articles(first: 2, after: $after) { nodes { slug } pageInfo { hasNextPage endCursor } } } }`,
        { after },
      );
      const page = pages.find((period: { year: number }) => period.year === biggest.year).articles;
      seen.push(...page.nodes.map((node: { slug: string }) => node.slug));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    expect(seen).toHaveLength(biggest.count);
    expect(seen.slice(0, PAGE)).toEqual(biggest.articles.nodes.map((node) => node.slug));
    expect(new Set(seen).size).toBe(seen.length);
  });
});
