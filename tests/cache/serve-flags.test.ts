import { PassThrough } from 'node:stream';
import { runServe } from '../../src/cli/serve';

async function usageError(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; message: string }> {
  const err = new PassThrough();
  let message = '';
  err.on('data', (chunk: Buffer) => (message += chunk.toString()));
  const code = await runServe(['--content', 'tests/fixtures/site', ...argv], new PassThrough(), err, env);
  return { code, message };
}

describe('serve flags for the response cache', () => {
  it('refuses contradicting or malformed settings before starting', async () => {
    expect(await usageError(['--no-response-cache', '--response-cache-mib', '4'])).toEqual({
      code: 2,
      message: expect.stringContaining('--no-response-cache and --response-cache-mib contradict each other'),
    });
    expect(await usageError(['--response-cache-mib', '0'])).toEqual({ code: 2, message: expect.stringContaining('--response-cache-mib') });
    expect(await usageError([], { RESPONSE_CACHE: 'off' })).toEqual({
      code: 2,
      message: expect.stringContaining('RESPONSE_CACHE: expected 1 or 0'),
    });
    expect(await usageError([], { RESPONSE_CACHE_MIB: 'lots' })).toEqual({
      code: 2,
      message: expect.stringContaining('RESPONSE_CACHE_MIB'),
    });
  });

  it('refuses a malformed bound of the automatic persisted queries store', async () => {
    expect(await usageError(['--apq-cache-mib', '-1'])).toEqual({ code: 2, message: expect.stringContaining('--apq-cache-mib') });
    expect(await usageError([], { APQ_CACHE_MIB: 'many' })).toEqual({
      code: 2,
      message: expect.stringContaining('APQ_CACHE_MIB: expected a positive integer'),
    });
  });

  it('refuses a malformed CDN lifetime or purge URL', async () => {
    expect(await usageError(['--cdn-max-age', '0'])).toEqual({ code: 2, message: expect.stringContaining('--cdn-max-age') });
    expect(await usageError([], { CDN_MAX_AGE: 'a day' })).toEqual({
      code: 2,
      message: expect.stringContaining('CDN_MAX_AGE: expected a positive integer'),
    });
    expect(await usageError(['--purge-url', 'ftp://cdn.example/purge'])).toEqual({
      code: 2,
      message: expect.stringContaining('--purge-url: expected a http:// or https:// URL'),
    });
    expect(await usageError([], { PURGE_URL: 'not a url' })).toEqual({ code: 2, message: expect.stringContaining('PURGE_URL') });
    expect(await usageError(['--purge-batch', '0'])).toEqual({ code: 2, message: expect.stringContaining('--purge-batch') });
    expect(await usageError([], { PURGE_BATCH: 'all' })).toEqual({
      code: 2,
      message: expect.stringContaining('PURGE_BATCH: expected a positive integer'),
    });
  });

  it('refuses a malformed bound of one Redis entry', async () => {
    expect(await usageError(['--redis-max-entry-kib', '-4'])).toEqual({
      code: 2,
      message: expect.stringContaining('--redis-max-entry-kib'),
    });
    expect(await usageError([], { REDIS_MAX_ENTRY_KIB: 'big' })).toEqual({
      code: 2,
      message: expect.stringContaining('REDIS_MAX_ENTRY_KIB: expected a positive integer'),
    });
  });
});
