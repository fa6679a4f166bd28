/**
 * Fuzzes the content layer: writes hostile files into a temporary root, loads it with a
 * `ContentStore` and checks what must always hold, whatever the files contain:
 * loading never throws, no content is ever executed, every file is accounted for
 * (served, unpublished or skipped with an error), and every served body is sanitised.
 * One seed gives the same files on every run.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'htmlparser2';
import { isTag, type ChildNode } from 'domhandler';
import { createRandom, type Random } from '../../bench/corpus/random';
import { ContentStore } from '../../src/content/content-store';
import type { ContentSnapshot } from '../../src/content/model';
import type { BodyHtml } from '../../src/content/parsed-post';
import { parsePost } from '../../src/content/parse-post';
import { findMarkdownFiles, readMarkdownFileSync } from '../../src/content/scan';
import { DEFAULT_CONTENT_OPTIONS } from '../../src/content/options';
import {
  executableFrontMatter,
  frontMatterBomb,
  hugeLine,
  mutatedPost,
  nestedHtml,
  pickKind,
  randomBytes,
  truncatedUtf8,
  unsafeMarkup,
  validPost,
  type InputKind,
} from './inputs';

export interface FuzzSettings {
  seed: number;
  iterations: number;
  /** Files written per iteration (a few more come from the layout cases). */
  filesPerIteration: number;
  /** Also read and parse each file on its own, for per-file times (doubles the work). */
  timeEachFile?: boolean;
  /** Called after each iteration, e.g. to print progress. */
  onIteration?: (iteration: number, report: FuzzReport) => void;
}

export interface KindFigures {
  files: number;
  served: number;
  unpublished: number;
  errored: number;
  /** Slowest read + parse of one file of this kind, in milliseconds (with `timeEachFile`). */
  maxParseMs: number;
}

export interface FuzzReport {
  seed: number;
  iterations: number;
  /** Every `.md` file the loads saw. */
  files: number;
  articles: number;
  unpublished: number;
  erroredFiles: number;
  /** Files deleted while a load was running, and how many of those it reported unreadable. */
  vanished: number;
  vanishedReportedUnreadable: number;
  /** Symlinks, loops and name collisions written. */
  layoutCases: number;
  kinds: Partial<Record<InputKind, KindFigures>>;
  diagnosticCodes: Record<string, number>;
  /** Slowest whole load of one iteration, in milliseconds. */
  maxLoadMs: number;
  /**
   * Served attribute values holding a raw `<`. Harmless where the HTML is parsed as HTML, but
   * text-level filters downstream see markup there; reported, not a violation.
   */
  attributesWithRawMarkup: number;
  totalMs: number;
  /** Every broken invariant, with the seed, iteration and file that broke it. */
  violations: string[];
}

/** Diagnostics the walk reports about entries that are not files it lists. */
const WALK_CODES = new Set(['SYMLINK_BROKEN', 'SYMLINK_OUTSIDE_ROOT', 'DIRECTORY_UNREADABLE']);
/** The parser threw: a bug, even though the loader contains it. */
const PARSER_BUG = 'PARSE_FAILED';

const NAME_PARTS = ['post', 'café', 'cafe\u0301', '草稿', 'über', 'a b', 'x.y', 'CON', '-', '…', '🙂', 'ﬁle', 'İ'];

export async function runContentFuzz(settings: FuzzSettings): Promise<FuzzReport> {
  const started = performance.now();
  const report: FuzzReport = {
    seed: settings.seed,
    iterations: 0,
    files: 0,
    articles: 0,
    unpublished: 0,
    erroredFiles: 0,
    vanished: 0,
    vanishedReportedUnreadable: 0,
    layoutCases: 0,
    kinds: {},
    diagnosticCodes: {},
    maxLoadMs: 0,
    attributesWithRawMarkup: 0,
    totalMs: 0,
    violations: [],
  };
  const random = createRandom(settings.seed);
  const workspace = await mkdtemp(path.join(tmpdir(), 'content-fuzz-'));
  // Outside the content root, so only executed content could create it.
  const marker = path.join(workspace, 'EXECUTED');
  try {
    for (let iteration = 0; iteration < settings.iterations; iteration++) {
      const root = path.join(workspace, `root-${iteration}`);
      await runIteration(random, root, marker, settings, report, `seed ${settings.seed}, iteration ${iteration}`);
      await rm(root, { recursive: true, force: true });
      report.iterations++;
      settings.onIteration?.(iteration, report);
    }
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
  report.totalMs = Math.round(performance.now() - started);
  return report;
}

interface Written {
  /** NFC path relative to the root, as diagnostics spell it. */
  path: string;
  kind: InputKind;
  absolute: string;
}

async function runIteration(
  random: Random,
  root: string,
  marker: string,
  settings: FuzzSettings,
  report: FuzzReport,
  where: string,
): Promise<void> {
  const violation = (message: string) => report.violations.push(`${where}: ${message}`);
  const written: Written[] = [];
  for (let index = 0; index < settings.filesPerIteration; index++) {
    const kind = pickKind(random);
    const directory = Array.from({ length: random.int(0, 3) }, () =>
      random.pick(['news', '_drafts', '.trash', '专栏', 'a', 'deep/er']),
    ).join('/');
    const name = `${random.pick(NAME_PARTS)}-${index}${random.pick(['.md', '.md', '.md', '.MD'])}`;
    const relative = directory ? `${directory}/${name}` : name;
    const absolute = path.join(root, relative);
    const bytes = contentOf(kind, random, marker);
    await mkdir(path.dirname(absolute), { recursive: true });
    await writeFile(absolute, bytes);
    written.push({ path: relative.normalize('NFC'), kind, absolute });
  }
  report.layoutCases += await writeLayoutCases(random, root, written);

  // Each file read and parsed on its own, for per-file figures and per-file blame.
  const timings = new Map<string, number>();
  const { files } = await findMarkdownFiles(root);
  for (const file of settings.timeEachFile ? files : []) {
    const begun = performance.now();
    const read = readMarkdownFileSync(file, DEFAULT_CONTENT_OPTIONS.maxFileBytes);
    if (read.ok) {
      try {
        parsePost(read.file, DEFAULT_CONTENT_OPTIONS);
      } catch (error) {
        violation(`parsing ${JSON.stringify(file.path)} threw ${String(error)}`);
      }
    }
    timings.set(file.path, Math.max(timings.get(file.path) ?? 0, performance.now() - begun));
  }

  const vanishing = random.chance(0.25) ? written.filter(() => random.chance(0.3)) : [];
  const begun = performance.now();
  let store: ContentStore;
  try {
    [store] = await Promise.all([ContentStore.open(root), deleteWhileLoading(vanishing)]);
  } catch (error) {
    violation(`loading threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return;
  }
  report.maxLoadMs = Math.max(report.maxLoadMs, Math.round(performance.now() - begun));

  if (existsSync(marker)) violation('content was executed: the marker file exists');
  if (({} as Record<string, unknown>).polluted !== undefined) violation('Object.prototype was polluted');

  const snapshot = store.current();
  const { status } = snapshot;
  const articles = snapshot.findArticles({}, 'DATE_DESC');
  const skipped = skippedFiles(status.diagnostics);
  for (const diagnostic of status.diagnostics) report.diagnosticCodes[diagnostic.code] = (report.diagnosticCodes[diagnostic.code] ?? 0) + 1;
  if (status.diagnostics.some((diagnostic) => diagnostic.code === PARSER_BUG)) {
    violation(`the parser threw: ${JSON.stringify(status.diagnostics.filter((diagnostic) => diagnostic.code === PARSER_BUG))}`);
  }
  if (status.articles !== articles.length) violation(`status counts ${status.articles} articles, the index holds ${articles.length}`);
  if (status.files !== status.articles + status.unpublished + skipped.total) {
    violation(`${status.files} files != ${status.articles} served + ${status.unpublished} unpublished + ${skipped.total} skipped`);
  }
  if (vanishing.length === 0 && status.files !== files.length) violation(`the load saw ${status.files} files, the walk ${files.length}`);

  const vanishedPaths = new Set(vanishing.map((file) => file.path));
  report.vanished += vanishing.length;
  report.vanishedReportedUnreadable += status.diagnostics.filter(
    (diagnostic) => diagnostic.code === 'FILE_UNREADABLE' && vanishedPaths.has(diagnostic.path),
  ).length;
  report.files += status.files;
  report.articles += status.articles;
  report.unpublished += status.unpublished;
  report.erroredFiles += skipped.total;

  const bodies = snapshot.bodiesBySlug(articles.map((article) => article.slug));
  for (const [index, article] of articles.entries()) {
    const body = bodies[index];
    if (body === null) throw new Error(`${article.path} has no body`);
    const { problems, attributesWithRawMarkup } = inspectServedHtml(body);
    for (const problem of problems) violation(`${JSON.stringify(article.path)} is served with ${problem}`);
    report.attributesWithRawMarkup += attributesWithRawMarkup;
  }

  const served = new Set(articles.map((article) => article.path));
  for (const file of written) {
    const figures = (report.kinds[file.kind] ??= { files: 0, served: 0, unpublished: 0, errored: 0, maxParseMs: 0 });
    figures.files++;
    if (served.has(file.path)) figures.served++;
    else if (skipped.paths.has(file.path)) figures.errored++;
    else figures.unpublished++;
    figures.maxParseMs = Math.max(figures.maxParseMs, Math.round(timings.get(file.path) ?? 0));
  }
}

function contentOf(kind: InputKind, random: Random, marker: string): Buffer | string {
  switch (kind) {
    case 'valid':
      return validPost(random);
    case 'mutated':
      return mutatedPost(random);
    case 'random-bytes':
      return randomBytes(random);
    case 'truncated-utf8':
      return truncatedUtf8(random);
    case 'huge-line':
      return hugeLine(random);
    case 'nested-html':
      return nestedHtml(random);
    case 'front-matter-bomb':
      return frontMatterBomb(random);
    case 'executable-front-matter':
      return executableFrontMatter(random, marker);
    case 'unsafe-markup':
      return unsafeMarkup(random);
  }
}

/** Symlinks (a loop, outside the root, broken, an alias) and two names that collide after NFC. */
async function writeLayoutCases(random: Random, root: string, written: Written[]): Promise<number> {
  const cases: Array<() => Promise<void>> = [
    () => symlink('.', path.join(root, 'loop')),
    () => symlink('..', path.join(root, 'parent')),
    () => symlink('/etc', path.join(root, 'system')),
    () => symlink('/etc/hostname', path.join(root, 'outside.md')),
    () => symlink('missing.md', path.join(root, 'broken.md')),
    () => (written[0] ? symlink(written[0].absolute, path.join(root, 'alias.md')) : Promise.resolve()),
    async () => {
      await writeFile(path.join(root, 'caf\u00e9-twin.md'), validPost(random));
      await writeFile(path.join(root, 'cafe\u0301-twin.md'), validPost(random));
    },
    async () => {
      const deep = path.join(root, ...Array.from({ length: 60 }, (_, level) => `d${level}`));
      await mkdir(deep, { recursive: true });
      await writeFile(path.join(deep, 'bottom.md'), validPost(random));
    },
  ];
  let count = 0;
  for (const write of cases) {
    if (!random.chance(0.3)) continue;
    await write().catch(() => undefined);
    count++;
  }
  return count;
}

/** Deletes files one by one while a load runs, yielding between each so the load makes progress. */
async function deleteWhileLoading(files: readonly Written[]): Promise<void> {
  for (const file of files) {
    await new Promise((resolve) => setImmediate(resolve));
    await unlink(file.absolute).catch(() => undefined);
  }
}

/** Files the load skipped with an error: one per path, and one per extra file that lost a slug collision. */
function skippedFiles(diagnostics: ContentSnapshot['status']['diagnostics']): { total: number; paths: Set<string> } {
  const paths = new Set<string>();
  let collisions = 0;
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity !== 'error' || WALK_CODES.has(diagnostic.code)) continue;
    if (diagnostic.code === 'DUPLICATE_SLUG') collisions++;
    else paths.add(diagnostic.path);
  }
  return { total: paths.size + collisions, paths };
}

const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'cite', 'background', 'poster', 'srcset', 'xlink:href'];
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'form',
  'meta',
  'base',
  'link',
  'template',
  'textarea',
  'xmp',
  'noscript',
]);

/**
 * What makes served HTML unsafe, read the way a browser reads it: script and other active
 * elements, event handlers, inline styles, script URLs. Every fragment an article serves
 * (body, lead, sections) is checked.
 */
export function inspectServedHtml(body: BodyHtml): {
  problems: string[];
  attributesWithRawMarkup: number;
} {
  const problems: string[] = [];
  let attributesWithRawMarkup = 0;
  const fragments = [body.html, body.lead ?? '', ...body.sections];
  for (const html of fragments) {
    const visit = (nodes: readonly ChildNode[]): void => {
      for (const node of nodes) {
        if (!isTag(node)) continue;
        if (FORBIDDEN_ELEMENTS.has(node.name)) problems.push(`a <${node.name}> element`);
        for (const [name, value] of Object.entries(node.attribs)) {
          if (/^on/i.test(name)) problems.push(`an ${name}= handler`);
          if (name === 'style' || name === 'srcdoc') problems.push(`a ${name}= attribute`);
          // Browsers skip control characters and spaces inside a URL's scheme, so they are dropped first.
          // eslint-disable-next-line no-control-regex
          if (URL_ATTRIBUTES.includes(name) && /^(?:javascript|vbscript|data:text)/i.test(value.replace(/[\x00-\x20]+/g, ''))) {
            problems.push(`${name}=${JSON.stringify(value)}`);
          }
          if (value.includes('<')) attributesWithRawMarkup++;
        }
        visit(node.children);
      }
    };
    visit(parseDocument(html).children);
  }
  return { problems, attributesWithRawMarkup };
}
