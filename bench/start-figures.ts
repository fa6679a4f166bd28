/**
 * Start-up of one corpus in one run: the gateway without the parse cache, with an empty one (cold)
 * and with the one the cold start left (warm), and Hexo's own load of the same files as the peer
 * (`hexo-peer.ts`). Each gateway figure runs from spawn to `/readyz`, then times the first search
 * (the search index is built after ready) and the memory it leaves resident.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CorpusManifest } from './corpus/generate';
import { measureHexo, type HexoFigures } from './hexo-peer';
import { findRepoRoot, queryOnce, startMeasuredServer, type LoadFigures, type ServerCommand } from './measure';
import { benchOperations } from './operations';
import { table } from './table';

const ROOT = findRepoRoot(__dirname);
const READY_TIMEOUT_MS = 30 * 60_000;

/** The load figures, and what the first search after them costs and leaves resident. */
export interface StartFigures extends LoadFigures {
  firstSearchMs: number;
  rssWithSearchIndexMiB: number;
}

export interface StartRow {
  articles: number;
  files: number;
  noCache: StartFigures;
  cold: StartFigures;
  warm: StartFigures;
  warmOverNoCache: number;
  hexo: HexoFigures;
}

const gateway = (cacheArgs: string[]): ServerCommand => ({
  name: 'gateway',
  args: (content, port) => [
    path.join(ROOT, 'dist/cli.js'),
    'serve',
    '--content',
    content,
    '--port',
    String(port),
    '--no-watch',
    ...cacheArgs,
  ],
  env: { LOG_FORMAT: 'json', NODE_ENV: 'production' },
});

async function measureStart(command: ServerCommand, dir: string, manifest: CorpusManifest): Promise<StartFigures> {
  const operations = benchOperations({ articleSlug: manifest.samples.articleSlug, categorySlug: manifest.samples.categoryPath.join('/') });
  const search = operations.find((operation) => operation.name === 'search');
  if (search === undefined) throw new Error('the bench operations have no search');
  const server = await startMeasuredServer(command, dir, manifest.files, operations[0], READY_TIMEOUT_MS);
  try {
    // The search index may be built after ready: the first search waits for it, and then memory holds it.
    const before = performance.now();
    await queryOnce(server.url, search);
    return { ...server.load, firstSearchMs: Math.round(performance.now() - before), rssWithSearchIndexMiB: server.rssMiB() };
  } finally {
    await server.stop();
  }
}

/** No cache, cold, warm and (unless `withHexo` is false) Hexo on the corpus in `dir`, one after the other. */
export async function measureStarts(dir: string, manifest: CorpusManifest, withHexo = true): Promise<StartRow> {
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'bench-cache-'));
  try {
    const noCache = await measureStart(gateway(['--no-cache']), dir, manifest);
    const cold = await measureStart(gateway(['--cache-dir', cacheDir]), dir, manifest);
    const warm = await measureStart(gateway(['--cache-dir', cacheDir]), dir, manifest);
    const hexo: HexoFigures = withHexo ? await measureHexo(dir, manifest.files) : { skipped: 'not measured in this run (--hexo-sizes)' };
    return {
      articles: manifest.articles,
      files: manifest.files,
      noCache,
      cold,
      warm,
      warmOverNoCache: +(noCache.readyMs / warm.readyMs).toFixed(2),
      hexo,
    };
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

/** The row as a table: the gateway's three starts and Hexo's two loads side by side. */
export function formatStarts(row: StartRow): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  const gatewayRows = (['noCache', 'cold', 'warm'] as const).map((start) => {
    const figures = row[start];
    const name = { noCache: 'gateway --no-cache', cold: 'gateway, cold cache', warm: 'gateway, warm cache' }[start];
    return [
      name,
      seconds(figures.readyMs),
      String(figures.filesPerSecond),
      String(figures.rssAfterLoadMiB),
      seconds(figures.firstSearchMs),
      String(figures.rssWithSearchIndexMiB),
    ];
  });
  const hexo = row.hexo;
  const hexoRows =
    'skipped' in hexo
      ? [['hexo 7.3', `skipped: ${hexo.skipped}`, '', '', '', '']]
      : (['cold', 'warm'] as const).map((start) => {
          const load = hexo[start];
          return [
            `hexo 7.3, ${start === 'cold' ? 'no db.json' : 'with db.json'} (${load.posts} posts)`,
            seconds(load.loadedMs),
            String(load.filesPerSecond),
            String(load.rssMiB),
            '-',
            '-',
          ];
        });
  return `start-up, ${row.files} files (hexo: from spawn to the end of hexo.load())\n\n${table(
    ['start', 'ready s', 'files/s', 'RSS at ready MiB', 'first search s', 'RSS with index MiB'],
    [...gatewayRows, ...hexoRows],
  )}`;
}
