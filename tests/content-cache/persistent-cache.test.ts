/**
 * The persistent parse cache through `serve` (needs `npm run build`): a warm start reads and parses
 * nothing, and whatever the cache holds, the answers equal a start without it, byte for byte.
 */
import { appendFile, mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { PACK_FILE } from '../../src/content/cache/pack-file';
import { BODIES_FOLDER } from '../../src/content/cache/body-file';
import { waitFor } from '../live/live-site';
import path from 'node:path';
import {
  broadAnswer,
  cachedStart,
  cacheCounts,
  copyFixture,
  currentBodyFile,
  feedAnswer,
  scratch,
  startServe,
  uncachedAnswer,
  warnings,
} from './serve-cache';

jest.setTimeout(120_000);

/** The entry files of the cache's one entry directory, not its `bodies` folder nor its pack. */
async function entryFiles(cacheDir: string): Promise<string[]> {
  const [key] = await readdir(cacheDir);
  return (await readdir(path.join(cacheDir, key)))
    .filter((name) => name !== BODIES_FOLDER && name !== PACK_FILE)
    .map((name) => path.join(cacheDir, key, name));
}

/** The pack of the cache's one entry directory. */
async function packFile(cacheDir: string): Promise<string> {
  const [key] = await readdir(cacheDir);
  return path.join(cacheDir, key, PACK_FILE);
}

/** The pack's bytes once a pack other than `than` is there: a start writes it after its load, in the background. */
const packWritten = async (cacheDir: string, than: Buffer | null = null) => {
  const file = await packFile(cacheDir);
  return waitFor(async () => {
    const bytes = await readFile(file).catch(() => null);
    return bytes !== null && (than === null || !bytes.equals(than)) ? bytes : null;
  }, 'the pack to be written');
};

/** Damages three files in three ways: a flipped byte, a truncation and another program's file. */
async function damage([corrupted, truncated, foreign]: string[]): Promise<void> {
  const bytes = await readFile(corrupted);
  bytes[Math.floor(bytes.length / 2)] ^= 0x20;
  await writeFile(corrupted, bytes);
  await writeFile(truncated, (await readFile(truncated)).subarray(0, 100));
  await writeFile(foreign, 'SQLite format 3\0 not ours');
}

/** A copy of the fixture site after a cold start on a cache of its own, once that start's pack is written. */
async function packedSite() {
  const { directory, remove } = await scratch();
  const content = await copyFixture('tests/fixtures/site', directory);
  const cacheDir = path.join(directory, 'cache');
  const expected = await uncachedAnswer(content);
  const { parsed } = (await cachedStart(content, cacheDir)).counts;
  return { remove, content, cacheDir, expected, parsed, pack: await packWritten(cacheDir) };
}

interface StatusAnswer {
  data: { contentStatus: { diagnostics: { code: string; path: string }[] }; articles: unknown };
}

describe('the persistent parse cache', () => {
  it('answers as a start without it after a cold start, a warm one, a touch, an edit and a change of parse settings', async () => {
    const { directory, remove } = await scratch();
    try {
      const content = await copyFixture('tests/fixtures/site', directory);
      const cacheDir = path.join(directory, 'cache');
      const expected = await uncachedAnswer(content);

      const cold = await cachedStart(content, cacheDir);
      expect(cold.counts).toMatchObject({ cached: 0, verified: 0 });
      const parsed = cold.counts.parsed;
      expect(parsed).toBeGreaterThan(20);
      expect(cold.answer).toBe(expected);
      // Then each start below finds the pack, and the stamps of touched and edited files must pass it by.
      await packWritten(cacheDir);

      const warm = await cachedStart(content, cacheDir);
      expect(warm.answer).toBe(expected);
      expect(warm.counts).toEqual({ cached: parsed, verified: 0, parsed: 0 });

      const old = new Date(Date.now() - 60_000);

      const touched = path.join(content, 'release-checklist.md');
      await utimes(touched, old, old);
      const afterTouch = await cachedStart(content, cacheDir);
      expect(afterTouch.counts).toMatchObject({ verified: 1, parsed: 0 });
      expect(afterTouch.answer).toBe(expected);
      expect((await cachedStart(content, cacheDir)).counts).toMatchObject({ verified: 0, parsed: 0, cached: parsed });

      await appendFile(touched, '\n### An added section\n\nWith the word the in it.\n');
      await utimes(touched, old, new Date(Date.now() - 30_000));
      const edited = await uncachedAnswer(content);
      expect(edited).not.toBe(expected);
      const afterEdit = await cachedStart(content, cacheDir);
      expect(afterEdit.counts).toMatchObject({ parsed: 1 });
      expect(afterEdit.answer).toBe(edited);

      const shanghai = { CONTENT_TIME_ZONE: 'Asia/Shanghai', CONTENT_EXCERPT_LENGTH: '40' };
      const otherSettings = await cachedStart(content, cacheDir, shanghai);
      expect(otherSettings.counts).toMatchObject({ cached: 0, verified: 0, parsed });
      expect(otherSettings.answer).toBe(await uncachedAnswer(content, shanghai));
      expect(otherSettings.answer).not.toBe(edited);
      expect((await cachedStart(content, cacheDir)).answer).toBe(edited);
    } finally {
      await remove();
    }
  });

  it('rebuilds corrupted, truncated and foreign entries from the files, with one warning', async () => {
    const { directory, remove } = await scratch();
    try {
      const content = await copyFixture('tests/fixtures/site', directory);
      const cacheDir = path.join(directory, 'cache');
      const expected = await uncachedAnswer(content);
      await cachedStart(content, cacheDir);
      await damage(await entryFiles(cacheDir));
      // Without the pack, which holds whole copies of the entries, the start reads the entry files.
      await rm(await packFile(cacheDir), { force: true });

      const run = await startServe(content, ['--cache-dir', cacheDir, '--no-watch']);
      try {
        expect(warnings(run)).toEqual([expect.stringMatching(/3 unusable entries rebuilt from the files/)]);
        expect(cacheCounts(run)).toMatchObject({ parsed: 3 });
        const answer = JSON.parse(await broadAnswer(run)) as StatusAnswer;
        expect(answer.data.contentStatus.diagnostics.filter(({ code }) => code === 'CACHE_ENTRY_INVALID')).toHaveLength(3);
        expect(answer.data.articles).toEqual((JSON.parse(expected) as typeof answer).data.articles);
      } finally {
        await run.stop();
      }
      const next = await cachedStart(content, cacheDir);
      expect(next.warnings).toEqual([]);
      expect(next.counts).toMatchObject({ parsed: 0 });
      expect(next.answer).toBe(expected);
    } finally {
      await remove();
    }
  });

  it('rebuilds corrupted, truncated, foreign and deleted body files from the files, warned once per file, never a wrong answer', async () => {
    const { directory, remove } = await scratch();
    try {
      const content = await copyFixture('tests/fixtures/site', directory);
      const cacheDir = path.join(directory, 'cache');
      const expected = await uncachedAnswer(content);
      const uncached = await startServe(content, ['--no-cache', '--no-watch']);
      const expectedFeed = await feedAnswer(uncached).finally(() => uncached.stop());
      await cachedStart(content, cacheDir);
      // The bodies of four served articles.
      const served = (JSON.parse(expected) as { data: { articles: { nodes: { path: string }[] } } }).data.articles.nodes;
      const bodies = await Promise.all(
        served.slice(0, 4).map(({ path: relative }) => currentBodyFile(cacheDir, path.join(content, relative))),
      );
      await damage(bodies);
      await rm(bodies[3]);

      const run = await startServe(content, ['--cache-dir', cacheDir, '--no-watch']);
      try {
        // The entries are sound: the start itself reads no body.
        expect(cacheCounts(run)).toMatchObject({ parsed: 0, verified: 0 });
        const answer = JSON.parse(await broadAnswer(run)) as StatusAnswer;
        expect(answer.data.articles).toEqual((JSON.parse(expected) as StatusAnswer).data.articles);
        expect(await feedAnswer(run)).toBe(expectedFeed);
        // Reported from the next snapshot on: the one the broad answer pinned was made before the bodies were read.
        const reported = await waitFor(async () => {
          const status = JSON.parse(await broadAnswer(run)) as StatusAnswer;
          const invalid = status.data.contentStatus.diagnostics.filter(({ code }) => code === 'CACHE_ENTRY_INVALID');
          return invalid.length === 4 ? invalid : null;
        }, 'the four bodies to be reported');
        expect(new Set(reported.map((diagnostic) => diagnostic.path)).size).toBe(4);
        const counted = warnings(run).map((message) => Number(/(\d+) unusable bodies rebuilt from the files/.exec(message)?.[1]));
        expect(counted.reduce((sum, count) => sum + count, 0)).toBe(4);
      } finally {
        await run.stop();
      }
      // Rebuilt in place: the next start finds every body sound.
      const next = await startServe(content, ['--cache-dir', cacheDir, '--no-watch']);
      try {
        expect(await broadAnswer(next)).toBe(expected);
        expect(warnings(next)).toEqual([]);
      } finally {
        await next.stop();
      }
    } finally {
      await remove();
    }
  });

  it('serves a warm start from its pack alone, and rebuilds an unusable pack from the entries, with one warning', async () => {
    const { remove, content, cacheDir, expected, parsed, pack } = await packedSite();
    try {
      // With every entry file gone, only the pack can tell the files are unchanged.
      for (const file of await entryFiles(cacheDir)) await rm(file);
      const fromPack = await cachedStart(content, cacheDir);
      expect(fromPack).toEqual({ counts: { cached: parsed, verified: 0, parsed: 0 }, answer: expected, warnings: [] });

      const damaged = Buffer.from(pack);
      damaged[Math.floor(damaged.length / 2)] ^= 0x20;
      await writeFile(await packFile(cacheDir), damaged);
      const run = await startServe(content, ['--cache-dir', cacheDir, '--no-watch']);
      try {
        expect(warnings(run)).toEqual([expect.stringMatching(/the pack of the cache's entries was unusable \(checksum mismatch/)]);
        expect(cacheCounts(run)).toMatchObject({ cached: 0, parsed });
        const answer = JSON.parse(await broadAnswer(run)) as StatusAnswer;
        expect(answer.data.contentStatus.diagnostics).toContainEqual(expect.objectContaining({ code: 'CACHE_PACK_INVALID', path: '.' }));
        expect(answer.data.articles).toEqual((JSON.parse(expected) as StatusAnswer).data.articles);
        await packWritten(cacheDir, damaged);
      } finally {
        await run.stop();
      }
      for (const file of await entryFiles(cacheDir)) await rm(file);
      expect(await cachedStart(content, cacheDir)).toEqual({
        counts: { cached: parsed, verified: 0, parsed: 0 },
        answer: expected,
        warnings: [],
      });
    } finally {
      await remove();
    }
  });

  it('serves on when its pack cannot be read nor written, saying so', async () => {
    const { remove, content, cacheDir, expected, parsed } = await packedSite();
    try {
      // A directory where the pack goes: it cannot be read, and no file can be renamed over it.
      const pack = await packFile(cacheDir);
      await rm(pack);
      await mkdir(pack);
      const run = await startServe(content, ['--cache-dir', cacheDir, '--no-watch']);
      try {
        expect(cacheCounts(run)).toEqual({ cached: parsed, verified: 0, parsed: 0 });
        expect(await broadAnswer(run)).toContain('CACHE_PACK_INVALID');
        await waitFor(() => warnings(run).find((message) => message.includes('the pack could not be written')), 'the failed pack write');
        expect(warnings(run)).toEqual([
          expect.stringMatching(/the pack of the cache's entries was unusable \(cannot be read: .*EISDIR/),
          expect.stringMatching(/the pack could not be written \(.*\); the next start reads the entry files one by one/),
        ]);
        const answer = JSON.parse(await broadAnswer(run)) as StatusAnswer;
        expect(answer.data.articles).toEqual((JSON.parse(expected) as StatusAnswer).data.articles);
      } finally {
        await run.stop();
      }
    } finally {
      await remove();
    }
  });

  it('serves without a cache directory that cannot be created, with one warning', async () => {
    const { directory, remove } = await scratch();
    try {
      const content = await copyFixture('tests/fixtures/site', directory);
      const blocker = path.join(directory, 'a-file');
      await writeFile(blocker, 'not a directory');
      const run = await startServe(content, ['--cache-dir', path.join(blocker, 'cache'), '--no-watch']);
      try {
        expect(warnings(run)).toEqual([expect.stringMatching(/content cache .* cannot be used \(ENOTDIR/)]);
        const answer = JSON.parse(await broadAnswer(run)) as { data: { contentStatus: { diagnostics: { code: string; path: string }[] } } };
        expect(answer.data.contentStatus.diagnostics).toContainEqual(expect.objectContaining({ code: 'CACHE_UNAVAILABLE', path: '.' }));
        expect(JSON.stringify(answer)).not.toContain(directory);
      } finally {
        await run.stop();
      }
    } finally {
      await remove();
    }
  });
});
