/**
 * `content-gateway check <dir> [--json]`: loads a folder exactly as `serve` would and
 * reports every diagnostic. Exit 0 without errors, 1 with errors, 2 on bad usage.
 */
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ContentStore } from '../content/content-store';
import { LoadProgress } from '../content/load-progress';
import type { Diagnostic } from '../content/parsed-post';
import {
  CACHE_FLAG_OPTIONS,
  CACHE_FLAGS_USAGE,
  cacheDirectorySetting,
  CONTENT_FLAGS,
  CONTENT_FLAGS_USAGE,
  contentOptionsFrom,
  UsageError,
} from './content-options';
import { showLoadProgress, terminalOf } from './load-progress-view';

const USAGE = `usage: content-gateway check <dir> [--json] [options]
${CACHE_FLAGS_USAGE}
${CONTENT_FLAGS_USAGE}`;

export async function runCheck(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  let directory: string;
  let json: boolean;
  let options;
  let cacheDirectory: string | null;
  if (argv.includes('--help') || argv.includes('-h')) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean', default: false }, ...CACHE_FLAG_OPTIONS, ...CONTENT_FLAGS },
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one content directory');
    directory = positionals[0];
    json = values.json;
    options = contentOptionsFrom(values);
    cacheDirectory = cacheDirectorySetting(values);
    const info = await stat(directory).catch(() => null);
    if (!info?.isDirectory()) throw new UsageError(`not a directory: ${directory}`);
  } catch (error) {
    err.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }

  // Progress goes to stderr: stdout is the report, and with --json it must stay one document.
  const progress = new LoadProgress();
  const stopProgress = showLoadProgress(progress, terminalOf(err), (_report, text) => err.write(`loading: ${text}\n`));
  const cache =
    cacheDirectory === null ? null : { directory: cacheDirectory, onProblem: (message: string) => err.write(`warning: ${message}\n`) };
  const { status } = (await ContentStore.open(directory, options, progress, cache).finally(stopProgress)).current();
  const summary = {
    files: status.files,
    articles: status.articles,
    unpublished: status.unpublished,
    errors: status.errors,
    warnings: status.warnings,
    categories: status.categories,
    authors: status.authors,
    tags: status.tags,
    sections: status.sections,
  };
  if (json) {
    out.write(`${JSON.stringify({ summary, diagnostics: status.diagnostics }, null, 2)}\n`);
  } else {
    for (const diagnostic of status.diagnostics) out.write(`${formatDiagnostic(diagnostic)}\n`);
    out.write(
      `${summary.files} files: ${summary.articles} articles, ${summary.unpublished} unpublished, ` +
        `${summary.errors} errors, ${summary.warnings} warnings; ${summary.categories} categories, ` +
        `${summary.authors} authors, ${summary.tags} tags, ${summary.sections} sections\n`,
    );
  }
  return status.errors > 0 ? 1 : 0;
}

function formatDiagnostic({ path, line, severity, code, message }: Diagnostic): string {
  return `${path}${line ? `:${line}` : ''}: ${severity} ${code}: ${message}`;
}
