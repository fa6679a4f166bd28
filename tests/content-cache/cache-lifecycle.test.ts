/**
 * The parse cache across a server's life (needs `npm run build`): live edits reach it, a process
 * killed while writing it leaves it right, and two processes started at once share it.
 */
import { existsSync } from 'node:fs';
import { appendFile, readdir, rename, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BODIES_FOLDER } from '../../src/content/cache/body-file';
import { PACK_FILE } from '../../src/content/cache/pack-file';
import { post, writeTree } from '../helpers/temp-tree';
import { waitFor } from '../live/live-site';
import { broadAnswer, cachedStart, copyFixture, currentBodyFile, scratch, spawnServe, startServe, uncachedAnswer } from './serve-cache';

jest.setTimeout(180_000);

const anHourAgo = () => new Date(Date.now() - 3_600_000);

describe('the parse cache over a server’s life', () => {
  it('holds the live edits, deletions and renames of a running server when it stops', async () => {
    const { directory, remove } = await scratch();
    try {
      const content = await copyFixture('tests/fixtures/site', directory);
      const cacheDir = path.join(directory, 'cache');
      const run = await startServe(content, ['--cache-dir', cacheDir]);
      try {
        const edited = path.join(content, 'release-checklist.md');
        await writeFile(edited, post('Release checklist, edited', 'Edited while served.'));
        await rm(path.join(content, 'memos'), { recursive: true });
        await rename(path.join(content, 'Notes'), path.join(content, 'Renamed-notes'));
        await waitFor(async () => {
          const answer = await broadAnswer(run);
          return answer.includes('Edited while served') && answer.includes('Renamed-notes') && !answer.includes('"memos/') ? answer : null;
        }, 'the edits to be served');
      } finally {
        await run.stop();
      }
      for (const entry of await readdir(content, { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) await utimes(path.join(entry.parentPath, entry.name), anHourAgo(), anHourAgo());
      }
      const next = await cachedStart(content, cacheDir);
      expect(next.counts).toMatchObject({ parsed: 0 });
      // The edited body was in the cache too: served from it, none rebuilt.
      expect(next.warnings).toEqual([]);
      expect(next.answer).toBe(await uncachedAnswer(content));
      // The entries of the deleted and renamed files went with them: one entry per file read, no more.
      const [key] = await readdir(cacheDir);
      const entries = (await readdir(path.join(cacheDir, key))).filter((name) => name !== BODIES_FOLDER && name !== PACK_FILE);
      expect(entries.length).toBe(next.counts.cached + next.counts.verified);
    } finally {
      await remove();
    }
  });

  it('prunes the bodies of versions no file has once a day old, and keeps younger ones another process may serve', async () => {
    const { directory, remove } = await scratch();
    try {
      const content = await copyFixture('tests/fixtures/site', directory);
      const cacheDir = path.join(directory, 'cache');
      await cachedStart(content, cacheDir);
      const edited = ['release-checklist.md', 'Notes/json-front-matter.md'].map((relative) => path.join(content, relative));
      const oldBodies = await Promise.all(edited.map((file) => currentBodyFile(cacheDir, file)));
      for (const file of edited) {
        await appendFile(file, '\nEdited.\n');
        await utimes(file, anHourAgo(), anHourAgo());
      }
      expect((await cachedStart(content, cacheDir)).counts).toMatchObject({ parsed: 2 });
      const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
      await utimes(oldBodies[0], twoDaysAgo, twoDaysAgo);

      const run = await startServe(content, ['--cache-dir', cacheDir, '--no-watch']);
      try {
        await waitFor(() => (existsSync(oldBodies[0]) ? null : true), 'the old body to be pruned');
        expect(existsSync(oldBodies[1])).toBe(true);
        expect(await broadAnswer(run)).toBe(await uncachedAnswer(content));
      } finally {
        await run.stop();
      }
    } finally {
      await remove();
    }
  });

  it('starts right after a process was killed while writing the cache', async () => {
    const { directory, remove } = await scratch();
    try {
      const content = path.join(directory, 'content');
      const body = Array.from({ length: 200 }, (_, index) => `Paragraph ${index} of the wire.`).join('\n\n');
      await writeTree(
        content,
        Object.fromEntries(Array.from({ length: 600 }, (_, index) => [`wire/post-${index}.md`, post(`Post ${index}`, body)])),
      );
      for (const entry of await readdir(content, { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) await utimes(path.join(entry.parentPath, entry.name), anHourAgo(), anHourAgo());
      }
      const cacheDir = path.join(directory, 'cache');
      const killed = spawnServe(content, ['--cache-dir', cacheDir, '--no-watch']);
      await waitFor(async () => {
        const keys = await readdir(cacheDir).catch(() => []);
        return keys.length > 0 && (await readdir(path.join(cacheDir, keys[0]))).length >= 20 ? true : null;
      }, 'the first cache entries');
      await killed.stop('SIGKILL');
      const next = await cachedStart(content, cacheDir);
      expect(next.answer).toBe(await uncachedAnswer(content));
    } finally {
      await remove();
    }
  });

  it('brings two processes started at once on one cache directory up right', async () => {
    const { directory, remove } = await scratch();
    try {
      const content = await copyFixture('tests/fixtures/site', directory);
      const cacheDir = path.join(directory, 'cache');
      const expected = await uncachedAnswer(content);
      const runs = await Promise.all([0, 1].map(() => startServe(content, ['--cache-dir', cacheDir, '--no-watch'])));
      try {
        for (const run of runs) expect(await broadAnswer(run)).toBe(expected);
      } finally {
        await Promise.all(runs.map((run) => run.stop()));
      }
      const next = await cachedStart(content, cacheDir);
      expect(next.counts).toMatchObject({ parsed: 0, verified: 0 });
      expect(next.answer).toBe(expected);
    } finally {
      await remove();
    }
  });
});
