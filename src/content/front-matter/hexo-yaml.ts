/**
 * A YAML block as Hexo reads it. Hexo 7 and 8 parse front matter with hexo-front-matter 4.2, which
 * replaces the tabs that start a line by two spaces each and loads the block with js-yaml 4. js-yaml
 * is laxer than the YAML 1.2 reader the gateway uses: it accepts, for one, a quoted title continued
 * on lines at the left margin, which YAML 1.2 requires to be indented. Only this reading can tell
 * truthfully whether Hexo keeps a post the YAML 1.2 reader refuses, and what Hexo reads from it.
 */
import * as jsYaml from 'js-yaml';
import { exceedsDepth, isPlainObject, jsChildren } from './nesting';

export type HexoReading =
  /** Hexo reads the block as these keys. */
  | { kind: 'read'; data: Record<string, unknown> }
  /** js-yaml throws: Hexo's post processor fails on the file, and the post is dropped. */
  | { kind: 'dropped'; message: string }
  /** A value that is no mapping: Hexo reads no front matter and serves the whole file as the body. */
  | { kind: 'not-a-mapping' }
  /** Readable, but beyond the gateway's bounds on front matter. */
  | { kind: 'too-deep' | 'too-large'; message: string };

/** js-yaml exports its types, though its type definitions do not declare them. */
const jsYamlTypes = (jsYaml as unknown as { types: { timestamp: jsYaml.Type } }).types;

/**
 * Timestamps stay as written, as in the gateway's own reader (see `bounded-yaml.ts`): `normaliseMeta`
 * reads them in the configured zone, where Hexo makes a UTC instant and shifts it into the site's zone.
 * Both give the same instant; every other type is js-yaml's.
 */
const TIMESTAMP_AS_WRITTEN = new jsYaml.Type('tag:yaml.org,2002:timestamp', {
  kind: 'scalar',
  resolve: (data: unknown) => jsYamlTypes.timestamp.resolve(data),
  construct: (data: unknown) => data,
});
const HEXO_SCHEMA = jsYaml.DEFAULT_SCHEMA.extend({ implicit: [TIMESTAMP_AS_WRITTEN] });

export function readYamlAsHexo(block: string, maxDepth: number): HexoReading {
  let value: unknown;
  try {
    value = jsYaml.load(escapeLeadingTabs(block), { schema: HEXO_SCHEMA });
  } catch (cause) {
    const reason = cause instanceof Error && 'reason' in cause ? String(cause.reason) : String(cause);
    return { kind: 'dropped', message: reason };
  }
  if (!isPlainObject(value)) return { kind: 'not-a-mapping' };
  // js-yaml shares one object between an anchor and its aliases, so a "billion laughs" is small in memory
  // but endless to walk or copy. Without aliases a block holds fewer values than it has characters.
  if (exceedsDepth(value, jsChildren, Number.POSITIVE_INFINITY, block.length)) {
    return { kind: 'too-large', message: 'aliases expand to more values than the block has characters' };
  }
  if (exceedsDepth(value, jsChildren, maxDepth)) {
    return { kind: 'too-deep', message: `nested deeper than ${maxDepth} levels (aliases counted as expanded)` };
  }
  return { kind: 'read', data: value };
}

/** hexo-front-matter's `escape`: a tab is no YAML indentation, so Hexo turns each one that starts a line into two spaces. */
function escapeLeadingTabs(block: string): string {
  return block.replace(/\n(\t+)/g, (_match, tabs: string) => `\n${'  '.repeat(tabs.length)}`);
}
