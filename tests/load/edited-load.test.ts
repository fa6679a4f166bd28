/**
 * The short form of the load test (the long one is `npm run bench:load`): the built gateway
 * serves 1,000 generated articles while a folder of them is rewritten, added to and deleted
 * from every ~100 ms, under mixed load from autocannon on loopback.
 */
import { startGateway, type GatewayProcess } from '../../bench/load/gateway-process';
import { loadWhileEditing, prepareEditedSite, type EditedLoadFigures, type EditedSite } from '../../bench/load/scenario';
import { builtCli } from '../helpers/cli';

const BURST = { connections: 8, maxRequests: 1000, durationSeconds: 10, transport: 'both' as const, edit: true };
/**
 * The old space is capped so that memory is bounded by construction unless something leaks:
 * V8 otherwise grows its heap lazily (about 20 MiB per burst here) long before it collects,
 * which looks like a leak on any short run. 1,000 articles live in well under the cap, so a
 * leak shows as a crash (failed requests) or as resident memory that keeps climbing.
 */
const HEAP_CAP_MIB = 128;
/** RSS moved by at most ~10 MiB between the first and third bursts in trial runs. */
const RSS_GROWTH_ALLOWED_MIB = 32;

describe('gateway under mixed load while its content is edited', () => {
  let site: EditedSite | undefined;
  let gateway: GatewayProcess | undefined;
  const bursts: EditedLoadFigures[] = [];

  beforeAll(async () => {
    site = await prepareEditedSite(1000, 1);
    gateway = await startGateway({
      cli: builtCli(),
      content: site.root,
      nodeArgs: [`--max-old-space-size=${HEAP_CAP_MIB}`],
      readyTimeoutMs: 60_000,
    });
    for (let i = 0; i < 3; i++) bursts.push(await loadWhileEditing(gateway, site, BURST));
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    await site?.remove();
  });

  it('answers every request with 200, no socket errors, within the bounds', () => {
    for (const { load } of bursts) {
      expect(load).toMatchObject({ errors: 0, non2xx: 0 });
      expect(load.statusCodes).toEqual({ 200: load.requests });
      expect(load.requests).toBeGreaterThan(0);
      expect(load.requests).toBeLessThanOrEqual(BURST.maxRequests);
    }
  });

  it('shows one snapshot in every answer, old or new, while the content changes', () => {
    for (const { consistency, load, edits } of bursts) {
      expect(consistency.problems).toEqual([]);
      expect(consistency).toMatchObject({ answers: load.requests, failed: 0, inconsistent: 0 });
      expect(edits.rewritten + edits.added + edits.deleted).toBeGreaterThan(0);
    }
    // Reloads happened under load, so old and new content were both served.
    expect(Math.max(...bursts.map(({ consistency }) => consistency.versions))).toBeGreaterThan(1);
  });

  it('serves exactly the files on disk once the edits stop', () => {
    for (const burst of bursts) expect(burst.servesLastEdit).toBe(true);
  });

  it('keeps its memory bounded: a third equal burst does not raise the resident set much', () => {
    const afterFirst = bursts[0].rssAfterMiB;
    const afterThird = bursts[2].rssAfterMiB;
    expect(afterThird - afterFirst).toBeLessThan(RSS_GROWTH_ALLOWED_MIB);
  });
});
