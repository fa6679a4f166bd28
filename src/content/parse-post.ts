/**
 * One file in, one post (or the reasons there is none) out.
 */
import path from 'node:path';
import { renderBody } from './body';
import { normaliseMeta, splitFrontMatter } from './front-matter';
import type { ReadFile } from './scan';
import type { ContentOptions, Diagnostic, ParsedPost } from './types';

export interface ParseOutcome {
  /** Null when an error keeps the file from being served. */
  post: ParsedPost | null;
  diagnostics: Diagnostic[];
}

export function parsePost(file: ReadFile, options: ContentOptions): ParseOutcome {
  const withPath = (diagnostics: Omit<Diagnostic, 'path'>[]): Diagnostic[] =>
    diagnostics.map((diagnostic) => ({ path: file.path, ...diagnostic }));

  const split = splitFrontMatter(file.text, options);
  if (!split.ok) return { post: null, diagnostics: withPath(split.diagnostics) };

  const fileStem = path.posix.basename(file.path).replace(/\.md$/i, '');
  const { meta, diagnostics } = normaliseMeta(split.data, { fileStem, timeZone: options.timeZone });
  const body = renderBody(split.body, options);
  return {
    post: { slug: slugOf(file.path), path: file.path, meta, body, contentHash: file.contentHash },
    diagnostics: withPath([...split.diagnostics, ...diagnostics]),
  };
}

/** Hexo's `:title`: the path below the content root without the extension. */
export function slugOf(relativePath: string): string {
  return relativePath.replace(/\.md$/i, '');
}
