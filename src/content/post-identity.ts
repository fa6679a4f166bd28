/**
 * What names a post and what versions it, from its file alone: pure, so the serving thread and the
 * parse threads both use it without loading the parsers or the file system.
 */
import { DRAFTS_FOLDER, type ContentOptions } from './options';
import type { ReadFile } from './scan';

/** Hexo's `:title`: the path below the content root without the extension. */
export function slugOfPath(relativePath: string): string {
  // A draft has the slug it will have once published, as in Hexo.
  const published = relativePath.startsWith(DRAFTS_FOLDER) ? relativePath.slice(DRAFTS_FOLDER.length) : relativePath;
  return published.replace(/\.md$/i, '');
}

/**
 * What a post parsed from `file` depends on: the file's bytes and, when `updated` falls back to the
 * file's modification time, that time too, so that touching a file changes the served version.
 */
export function revisionOf(file: Pick<ReadFile, 'contentHash' | 'modifiedMs'>, options: Pick<ContentOptions, 'updatedOption'>): string {
  return options.updatedOption === 'mtime' ? `${file.contentHash}@${file.modifiedMs}` : file.contentHash;
}
