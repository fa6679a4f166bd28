/**
 * The value `map` holds for `key`, where the code that built the map put one there: a missing
 * entry is a bug, so it throws, naming the key, rather than letting `undefined` travel on.
 */
export function entryOf<Key, Value>(map: ReadonlyMap<Key, Value>, key: Key): Value {
  const value = map.get(key);
  if (value === undefined) throw new Error(`expected an entry for ${typeof key === 'string' ? JSON.stringify(key) : 'the key'}`);
  return value;
}
