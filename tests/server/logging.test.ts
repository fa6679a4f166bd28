import { Writable } from 'node:stream';
import pino from 'pino';
import { ContentStore } from '../../src/content/content-store';
import { startServerUnderTest } from '../helpers/server';
import { FIXTURE_ROOT } from '../helpers/harness';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, sink };
}

describe('logs', () => {
  it('say what was loaded and how long it took, then one line per request at debug level', async () => {
    const { lines, sink } = capture();
    const store = await ContentStore.open(FIXTURE_ROOT);
    const server = await startServerUnderTest({ content: store, port: 0, debug: true, logger: pino({ level: 'debug' }, sink) });
    try {
      await server.ready;
      await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query Status { contentStatus { version } }', operationName: 'Status' }),
      });
      await fetch(`${new URL(server.url).origin}/healthz`);
    } finally {
      await server.close();
    }
    const loaded = lines.find((line) => String(line.msg).startsWith('content loaded'));
    expect(loaded).toMatchObject({
      level: 30,
      content: FIXTURE_ROOT,
      articles: 29,
      errors: 4,
      warnings: expect.any(Number),
      ms: expect.any(Number),
    });
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests).toEqual([
      expect.objectContaining({
        level: 20,
        method: 'POST',
        path: '/graphql',
        status: 200,
        operationName: 'Status',
        ms: expect.any(Number),
      }),
      expect.objectContaining({ level: 20, method: 'GET', path: '/healthz', status: 200 }),
    ]);
  });

  it('leave requests out at info level', async () => {
    const { lines, sink } = capture();
    const server = await startServerUnderTest({ content: ContentStore.open(FIXTURE_ROOT), port: 0, logger: pino({ level: 'info' }, sink) });
    try {
      await server.ready;
      await fetch(`${new URL(server.url).origin}/healthz`);
    } finally {
      await server.close();
    }
    expect(lines.filter((line) => line.msg === 'request')).toEqual([]);
    expect(lines.some((line) => String(line.msg).startsWith('listening on http://127.0.0.1:'))).toBe(true);
  });
});
