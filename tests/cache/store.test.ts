import { ResponseStore, type CachedResponse } from '../../src/server/plugins/response-cache/store';

const response = (bytes: number): CachedResponse => ({
  body: 'x'.repeat(bytes),
  bodyBytes: bytes,
  contentType: 'application/json',
  tag: '"t"',
  surrogateKeys: '',
});

describe('ResponseStore', () => {
  it('keeps entries of the version looked up last, and drops them all when the version changes', () => {
    const store = new ResponseStore(1 << 20);
    expect(store.get('v1', 'a')).toBeUndefined();
    store.set('v1', 'a', response(10));
    expect(store.get('v1', 'a')?.bodyBytes).toBe(10);

    expect(store.get('v2', 'a')).toBeUndefined();
    expect(store.size.entries).toBe(0);
    expect(store.get('v1', 'a')).toBeUndefined();
  });

  it('ignores an answer made from another version than the one looked up last', () => {
    const store = new ResponseStore(1 << 20);
    store.get('v2', 'a');
    store.set('v1', 'a', response(10));
    expect(store.size.entries).toBe(0);
  });

  it('stays within its bytes, dropping the least recently used first', () => {
    const store = new ResponseStore(8 * 1024);
    store.get('v', 'warm-up');
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) store.set('v', key, response(700));
    expect(store.get('v', 'a')).toBeDefined();
    for (const key of ['g', 'h', 'i']) store.set('v', key, response(700));

    expect(store.size.bytes).toBeLessThanOrEqual(8 * 1024);
    expect(store.get('v', 'a')).toBeDefined();
    expect(store.get('v', 'b')).toBeUndefined();
    expect(store.get('v', 'i')).toBeDefined();
  });

  it('does not keep a body larger than an eighth of its bytes', () => {
    const store = new ResponseStore(8 * 1024);
    store.get('v', 'a');
    store.set('v', 'a', response(1024));
    expect(store.size.entries).toBe(0);
  });

  it('replaces an entry under the same key without counting it twice', () => {
    const store = new ResponseStore(1 << 20);
    store.get('v', 'a');
    store.set('v', 'a', response(100));
    const { bytes } = store.size;
    store.set('v', 'a', response(100));
    expect(store.size).toEqual({ entries: 1, bytes });
  });
});
