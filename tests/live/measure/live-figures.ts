/**
 * Figures for live reload and search, printed, not asserted (timings depend on the machine):
 *
 *   npx ts-node --transpile-only tests/live/measure/live-figures.ts [CORPUS_DIR]
 *
 * 1. Time from a file write to the change being visible over HTTP, median of 20, on a small site.
 * 2. On a copy of CORPUS_DIR (default bench/corpus-out/10000; see bench/README.md to generate
 *    it): cost of a one-file reload, of a full rescan, of one article's change to the search
 *    index, and search latency in the engine and over HTTP.
 */
import 'reflect-metadata';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ContentStore } from '../../../src/content/content-store';
import { SearchIndex, searchDocumentOf } from '../../../src/content/search';
import { openWatchedContent } from '../../../src/content/watch';
import { startServerUnderTest } from '../../helpers/server';
import type { GraphQLBody } from '../../helpers/harness';
import { makeTree } from '../../helpers/temp-tree';

const QUERIES = ['数据', '维修服务', '合作计划 -年度', '"security patch"', 'recycl*', 'map service', '城市 roadmap', '开源社区'];

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
  return `median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms (n=${samples.length})`;
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLBody;
}

async function writeToVisible(): Promise<void> {
  const page = (title: string) => `\n---\ntitle: '${title}'\ndate: 2024-05-01 10:00:00\n---\n\nBody text.\n`;
  const tree = await makeTree({ 'a.md': page('edit 0'), 'b.md': page('other') });
  const { store, watcher } = await openWatchedContent(tree.root);
  const server = await startServerUnderTest({ content: store, port: 0, logger: pino({ level: 'silent' }) });
  await server.ready;
  const samples: number[] = [];
  for (let edit = 1; edit <= 20; edit++) {
    const started = performance.now();
    await writeFile(path.join(tree.root, 'a.md'), page(`edit ${edit}`));
    for (;;) {
      const { data } = await post(server.url, '{ article(slug: "a") { title } }');
      if (data?.article?.title === `edit ${edit}`) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    samples.push(performance.now() - started);
    await watcher.settled();
  }
  console.log(`write -> visible over HTTP: ${summary(samples)}`);
  await server.close();
  await watcher.close();
  await tree.remove();
}

async function atScale(corpus: string): Promise<void> {
  const root = await mkdtemp(path.join(tmpdir(), 'live-figures-'));
  await cp(corpus, root, { recursive: true });
  let started = performance.now();
  const store = await ContentStore.open(root);
  const { status } = store.current();
  console.log(`corpus: ${status.articles} articles; initial load ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const articles = store.current().findArticles({}, 'DATE_DESC');
  const samples: number[] = [];
  for (let round = 0; round < 10; round++) {
    const target = articles[(round * 997) % articles.length];
    const file = path.join(root, target.path);
    await writeFile(file, `${await readFile(file, 'utf8')}\n\nEdited paragraph ${round}.\n`);
    started = performance.now();
    await store.reloadPaths([target.path]);
    samples.push(performance.now() - started);
  }
  console.log(`one-file reload (read, parse, snapshot, search index): ${summary(samples)}`);
  started = performance.now();
  await store.reload();
  console.log(`full rescan without changes: ${(performance.now() - started).toFixed(0)} ms`);

  const index = new SearchIndex();
  const bodies = store.current().bodiesBySlug(articles.map((article) => article.slug));
  const documents = articles.map((article, position) => searchDocumentOf(article, bodies[position]!));
  started = performance.now();
  for (const document of documents) index.add(document);
  console.log(`search index build: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const cowSamples: number[] = [];
  let current = index;
  for (let round = 0; round < 20; round++) {
    const document = documents[(round * 311) % documents.length];
    started = performance.now();
    current = current.withChanges([{ ...document, title: `${document.title} ${round}` }], []);
    cowSamples.push(performance.now() - started);
  }
  console.log(`SearchIndex.withChanges, one article: ${summary(cowSamples)}`);

  const engineSamples: number[] = [];
  const snapshot = store.current();
  for (let round = 0; round < 25; round++) {
    for (const query of QUERIES) {
      started = performance.now();
      snapshot.searchArticles(query, { limit: 20 });
      engineSamples.push(performance.now() - started);
    }
  }
  console.log(`search, engine, first page of 20: ${summary(engineSamples)}`);

  const server = await startServerUnderTest({ content: store, port: 0, logger: pino({ level: 'silent' }) });
  await server.ready;
  const httpSamples: number[] = [];
  const query =
    'query($q: String!) { search(query: $q, first: 20) { totalCount edges { cursor node { score article { slug title } section { anchor } highlights { field html ranges { start end } } } } } }';
  for (let round = 0; round < 25; round++) {
    for (const text of QUERIES) {
      started = performance.now();
      const body = await post(server.url, query, { q: text });
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      httpSamples.push(performance.now() - started);
    }
  }
  console.log(`search over HTTP, one client, first page of 20 with highlights: ${summary(httpSamples)}`);
  await server.close();
  await rm(root, { recursive: true, force: true });
}

async function main(): Promise<void> {
  await writeToVisible();
  await atScale(process.argv[2] ?? 'bench/corpus-out/10000');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
