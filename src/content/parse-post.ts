/**
 * One file in, one post (or the reasons there is none) out.
 */
import path from 'node:path';
import { renderBody } from './body/render';
import { normaliseMeta, splitFrontMatter } from './front-matter';
import type { ContentOptions } from './options';
import type { Diagnostic, ParsedPost } from './parsed-post';
import { revisionOf, slugOfPath } from './post-identity';
import type { ReadFile } from './scan';

/** What parsing needs of a file that was read; a whole {@link ReadFile} will do. */
export type ParseInput = Pick<ReadFile, 'path' | 'text' | 'contentHash' | 'modifiedMs'>;

export interface ParseOutcome {
  /** Null when an error keeps the file from being served. */
  post: ParsedPost | null;
  diagnostics: Diagnostic[];
}

export function parsePost(file: ReadFile | ParseInput, options: ContentOptions): ParseOutcome {
  const withPath = (diagnostics: Omit<Diagnostic, 'path'>[]): Diagnostic[] =>
    diagnostics.map((diagnostic) => ({ path: file.path, ...diagnostic }));

  const split = splitFrontMatter(file.text, options);
  if (!split.ok) return { post: null, diagnostics: withPath(split.diagnostics) };

  const fileStem = path.posix.basename(file.path).replace(/\.md$/i, '');
  const { meta, diagnostics } = normaliseMeta(split.data, {
    fileStem,
    timeZone: options.timeZone,
    updatedOption: options.updatedOption,
    // Rounded as `fs.Stats#mtime` rounds it, so the date equals what `stat` shows.
    modifiedAt: new Date(Math.round(file.modifiedMs)),
  });
  const body = renderBody(split.body, options);
  return {
    post: { slug: slugOfPath(file.path), path: file.path, meta, body, contentHash: revisionOf(file, options) },
    diagnostics: withPath([...split.diagnostics, ...diagnostics]),
  };
}

/** {@link parsePost}, where a bug in a parser costs one file, never the whole load. */
export function parsePostSafely(file: ReadFile | ParseInput, options: ContentOptions): ParseOutcome {
  try {
    return parsePost(file, options);
  } catch (error) {
    return {
      post: null,
      diagnostics: [
        {
          path: file.path,
          severity: 'error',
          code: 'PARSE_FAILED',
          message: `unexpected failure while parsing: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
}
