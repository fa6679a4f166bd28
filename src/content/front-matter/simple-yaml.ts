/**
 * A reader for the one shape nearly every post's front matter has: `key: scalar` lines at the
 * margin and `- scalar` items under a key with no value of its own. It returns exactly what the
 * full YAML reader (`parseBoundedYaml`) returns for such a block, and null for anything else, so
 * the caller falls back to the full reader: no anchors, aliases, tags, flow collections,
 * comments, escapes, multi-line or numeric scalars, tabs or unusual characters are read here.
 *
 * It exists for speed: the full reader's concrete syntax tree and document model cost about
 * thirty times as much for the same result.
 */

type SimpleValue = string | boolean | null;

/** Keys that resolve to something other than their own text. */
const NON_TEXT_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
/** YAML allows implicit keys of up to 1024 characters; this stays far below. */
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]{0,99}):(?: +(.*))?$/;
const ITEM_LINE = /^( *)-(?: +(.*))?$/;
const BLANK_LINE = /^ *$/;
const EDGE_WHITE_SPACE = /^\s|\s$/;
/**
 * Characters whose meaning in YAML this reader does not model: tabs, line ends and other
 * controls, NEL, the line and paragraph separators, the byte order mark and non-characters.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this pattern finds
const UNMODELLED_CHARACTER = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
/** A plain scalar may not start with an indicator or a space. */
const PLAIN_START = /^[^-?:,[\]{}#&*!|>'"%@` ]/;
/** Inside a plain scalar, `: ` would start a mapping and ` #` a comment. */
const PLAIN_BREAKER = /: | #|:$/;
/** The core schema's numbers; such scalars go to the full reader, which also knows how to keep them as written. */
const CORE_NUMBER =
  /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const CORE_NULL = /^(?:~|[Nn]ull|NULL)$/;
const CORE_TRUE = /^(?:true|True|TRUE)$/;
const CORE_FALSE = /^(?:false|False|FALSE)$/;

/**
 * The block read as front matter of the simple shape, or null when it is not of that shape.
 * `textKeys` are keys whose scalars are kept as written (`title: true` is the text "true").
 */
export function parseSimpleYaml(block: string, textKeys: ReadonlySet<string>): Record<string, unknown> | null {
  if (UNMODELLED_CHARACTER.test(block)) return null;
  const data: Record<string, unknown> = {};
  const seen = new Set<string>();
  /** The key whose value is still open for `- item` lines, and the items' indentation once known. */
  let listKey: string | null = null;
  let list: SimpleValue[] | null = null;
  let listIndent = -1;

  for (const line of block.split('\n')) {
    if (BLANK_LINE.test(line)) continue;
    const item = listKey === null ? null : ITEM_LINE.exec(line);
    if (item !== null && listKey !== null) {
      const indent = item[1].length;
      if (listIndent !== -1 && indent !== listIndent) return null;
      listIndent = indent;
      // A bare `-` has no scalar: the group is optional.
      const scalar = item.at(2);
      const value = scalar === undefined ? undefined : readScalar(scalar, textKeys.has(listKey));
      if (value === undefined) return null;
      if (list === null) {
        list = [];
        data[listKey] = list;
      }
      list.push(value);
      continue;
    }
    const entry = KEY_LINE.exec(line);
    if (entry === null) return null;
    const [, key, rest = ''] = entry;
    // Keys that objects inherit (`__proto__`, `constructor`) are left to the full reader, which defines them as data.
    if (NON_TEXT_KEYS.has(key) || key in Object.prototype || seen.has(key)) return null;
    seen.add(key);
    list = null;
    listIndent = -1;
    if (BLANK_LINE.test(rest)) {
      listKey = key;
      data[key] = null;
      continue;
    }
    listKey = null;
    const value = readScalar(rest, textKeys.has(key));
    if (value === undefined) return null;
    data[key] = value;
  }
  // An empty block is a document without contents, which the full reader reads as null.
  return seen.size === 0 ? null : data;
}

/** One scalar on one line (trailing spaces allowed), or undefined when it is not one this reader models. */
function readScalar(raw: string, asText: boolean): SimpleValue | undefined {
  const text = withoutTrailingSpaces(raw);
  // YAML trims only spaces and tabs; other white space at either end is left to the full reader.
  if (EDGE_WHITE_SPACE.test(text)) return undefined;
  const first = text[0];
  if (first === "'") return readQuoted(text, "'");
  if (first === '"') return text.includes('\\') ? undefined : readQuoted(text, '"');
  if (!PLAIN_START.test(text) || PLAIN_BREAKER.test(text) || CORE_NUMBER.test(text)) return undefined;
  if (CORE_NULL.test(text)) return null;
  if (asText) return text;
  if (CORE_TRUE.test(text)) return true;
  if (CORE_FALSE.test(text)) return false;
  return text;
}

/** A quoted scalar that closes at the end of the text; in single quotes `''` is a quote. */
function readQuoted(text: string, quote: "'" | '"'): string | undefined {
  if (text.length < 2 || text[text.length - 1] !== quote) return undefined;
  const inner = text.slice(1, -1);
  if (quote === '"') return inner.includes('"') ? undefined : inner;
  // Every quote inside must be one of a pair; a lone one would have closed the scalar.
  const unpaired = inner.replaceAll("''", '');
  return unpaired.includes("'") ? undefined : inner.replaceAll("''", "'");
}

/** By hand: `/ +$/` backtracks quadratically over a long run of spaces that does not end the text. */
function withoutTrailingSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x20) end--;
  return end === text.length ? text : text.slice(0, end);
}
