/**
 * Article.related over HTTP against every article scored whole, on a generated corpus: the lists
 * the server prunes its way to must be the ones scoring every other article would give. The
 * taxonomy part of the expected score is computed here from what GraphQL says of each article
 * (tags, categories and their ancestors, with their article counts); the text part from a search
 * index built here over the same articles. The corpus is small enough that no term has more
 * holders than the walk takes, so nothing but the pruning stands between the two.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeCorpus } from '../../bench/corpus/generate';
import { ContentStore } from '../../src/content/content-store';
import { RELATED_COUNT } from '../../src/content/related';
import { RELATED_TERM_WALK, RELATED_TEXT_QUERY, TAXONOMY_SHARE, TEXT_SHARE } from '../../src/content/related/settings';
import { SearchIndex, searchDocumentOf } from '../../src/content/search';
import { startTestServer, type TestServer } from '../helpers/harness';

const ARTICLES = 400;

const PAGE = /* GraphQL */ `
  query Page($after: String) {
    articles(first: 25, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        slug
        date
        tags {
          slug
          articleCount
        }
        categories {
          slug
          articleCount
          ancestors {
            slug
            articleCount
          }
        }
        related(first: ${RELATED_COUNT.max}) {
          score
          article {
            slug
          }
        }
      }
    }
  }
`;

interface Counted {
  slug: string;
  articleCount: number;
}

interface PageNode {
  slug: string;
  date: string | null;
  tags: Counted[];
  categories: (Counted & { ancestors: Counted[] })[];
  related: { score: number; article: { slug: string } }[];
}

/** What one article holds, as weighted terms: `tag:` and `category:` keys to their holder counts. */
interface Held {
  slug: string;
  time: number | null;
  terms: Map<string, number>;
}

function heldBy(node: PageNode): Held {
  const terms = new Map<string, number>();
  for (const tag of node.tags) terms.set(`tag:${tag.slug}`, tag.articleCount);
  for (const category of node.categories)
    for (const each of [category, ...category.ancestors]) terms.set(`category:${each.slug}`, each.articleCount);
  return { slug: node.slug, time: node.date === null ? null : Date.parse(node.date), terms };
}

/** Score desc, then newer (undated last), then slug by code units. */
function rankOrder(a: { score: number; held: Held }, b: { score: number; held: Held }): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.held.time !== b.held.time) {
    if (a.held.time === null) return 1;
    if (b.held.time === null) return -1;
    return b.held.time - a.held.time;
  }
  return a.held.slug < b.held.slug ? -1 : a.held.slug > b.held.slug ? 1 : 0;
}

/** Every other article scored whole, best first: the list no pruning stands in front of. */
function scoredWhole(article: Held, all: readonly Held[], text: ReadonlyMap<string, number>) {
  const weights = new Map([...article.terms].map(([term, holders]) => [term, Math.log(all.length / holders)]));
  // Heaviest first, as the server sums: the same terms then weigh exactly the same.
  const heaviestFirst = [...weights].filter(([, weight]) => weight > 0).sort((a, b) => b[1] - a[1]);
  const total = heaviestFirst.reduce((sum, [, weight]) => sum + weight, 0);
  return all
    .filter((other) => other.slug !== article.slug)
    .map((other) => {
      const shared = heaviestFirst.reduce((sum, [term, weight]) => (other.terms.has(term) ? sum + weight : sum), 0);
      const taxonomy = total === 0 ? 0 : shared / total;
      return { held: other, score: TAXONOMY_SHARE * taxonomy + TEXT_SHARE * Math.min(1, text.get(other.slug) ?? 0) };
    })
    .filter((entry) => entry.score > 0)
    .sort(rankOrder);
}

let temp: string;
let server: TestServer;
let nodes: PageNode[];
let index: SearchIndex;

beforeAll(async () => {
  temp = await fs.mkdtemp(path.join(os.tmpdir(), 'related-exhaustive-'));
  await writeCorpus({ articles: ARTICLES, seed: 3, outDir: temp });
  const store = await ContentStore.open(temp);
  index = new SearchIndex();
  const articles = store.current().findArticles({}, 'DATE_DESC');
  const bodies = store.current().bodiesBySlug(articles.map((article) => article.slug));
  articles.forEach((article, position) => {
    const html = bodies[position];
    if (html === null) throw new Error(`${article.slug}: no body`);
    index.add(searchDocumentOf(article, html));
  });
  server = await startTestServer({ content: store });
  nodes = [];
  for (let after: string | null = null; ;) {
    const { articles } = await server.data(PAGE, { after });
    nodes.push(...(articles.nodes as PageNode[]));
    if (!articles.pageInfo.hasNextPage) break;
    after = articles.pageInfo.endCursor as string;
  }
}, 120_000);

afterAll(async () => {
  await server.close();
  await fs.rm(temp, { recursive: true, force: true });
});

describe('Article.related against every article scored whole', () => {
  it('serves a corpus where the lists fill up and no term is cut short', () => {
    const all = nodes.map(heldBy);
    expect(all).toHaveLength(index.size);
    const holders = new Set(all.flatMap((article) => [...article.terms.values()]));
    expect(Math.max(...holders)).toBeLessThanOrEqual(RELATED_TERM_WALK);
    // The list fills, so there is something to prune, for nearly every article.
    const full = nodes.filter((node) => node.related.length === RELATED_COUNT.max);
    expect(full.length).toBeGreaterThan(nodes.length * 0.9);
  });

  it('lists for every article what scoring every other one would, in the same order and with the same scores', () => {
    const all = nodes.map(heldBy);
    for (const [position, node] of nodes.entries()) {
      const expected = scoredWhole(all[position], all, index.textNeighbours(node.slug, RELATED_TEXT_QUERY))
        .slice(0, RELATED_COUNT.max)
        .map((entry) => ({ slug: entry.held.slug, score: entry.score }));
      const served = node.related.map((entry) => ({ slug: entry.article.slug, score: entry.score }));
      expect({ article: node.slug, related: served }).toEqual({ article: node.slug, related: expected });
    }
  });
});
