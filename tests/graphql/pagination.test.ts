import { badUserInputMessage, expected, servedFiles, startTestServer, type TestServer } from '../helpers/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const PAGE = `
  query Page($first: Int, $after: String, $last: Int, $before: String, $orderBy: ArticleOrder, $filter: ArticleFilter) {
    articles(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, filter: $filter) {
      totalCount
      edges { cursor node { slug } }
      nodes { slug }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { slug: string } }[];
  nodes: { slug: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

async function page(variables: Record<string, unknown>): Promise<Page> {
  return (await server.data(PAGE, variables)).articles;
}

async function walkForward(size: number, orderBy: string, filter?: object): Promise<string[][]> {
  const pages: string[][] = [];
  let after: string | null = null;
  for (;;) {
    const current: Page = await page({ first: size, after, orderBy, filter });
    expect(current.nodes.map((node) => node.slug)).toEqual(current.edges.map((edge) => edge.node.slug));
    pages.push(current.nodes.map((node) => node.slug));
    expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!current.pageInfo.hasNextPage) return pages;
    after = current.pageInfo.endCursor;
  }
}

async function walkBackward(size: number, orderBy: string, filter?: object): Promise<string[][]> {
  const pages: string[][] = [];
  let before: string | null = null;
  for (;;) {
    const current: Page = await page({ last: size, before, orderBy, filter });
    pages.unshift(current.nodes.map((node) => node.slug));
    expect(current.pageInfo.hasNextPage).toBe(before !== null);
    if (!current.pageInfo.hasPreviousPage) return pages;
    before = current.pageInfo.startCursor;
  }
}

describe('walking every article', () => {
  const orders = ['DATE_DESC', 'DATE_ASC', 'UPDATED_DESC', 'TITLE_ASC'];
  for (const orderBy of orders) {
    for (const size of [1, 7, 100]) {
      it(`visits each article once, ${orderBy}, pages of ${size}, in both directions`, async () => {
        const full = (await page({ first: 100, orderBy })).nodes.map((node) => node.slug);
        expect(full).toHaveLength(servedFiles.length);
        expect(new Set(full)).toEqual(new Set(servedFiles.map((file) => file.slug)));

        const forward = await walkForward(size, orderBy);
        const backward = await walkBackward(size, orderBy);
        expect(forward.flat()).toEqual(full);
        expect(backward.flat()).toEqual(full);
        expect(forward).toHaveLength(Math.ceil(full.length / size));
        for (const pages of [forward, backward]) for (const slugs of pages) expect(slugs.length).toBeLessThanOrEqual(size);
      });
    }
  }

  it('follows the expected date order, newest first, ties by slug, undated last', async () => {
    expect((await page({ first: 100 })).nodes.map((node) => node.slug)).toEqual(expected.dateDescOrder);
  });

  it('gives pages of 7 as the fixture expects', async () => {
    expect(await walkForward(7, 'DATE_DESC')).toHaveLength(5);
  });

  it('walks a filtered list exactly', async () => {
    const filter = { categories: ['Engineering'] };
    const forward = await walkForward(3, 'TITLE_ASC', filter);
    const backward = await walkBackward(3, 'TITLE_ASC', filter);
    expect(forward.flat()).toEqual(backward.flat());
    expect(forward.flat()).toHaveLength(8);
  });
});

describe('ordering', () => {
  it('breaks ties on the same date by slug, in both date directions', async () => {
    const tied = [
      'Engineering/Backend/GraphQL/cursor-pagination',
      'Engineering/Backend/GraphQL/dataloader-batching',
      'Engineering/Backend/GraphQL/schema-first-vs-code-first',
    ];
    for (const orderBy of ['DATE_DESC', 'DATE_ASC']) {
      const slugs: string[] = (await page({ first: 100, orderBy })).nodes.map((node) => node.slug);
      const positions = tied.map((slug) => slugs.indexOf(slug));
      expect(positions[1]).toBe(positions[0] + 1);
      expect(positions[2]).toBe(positions[0] + 2);
    }
  });

  it('lists undated articles last in DATE_ASC too', async () => {
    const undated = servedFiles
      .filter((file) => file.date === null)
      .map((file) => file.slug)
      .sort();
    const slugs: string[] = (await page({ first: 100, orderBy: 'DATE_ASC' })).nodes.map((node) => node.slug);
    expect(slugs.slice(-undated.length)).toEqual(undated);
  });

  it('orders by `updated`, which falls back to `date`, in UPDATED_DESC', async () => {
    const updatedOf = (file: (typeof servedFiles)[number]) => file.updated ?? file.date;
    const byUpdated = [...servedFiles].sort((a, b) => {
      const [left, right] = [updatedOf(a), updatedOf(b)];
      if (left !== right) return left === null ? 1 : right === null ? -1 : left < right ? 1 : -1;
      return a.slug < b.slug ? -1 : 1;
    });
    const slugs: string[] = (await page({ first: 100, orderBy: 'UPDATED_DESC' })).nodes.map((node) => node.slug);
    expect(slugs).toEqual(byUpdated.map((file) => file.slug));
    expect(slugs.indexOf('Engineering/Backend/connection-pool-sizing')).toBeLessThan(slugs.indexOf('Engineering/Backend/idempotency-keys'));
  });
});

describe('page arguments', () => {
  it('defaults to 20 articles and reports the total', async () => {
    const current = await page({});
    expect(current.nodes).toHaveLength(20);
    expect(current.totalCount).toBe(servedFiles.length);
    expect(current.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('takes the default page from the end when only `before` is given', async () => {
    const last = await page({ last: 1 });
    const current = await page({ before: last.pageInfo.startCursor });
    expect(current.nodes.map((node) => node.slug)).toEqual(expected.dateDescOrder.slice(-21, -1));
  });

  it('returns an empty page for first: 0', async () => {
    const current = await page({ first: 0 });
    expect(current.nodes).toEqual([]);
    expect(current.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null });
  });

  it('pages between two cursors', async () => {
    const all = await page({ first: 10 });
    const between = await page({ after: all.edges[2].cursor, before: all.edges[7].cursor, first: 100 });
    expect(between.nodes.map((node) => node.slug)).toEqual(all.nodes.slice(3, 7).map((node) => node.slug));
    expect(between.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it.each([
    [{ first: 101 }, /`first` must be at most 100/],
    [{ last: 500 }, /`last` must be at most 100/],
    [{ first: -1 }, /`first` must not be negative/],
    [{ last: -3 }, /`last` must not be negative/],
    [{ first: 1, last: 1 }, /either `first` or `last`/],
    [{ after: 'not-a-cursor' }, /`after` is not a cursor/],
    [{ before: '' }, /`before` is not a cursor/],
  ])('rejects %j with BAD_USER_INPUT', async (variables, message) => {
    const body = await server.request(PAGE, variables);
    expect(badUserInputMessage(body)).toMatch(message);
    expect(body.data).toBeNull();
  });

  it('rejects a cursor made for another order', async () => {
    const { endCursor } = (await page({ first: 1, orderBy: 'TITLE_ASC' })).pageInfo;
    const body = await server.request(PAGE, { after: endCursor, orderBy: 'DATE_DESC' });
    expect(badUserInputMessage(body)).toMatch(/cursor for orderBy TITLE_ASC/);
  });

  it('honours a configured cap', async () => {
    const small = await startTestServer({ pagination: { maxPageSize: 5, defaultPageSize: 3 } });
    try {
      expect((await small.data(PAGE, {})).articles.nodes).toHaveLength(3);
      expect(badUserInputMessage(await small.request(PAGE, { first: 6 }))).toMatch(/at most 5/);
    } finally {
      await small.close();
    }
  });

  it('keeps a cursor usable on a list that no longer holds its article', async () => {
    const all = (await page({ first: 100 })).edges;
    // A cursor used on a list its article is not part of still lands in the right place.
    const filter = { language: 'zh' };
    const filtered = (await page({ first: 100, filter })).nodes.map((node) => node.slug);
    const goneIndex = all.findIndex((edge, index) => index > 2 && !filtered.includes(edge.node.slug));
    const gone = all[goneIndex];
    const after = (await page({ first: 100, after: gone.cursor, filter })).nodes.map((node) => node.slug);
    const expectedAfter = all
      .slice(goneIndex + 1)
      .map((edge) => edge.node.slug)
      .filter((slug) => filtered.includes(slug));
    expect(after).toEqual(expectedAfter);
  });
});
