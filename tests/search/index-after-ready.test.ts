/**
 * A first load serves before its search index is built (the index follows in slices). A search
 * that arrives first gets the answer a fully built index gives: same totals, order, scores and
 * highlights as a server that had all the time it wanted to build it.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeCorpus } from '../../bench/corpus/generate';
import { ContentStore } from '../../src/content/content-store';
import { startTestServer, type TestServer } from '../helpers/harness';

const SEARCH = /* GraphQL */ `
  query Search($query: String!, $first: Int) {
    search(query: $query, first: $first) {
      totalCount
      edges {
        cursor
        node {
          score
          article {
            slug
          }
          section {
            anchor
          }
          highlights {
            field
            text
            html
          }
        }
      }
    }
  }
`;

const TITLE = /* GraphQL */ `
  query Title($slug: String!) {
    article(slug: $slug) {
      title
    }
  }
`;

/** Enough articles that building their index takes many slices. */
const ARTICLES = 600;
/** Idle time that lets the slices of the second server's build all run first. */
const SETTLE_MS = 3_000;

let root: string;
let articleSlug: string;
const servers: TestServer[] = [];

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'index-after-ready-'));
  ({
    samples: { articleSlug },
  } = await writeCorpus({ articles: ARTICLES, seed: 3, outDir: root }));
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await fs.rm(root, { recursive: true, force: true });
});

async function serve(): Promise<TestServer> {
  const server = await startTestServer({ content: ContentStore.open(root) });
  servers.push(server);
  return server;
}

test('a search sent as soon as the server is ready answers as one sent once the index is built', async () => {
  const early = await serve();
  const title = await early.data(TITLE, { slug: articleSlug });
  const { article } = title as { article: { title: string } };
  // A few words of a real title: matches across many articles, with highlights in titles and sections.
  const query = article.title.split(/\s+/).slice(0, 3).join(' ');
  const first = await early.request(SEARCH, { query, first: 50 });

  const settled = await serve();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const second = await settled.request(SEARCH, { query, first: 50 });

  expect(first.errors).toBeUndefined();
  const { search } = first.data as { search: { totalCount: number } };
  expect(search.totalCount).toBeGreaterThan(0);
  expect(JSON.stringify(first.data)).toBe(JSON.stringify(second.data));
}, 180_000);

test('a search sent before the index is built waits for it without holding other requests or spending its time limit', async () => {
  // Far below what finishing the build on the spot takes, far above what the search itself does.
  const server = await startTestServer({ content: ContentStore.open(root), limits: { timeoutMs: 40 } });
  servers.push(server);
  const finished: string[] = [];
  const search = server.request(SEARCH, { query: 'the', first: 5 }).then((body) => {
    finished.push('search');
    return body;
  });
  const title = server.request(TITLE, { slug: articleSlug }).then((body) => {
    finished.push('title');
    return body;
  });
  const [searched, titled] = await Promise.all([search, title]);

  expect(searched.errors).toBeUndefined();
  expect((searched.data as { search: { totalCount: number } }).search.totalCount).toBeGreaterThan(0);
  expect(titled.errors).toBeUndefined();
  expect(finished).toEqual(['title', 'search']);
}, 60_000);
