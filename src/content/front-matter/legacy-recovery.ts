import { parseBoundedYaml } from './bounded-yaml';
import { quote } from './diagnostics';
import { isPlainObject } from './nesting';

/** The keys the feed generator behind the legacy posts writes; only these are read line by line. */
const RECOVERABLE_KEYS = new Set(['title', 'categories', 'author', 'date', 'updated', 'tags', 'headimg', 'thumbnail', 'comments']);

const KEY_LINE = /^([A-Za-z_][\w-]*)[ \t]*:(?=[ \t]|$)(.*)$/;
const IGNORABLE_LINE = /^\s*(#.*)?$/;
const LIST_ITEM_AT_MARGIN = /^-(\s|$)/;

interface Entry {
  key: string;
  rest: string;
  continuation: string[];
}

export type Recovery = { ok: true; data: Record<string, unknown>; explanation: string } | { ok: false };

/**
 * Reads front matter that YAML rejected the way the generator wrote it: one known key per line at the left
 * margin, each followed by its continuation lines. Each entry is parsed on its own; an entry is repaired only in
 * two ways, each reported: continuation lines at the margin (a quoted title broken over several lines) are read
 * as if indented, and a one-line value wrapped in mirrored runs of quotes (`"""'x'"""`) loses those runs.
 * Anything else — an unknown key, a line before the first key, a repeated key, an entry that still does not
 * parse — means the block does not make clear sense, and nothing is recovered.
 */
export function recoverLegacyFrontMatter(block: string, maxDepth: number): Recovery {
  const entries = splitEntries(block);
  if (!entries || entries.length === 0) return { ok: false };

  const data: Record<string, unknown> = {};
  const repairs: string[] = [];
  for (const entry of entries) {
    const reading = readEntry(entry, maxDepth);
    if (!reading) return { ok: false };
    data[entry.key] = reading.value;
    if (reading.repair) repairs.push(reading.repair);
  }
  if (repairs.length === 0) return { ok: false };
  const keys = entries.map((entry) => entry.key).join(', ');
  return { ok: true, data, explanation: `read ${keys} line by line instead: ${repairs.join('; ')}` };
}

function splitEntries(block: string): Entry[] | null {
  const entries: Entry[] = [];
  for (const line of block.split(/\r?\n/)) {
    const keyLine = KEY_LINE.exec(line);
    if (keyLine) {
      const [, key = '', rest = ''] = keyLine;
      if (!RECOVERABLE_KEYS.has(key) || entries.some((entry) => entry.key === key)) return null;
      entries.push({ key, rest, continuation: [] });
      continue;
    }
    const current = entries.at(-1);
    if (current) current.continuation.push(line);
    else if (!IGNORABLE_LINE.test(line)) return null;
  }
  return entries;
}

function readEntry(entry: Entry, maxDepth: number): { value: unknown; repair?: string } | null {
  const atMargin = entry.continuation.some((line) => /^\S/.test(line) && !LIST_ITEM_AT_MARGIN.test(line));
  const indented = entry.continuation.map((line) => (line.trim() === '' ? '' : `  ${line}`));
  const outcome = parseBoundedYaml([`${entry.key}:${entry.rest}`, ...indented].join('\n'), maxDepth);
  if (outcome.ok && isPlainObject(outcome.value) && entry.key in outcome.value) {
    const value = outcome.value[entry.key];
    if (!atMargin) return { value };
    return { value, repair: `${entry.key} continues on lines at the left margin, read as if indented: ${quote(value)}` };
  }
  if (entry.continuation.some((line) => line.trim() !== '')) return null;
  return stripMirroredQuoteRuns(entry.key, entry.rest.trim());
}

function stripMirroredQuoteRuns(key: string, raw: string): { value: string; repair: string } | null {
  // Scanned by hand: an unanchored /["']+$/ backtracks quadratically over a long run of quotes.
  const isQuote = (character: string | undefined) => character === '"' || character === "'";
  let start = 0;
  while (isQuote(raw[start])) start += 1;
  let end = raw.length;
  while (end > start && isQuote(raw[end - 1])) end -= 1;
  const [leading, inner, trailing] = [raw.slice(0, start), raw.slice(start, end), raw.slice(end)];
  if (leading === '' || trailing !== leading.split('').reverse().join('') || inner.trim() === '') return null;
  return {
    value: inner,
    repair: `${key} ${raw} is wrapped in the quote runs ${leading} and ${trailing}, read as ${quote(inner)} without them`,
  };
}
