/** SIGTERM under load: the built gateway as a child process, keep-alive clients sending without pause. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeCorpus } from '../../bench/corpus/generate';
import { startGateway } from '../../bench/load/gateway-process';
import { sigtermUnderLoad, type ShutdownFigures } from '../../bench/load/shutdown';
import { builtCli } from '../helpers/cli';

describe('SIGTERM under load', () => {
  let root: string;
  let figures: ShutdownFigures;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'content-gateway-sigterm-'));
    await writeCorpus({ articles: 200, seed: 2, outDir: root });
    // --debug logs every finished response by operation name: the server's side of the count.
    const gateway = await startGateway({
      cli: builtCli(),
      content: root,
      args: ['--debug'],
      readyTimeoutMs: 60_000,
    });
    figures = await sigtermUnderLoad(gateway, { connections: 8, loadBeforeSignalMs: 1500, exitTimeoutMs: 10_000 });
  }, 90_000);

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lets the requests in flight finish, and loses no answer the server wrote', () => {
    expect(figures.failures).toEqual([]);
    expect(figures.inFlightCompleted).toBeGreaterThan(0);
    expect(Object.keys(figures.statuses).every((status) => status === '200' || status === '503')).toBe(true);
  });

  it('refuses what comes after: closed connections, never a reset of a request the server read', () => {
    expect(figures.refused).toBeGreaterThan(0);
    expect(figures.refusedAfterExit).toBe(true);
    expect(figures.sent).toBe(
      Object.values(figures.statuses).reduce((sum, count) => sum + count, 0) + figures.refused + figures.closedUnread,
    );
  });

  it('exits with code 0, promptly once it takes the signal', () => {
    expect(figures).toMatchObject({ exitCode: 0, exitSignal: null });
    // A busy event loop takes the signal late; the shutdown itself must be quick.
    expect(figures.exitAfterSignalLoggedMs).toBeLessThan(2000);
    expect(figures.exitMs).toBeLessThan(10_000);
  });
});
