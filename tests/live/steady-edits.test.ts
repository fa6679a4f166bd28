/**
 * A writer who never pauses long enough for a burst to end must still see their edits served:
 * a change waits at most `maxWaitMs` for its reload.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openWatchedContent } from '../../src/content/watch';
import { makeTree, post } from '../helpers/temp-tree';

it('reloads during a steady stream of edits instead of waiting for a pause', async () => {
  const tree = await makeTree({ 'live.md': post('Live 0', 'start') });
  const { store, watcher } = await openWatchedContent(tree.root, {}, { debounceMs: 400, maxQuietMs: 2000, maxWaitMs: 600 });
  try {
    // An edit every 100 ms, never 400 ms of quiet, so only the wait bound can start a reload. The
    // stream goes on until two reloads happened (or 30 s passed), so a busy machine cannot fail it.
    for (let revision = 1; revision <= 300 && watcher.reloads < 2; revision++) {
      await writeFile(path.join(tree.root, 'live.md'), post(`Live ${revision}`, `revision ${revision}`));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(watcher.reloads).toBeGreaterThanOrEqual(2);
    const served = Number(store.current().articlesBySlug(['live'])[0]!.meta.title.split(' ')[1]);
    expect(served).toBeGreaterThan(0);
  } finally {
    await watcher.close();
    await tree.remove();
  }
});
