/**
 * Hexo's own load of a corpus, the peer a user of the gateway would pick: `hexo` 7.3 with its
 * default markdown renderer, loading `source/_posts` the way `hexo server` and `hexo generate` do
 * (`hexo.load()`: every file read, its front matter parsed and its body rendered). Cold is a site
 * without `db.json`; warm is the next process, with the `db.json` the cold one saved (Hexo then skips
 * the files whose hash it holds). Each load runs in a process of its own, timed from its spawn.
 *
 * Hexo is not a dependency of the project: it is installed into a scratch folder below the system's
 * temporary directory on first use, and the figures are skipped, with the reason, when it cannot be.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const HEXO_VERSION = '7.3.0';
/** Hexo's default markdown renderer, as `hexo init` sets a site up with it. */
const RENDERER = { 'hexo-renderer-marked': '7.0.1' };
/**
 * Hexo's load grows much faster than the corpus (measured here: 5 s cold for 1,000 posts, 749 s for
 * 10,000), so a load that outlasts this is reported as not finished rather than waited for.
 */
const HEXO_LOAD_TIMEOUT_MS = 20 * 60_000;
const SCRATCH = path.join(os.tmpdir(), `content-gateway-bench-hexo-${HEXO_VERSION}`);

export interface HexoLoad {
  /** From spawn to the end of `hexo.load()`. */
  loadedMs: number;
  filesPerSecond: number;
  posts: number;
  rssMiB: number;
}

export type HexoFigures = { cold: HexoLoad; warm: HexoLoad } | { skipped: string };

/**
 * The load script, run by `node` in the scratch folder so that `require('hexo')` finds its install.
 * `performance.now()` counts from the process's start, as the gateway's figures count from its spawn.
 */
const LOAD_SCRIPT = `
const Hexo = require('hexo');
const hexo = new Hexo(process.argv[1], { silent: true });
hexo.init()
  .then(() => hexo.load())
  .then(() => {
    const loadedMs = performance.now();
    const posts = hexo.locals.get('posts').length;
    const rssMiB = process.memoryUsage().rss / 2 ** 20;
    return hexo.exit().then(() => process.stdout.write(JSON.stringify({ loadedMs, posts, rssMiB })));
  });
`;

/** Hexo's cold and warm loads of `corpusDir`, or why they were skipped. */
export async function measureHexo(corpusDir: string, files: number): Promise<HexoFigures> {
  const installed = await installHexo();
  if (installed !== null) return { skipped: installed };
  const site = path.join(SCRATCH, `site-${path.basename(corpusDir)}`);
  await makeSite(site, corpusDir);
  try {
    const cold = await loadOnce(site, files);
    const warm = await loadOnce(site, files);
    return { cold, warm };
  } catch (error) {
    if ((error as { killed?: boolean }).killed)
      return { skipped: `hexo.load() did not finish within ${HEXO_LOAD_TIMEOUT_MS / 60_000} min` };
    return { skipped: `hexo failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  } finally {
    await rm(site, { recursive: true, force: true });
  }
}

/** Null once Hexo is installed in the scratch folder; else why it could not be. */
async function installHexo(): Promise<string | null> {
  if (existsSync(path.join(SCRATCH, 'node_modules', 'hexo', 'package.json'))) return null;
  await mkdir(SCRATCH, { recursive: true });
  await writeFile(path.join(SCRATCH, 'package.json'), '{ "private": true }\n');
  try {
    await run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--no-save',
        `hexo@${HEXO_VERSION}`,
        ...Object.entries(RENDERER).map(([name, version]) => `${name}@${version}`),
      ],
      { cwd: SCRATCH },
    );
    return null;
  } catch (error) {
    return `hexo could not be installed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}

/** A Hexo site whose `source/_posts` is the corpus; Hexo's defaults apart from the site's name. */
async function makeSite(site: string, corpusDir: string): Promise<void> {
  await rm(site, { recursive: true, force: true });
  await mkdir(path.join(site, 'source'), { recursive: true });
  await writeFile(path.join(site, '_config.yml'), 'title: bench\nurl: http://localhost\n');
  // Hexo loads the plugins the site's package.json depends on, from the site's own node_modules.
  const manifest = { private: true, hexo: { version: HEXO_VERSION }, dependencies: RENDERER };
  await writeFile(path.join(site, 'package.json'), `${JSON.stringify(manifest)}\n`);
  await symlink(path.join(SCRATCH, 'node_modules'), path.join(site, 'node_modules'));
  await symlink(path.resolve(corpusDir), path.join(site, 'source', '_posts'));
}

async function loadOnce(site: string, files: number): Promise<HexoLoad> {
  const { stdout } = await run(process.execPath, ['-e', LOAD_SCRIPT, site], {
    cwd: SCRATCH,
    maxBuffer: 2 ** 20,
    timeout: HEXO_LOAD_TIMEOUT_MS,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const { loadedMs, posts, rssMiB } = JSON.parse(stdout) as { loadedMs: number; posts: number; rssMiB: number };
  return { loadedMs: Math.round(loadedMs), filesPerSecond: Math.round(files / (loadedMs / 1000)), posts, rssMiB: Math.round(rssMiB) };
}
