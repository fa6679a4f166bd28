import { exceedsDepth, jsChildren } from './nesting';

export type JsonOutcome = { ok: true; value: unknown } | { ok: false; reason: 'syntax' | 'depth'; message: string; offset?: number };

/**
 * Hexo's `;;;` front matter is the inside of a JSON object without its braces (`"title": "x", "tags": []`);
 * a block that brings its own braces is accepted too.
 */
export function parseBoundedJson(text: string, maxDepth: number): JsonOutcome {
  const hasBraces = text.trimStart().startsWith('{');
  const source = hasBraces ? text : `{${text}}`;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const position = /at position (\d+)/.exec(message);
    const offset = position ? Math.max(0, Number(position[1]) - (hasBraces ? 0 : 1)) : undefined;
    // V8 appends a position or a snippet of the text it saw, braces included; the line is reported separately.
    const plainMessage = message.replace(/\s*(\(line \d+ column \d+\)|in JSON at position \d+|, (\.\.\.)?".*" is not valid JSON).*$/s, '');
    return { ok: false, reason: 'syntax', message: plainMessage, offset };
  }
  if (exceedsDepth(value, jsChildren, maxDepth)) {
    return { ok: false, reason: 'depth', message: `nested deeper than ${maxDepth} levels` };
  }
  return { ok: true, value };
}
