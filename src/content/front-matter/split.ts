import matter from 'gray-matter';
import { parseBoundedJson } from './bounded-json';
import { parseBoundedYaml, type YamlProblem } from './bounded-yaml';
import { error, quote, warning, type FileDiagnostic, type FrontMatterCode } from './diagnostics';
import { readYamlAsHexo } from './hexo-yaml';
import { recoverLegacyFrontMatter } from './legacy-recovery';
import { isPlainObject } from './nesting';

export interface SplitOptions {
  maxFrontMatterBytes: number;
  maxFrontMatterDepth: number;
}

export type SplitResult =
  | {
      ok: true;
      data: Record<string, unknown>;
      body: string;
      /** 1-based line of the source file where `body` starts. */
      bodyLine: number;
      diagnostics: FileDiagnostic[];
    }
  | { ok: false; diagnostics: FileDiagnostic[] };

type Delimiter = '---' | ';;;';

/** Languages allowed after the opening delimiter (`---yaml`); the empty one means the delimiter's default. */
// A Map, so that a language named like an Object.prototype member (`---constructor`) is unsupported, not an engine.
const ENGINE_OF_LANGUAGE: ReadonlyMap<string, 'yaml' | 'json'> = new Map([
  ['yaml', 'yaml'],
  ['yml', 'yaml'],
  ['json', 'json'],
]);
const DEFAULT_ENGINE: Readonly<Record<Delimiter, 'yaml' | 'json'>> = { '---': 'yaml', ';;;': 'json' };

/**
 * gray-matter's check for an empty block runs `/^\s*#[^\n]+/gm`, which rescans a
 * run of blank lines from every line start in it: quadratic, about 7 s for 64 KiB of newlines. This many
 * character steps (~10 ms) is the most we allow; it still admits some 2,900 blank lines in a row.
 */
const BLANK_RUN_SCAN_BUDGET = 1 << 22;

class FrontMatterFailure extends Error {
  constructor(
    readonly code: FrontMatterCode,
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/**
 * Splits a post into front matter and body. Front matter may follow a BOM, blank lines or spaces, and is YAML
 * between `---` lines or Hexo's brace-less JSON between `;;;` lines. A file without front matter is all body.
 * Nothing in the front matter is ever executed, and size, nesting and alias expansion are bounded.
 */
export function splitFrontMatter(source: string, options: SplitOptions): SplitResult {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const openIndex = text.search(/\S/);
  const delimiter = openIndex === -1 ? null : delimiterAt(text, openIndex);
  if (delimiter === null) return { ok: true, data: {}, body: text, bodyLine: 1, diagnostics: [] };

  const openingLine = lineOfOffset(text, openIndex);
  try {
    const engine = checkBlock(text, openIndex, delimiter, openingLine, options);
    const diagnostics: FileDiagnostic[] = [];
    const context: EngineContext = { openingLine, maxDepth: options.maxFrontMatterDepth, diagnostics };
    // Options are always passed: without them gray-matter keeps every input in `matter.cache` forever.
    // Both JavaScript engine names are replaced, so front matter can never run code even if the
    // language check above were bypassed.
    const file = matter(text.slice(openIndex), {
      delimiters: delimiter,
      language: engine,
      engines: {
        yaml: (block: string) => parseYamlBlock(withoutClosingCarriageReturn(block), context),
        json: (block: string) => parseJsonBlock(withoutClosingCarriageReturn(block), context),
        js: refuseToRun,
        javascript: refuseToRun,
      },
    });
    const data = file.data as Record<string, unknown>;
    const bodyLine = lineOfOffset(source, source.length - file.content.length);
    return { ok: true, data, body: file.content, bodyLine, diagnostics };
  } catch (cause) {
    if (cause instanceof FrontMatterFailure) return { ok: false, diagnostics: [error(cause.code, cause.message, cause.line)] };
    const message = cause instanceof Error ? cause.message : String(cause);
    return { ok: false, diagnostics: [error('FRONT_MATTER_INVALID', `front matter could not be read: ${message}`, openingLine)] };
  }
}

function delimiterAt(text: string, index: number): Delimiter | null {
  for (const delimiter of ['---', ';;;'] as const) {
    // Like gray-matter: `----` opens nothing, it is a rule in the body.
    if (text.startsWith(delimiter, index) && text[index + delimiter.length] !== delimiter[0]) return delimiter;
  }
  return null;
}

/** Rejects what must not reach the cut or a parser, and names the engine to use. */
function checkBlock(text: string, openIndex: number, delimiter: Delimiter, openingLine: number, options: SplitOptions): 'yaml' | 'json' {
  const afterDelimiter = openIndex + delimiter.length;
  const lineEnd = text.indexOf('\n', afterDelimiter);
  const language = text.slice(afterDelimiter, lineEnd === -1 ? text.length : lineEnd).trim();
  const engine = language === '' ? DEFAULT_ENGINE[delimiter] : ENGINE_OF_LANGUAGE.get(language);
  if (!engine) {
    throw new FrontMatterFailure(
      'FRONT_MATTER_ENGINE',
      `front matter in "${language}" is not supported and was not run; only YAML (---) and JSON (;;;) are read`,
      openingLine,
    );
  }
  // gray-matter's closing rule, so the two always agree on where the block ends.
  const closeIndex = text.indexOf(`\n${delimiter}`, afterDelimiter);
  if (closeIndex === -1) {
    throw new FrontMatterFailure('FRONT_MATTER_UNCLOSED', `front matter opened with ${delimiter} is never closed`, openingLine);
  }
  const block = text.slice(lineEnd, closeIndex);
  const bytes = Buffer.byteLength(block, 'utf8');
  if (bytes > options.maxFrontMatterBytes) {
    throw new FrontMatterFailure(
      'FRONT_MATTER_TOO_LARGE',
      `front matter is ${bytes} bytes, more than the ${options.maxFrontMatterBytes} allowed`,
      openingLine,
    );
  }
  if (blankRunScanCost(block) > BLANK_RUN_SCAN_BUDGET) {
    throw new FrontMatterFailure(
      'FRONT_MATTER_BLANK_RUN',
      'front matter contains thousands of blank lines in a row; such runs are refused because scanning them is quadratic',
      openingLine,
    );
  }
  return engine;
}

/** Characters `/^\s*…/gm` examines across the block: at each line start, the whitespace that follows. */
function blankRunScanCost(block: string): number {
  let cost = 0;
  let whitespaceAhead = 0;
  for (let index = block.length - 1; index >= 0; index -= 1) {
    whitespaceAhead = isRegExpWhiteSpace(block.charCodeAt(index)) ? whitespaceAhead + 1 : 0;
    if (index === 0 || block.charCodeAt(index - 1) === 0x0a) cost += whitespaceAhead;
  }
  return cost;
}

/** Exactly the code units `\s` matches, tested without a regular expression per character. */
function isRegExpWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function refuseToRun(): never {
  throw new FrontMatterFailure('FRONT_MATTER_ENGINE', 'JavaScript front matter is never run', 1);
}

interface EngineContext {
  /** Line of the opening delimiter: the block handed to an engine starts with that line's end. */
  openingLine: number;
  maxDepth: number;
  diagnostics: FileDiagnostic[];
}

function parseYamlBlock(block: string, context: EngineContext): Record<string, unknown> {
  const outcome = parseBoundedYaml(block, context.maxDepth);
  const lineOf = (problem: YamlProblem): number | undefined =>
    problem.offset === undefined ? undefined : context.openingLine + lineOfOffset(block, problem.offset) - 1;
  if (outcome.ok) {
    for (const problem of outcome.warnings) {
      context.diagnostics.push(warning('FRONT_MATTER_YAML_WARNING', `YAML: ${problem.message}`, lineOf(problem)));
    }
    return asMapping(outcome.value, context.openingLine);
  }
  if (outcome.reason === 'depth')
    throw new FrontMatterFailure('FRONT_MATTER_TOO_DEEP', `front matter is ${outcome.message}`, context.openingLine);
  if (outcome.reason === 'aliases') throw new FrontMatterFailure('FRONT_MATTER_ALIASES', `YAML: ${outcome.message}`, context.openingLine);
  if (outcome.reason === 'syntax') return recoverRejectedYaml(block, outcome, lineOf(outcome), context);
  throw new FrontMatterFailure('FRONT_MATTER_INVALID', `YAML: ${outcome.message}`, lineOf(outcome) ?? context.openingLine);
}

/**
 * A block YAML 1.2 rejects. When Hexo reads it, it is served as Hexo reads it; otherwise, when its usual keys
 * read clearly line by line, with those, and the warning says what Hexo does with the post.
 */
function recoverRejectedYaml(
  block: string,
  problem: YamlProblem,
  line: number | undefined,
  context: EngineContext,
): Record<string, unknown> {
  const rejected = `YAML rejected the front matter (${problem.message})`;
  const hexo = readYamlAsHexo(block, context.maxDepth);
  if (hexo.kind === 'read') {
    const title = 'title' in hexo.data ? `: title ${quote(hexo.data['title'])}` : '';
    const message = `${rejected}, but Hexo's reader (js-yaml 4) accepts it; read ${Object.keys(hexo.data).join(', ')} as Hexo does${title}`;
    context.diagnostics.push(warning('FRONT_MATTER_RECOVERED', message, line));
    return hexo.data;
  }
  if (hexo.kind === 'too-deep')
    throw new FrontMatterFailure('FRONT_MATTER_TOO_DEEP', `front matter is ${hexo.message}`, context.openingLine);
  if (hexo.kind === 'too-large') throw new FrontMatterFailure('FRONT_MATTER_ALIASES', `YAML: ${hexo.message}`, context.openingLine);
  const recovery = recoverLegacyFrontMatter(block, context.maxDepth);
  if (!recovery.ok) throw new FrontMatterFailure('FRONT_MATTER_INVALID', `YAML: ${problem.message}`, line ?? context.openingLine);
  const inHexo =
    hexo.kind === 'dropped'
      ? `and so does Hexo's reader (js-yaml 4: ${hexo.message}), so Hexo would drop this post`
      : "and Hexo's reader finds no keys in it, so Hexo would serve the whole file as the body";
  context.diagnostics.push(warning('FRONT_MATTER_RECOVERED', `${rejected} ${inHexo}; ${recovery.explanation}`, line));
  return recovery.data;
}

function parseJsonBlock(block: string, context: EngineContext): Record<string, unknown> {
  const outcome = parseBoundedJson(block, context.maxDepth);
  if (outcome.ok) return asMapping(outcome.value, context.openingLine);
  if (outcome.reason === 'depth')
    throw new FrontMatterFailure('FRONT_MATTER_TOO_DEEP', `front matter is ${outcome.message}`, context.openingLine);
  const line = outcome.offset === undefined ? context.openingLine : context.openingLine + lineOfOffset(block, outcome.offset) - 1;
  throw new FrontMatterFailure('FRONT_MATTER_INVALID', `JSON: ${outcome.message}`, line);
}

function asMapping(value: unknown, openingLine: number): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (isPlainObject(value)) return value;
  const kind = Array.isArray(value) ? 'a list' : `a single ${typeof value}`;
  throw new FrontMatterFailure('FRONT_MATTER_INVALID', `front matter must be key: value pairs, found ${kind}`, openingLine);
}

/** gray-matter ends the block at `\n---`, so with CRLF line ends the last line keeps its `\r`. */
function withoutClosingCarriageReturn(block: string): string {
  return block.endsWith('\r') ? block.slice(0, -1) : block;
}

/** 1-based line of `offset` in `text`. */
function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line += 1;
  return line;
}
