/**
 * Every test process, and every CLI it spawns, keeps its parse cache in a folder of its own,
 * removed when the process exits: the cache is on by default and would otherwise land in the
 * user's `~/.cache`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const cacheHome = mkdtempSync(path.join(tmpdir(), 'content-gateway-test-cache-'));
process.env.XDG_CACHE_HOME = cacheHome;
process.on('exit', () => {
  rmSync(cacheHome, { recursive: true, force: true });
});
