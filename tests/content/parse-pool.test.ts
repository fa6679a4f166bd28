import path from 'node:path';
import { ParsePool } from '../../src/content/parse-pool';
import { parsePostSafely } from '../../src/content/parse-post';
import { indexedOutcome } from '../../src/content/parse-wire';
import { findMarkdownFiles, readMarkdownFileSync, type ReadFile } from '../../src/content/scan';
import { DEFAULT_CONTENT_OPTIONS, type ContentOptions } from '../../src/content/options';

const FIXTURE_SITE = path.resolve(__dirname, '..', 'fixtures', 'site');
const OPTIONS: ContentOptions = { ...DEFAULT_CONTENT_OPTIONS, timeZone: 'Asia/Shanghai', iframeHosts: ['bilibili.com'] };

/** The fixtures as the pool's workers read them, for what parsing in this thread makes of them. */
async function readFixtures(): Promise<ReadFile[]> {
  const { files } = await findMarkdownFiles(FIXTURE_SITE);
  return files.flatMap((file) => {
    const outcome = readMarkdownFileSync(file, OPTIONS.maxFileBytes);
    return outcome.ok ? [outcome.file] : [];
  });
}

/** What parsing in this thread makes of a file, as the pool hands it back without a cache: the HTML held with the post. */
function heldOutcome(file: ReadFile) {
  return indexedOutcome(parsePostSafely(file, OPTIONS), true).indexed;
}

/** What the pool makes of a fixture it reads itself. */
async function parsedOnPool(pool: ParsePool, file: ReadFile) {
  return (await pool.readAndParse(file)).outcome;
}

describe('ParsePool', () => {
  let pool: ParsePool;
  beforeAll(() => {
    pool = new ParsePool(OPTIONS, 2);
  });
  afterAll(async () => {
    await pool.close();
  });

  it('reads and parses every fixture post exactly as parsing in this thread does', async () => {
    const files = await readFixtures();
    expect(files.length).toBeGreaterThan(20);
    const pooled = await Promise.all(files.map((file) => pool.readAndParse(file)));
    pooled.forEach((result, index) => {
      const expected = heldOutcome(files[index]);
      expect(result.contentHash).toBe(files[index].contentHash);
      // toEqual compares the statistics counted on both sides too.
      expect(result.outcome).toEqual(expected);
    });
    expect(pooled.filter((result) => result.outcome?.post).length).toBeGreaterThan(20);
  });

  it('hands statistics back counted, as plain data, so serving never segments text', async () => {
    const file = (await readFixtures()).find((candidate) => candidate.path.endsWith('dataloader-batching.md'))!;
    const { post } = (await parsedOnPool(pool, file))!;
    const body = post!.body;
    expect(Object.getOwnPropertyDescriptor(body.stats, 'wordCount')?.value).toBeGreaterThan(10);
    expect(Object.getOwnPropertyDescriptor(body.sections[0], 'wordCount')?.value).toBeGreaterThan(0);
    expect(body.stats).toEqual(parsePostSafely(file, OPTIONS).post!.body.stats);
    // Dates are rebuilt in the receiving context, so `instanceof` holds there.
    expect(post!.meta.date).toBeInstanceOf(Date);
  });

  it('skips the parse when the bytes hash to the known hash', async () => {
    const [file] = await readFixtures();
    expect(await pool.readAndParse(file, file.contentHash)).toEqual({ contentHash: file.contentHash, outcome: null });
  });

  it('reports a file that cannot be read, without its absolute path', async () => {
    const absolutePath = path.join(FIXTURE_SITE, 'no-such-post.md');
    const result = await pool.readAndParse({ path: 'no-such-post.md', rawPath: 'no-such-post.md', absolutePath, hidden: false });
    expect(result).toMatchObject({
      contentHash: null,
      outcome: { post: null, diagnostics: [{ code: 'FILE_UNREADABLE', path: 'no-such-post.md' }] },
    });
    expect(JSON.stringify(result)).not.toContain(FIXTURE_SITE);
  });

  it('turns jobs after closing into parse failures instead of hanging', async () => {
    const closing = new ParsePool(OPTIONS, 1);
    await closing.close();
    const [file] = await readFixtures();
    expect((await parsedOnPool(closing, file))?.diagnostics).toMatchObject([{ code: 'PARSE_FAILED', path: file.path }]);
  });
});

describe('ParsePool idling', () => {
  it('stops its threads after a while without jobs and starts them again for the next one', async () => {
    const pool = new ParsePool(OPTIONS, 1, 50);
    const [file] = await readFixtures();
    const expected = heldOutcome(file);
    expect(await parsedOnPool(pool, file)).toEqual(expected);
    expect(pool.runningThreads).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pool.runningThreads).toBe(0);
    expect(await parsedOnPool(pool, file)).toEqual(expected);
    await pool.close();
  });

  it('stops idle threads at once when asked after a load, and starts them again for the next job', async () => {
    const pool = new ParsePool(OPTIONS, 1);
    const [file] = await readFixtures();
    const expected = heldOutcome(file);
    expect(await parsedOnPool(pool, file)).toEqual(expected);
    expect(pool.runningThreads).toBe(1);
    await pool.releaseIdleThreads();
    expect(pool.runningThreads).toBe(0);
    expect(await parsedOnPool(pool, file)).toEqual(expected);
    await pool.close();
  });
});
