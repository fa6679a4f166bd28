/**
 * A body's headings as a table of contents: each heading holds the deeper headings that follow
 * it up to the next one of its level or higher, as Hexo's `toc` helper nests them.
 */
import type { HeadingData } from './parsed-post';

/** `h6`: the deepest heading HTML has. */
export const DEEPEST_HEADING_LEVEL = 6;

export interface TocNode extends HeadingData {
  children: TocNode[];
}

/** The headings of levels 1 to `maxDepth`, nested; a heading with no shallower one before it is a root. */
export function tableOfContents(headings: readonly HeadingData[], maxDepth: number = DEEPEST_HEADING_LEVEL): TocNode[] {
  const roots: TocNode[] = [];
  const open: TocNode[] = [];
  for (const heading of headings) {
    if (heading.level > maxDepth) continue;
    const node: TocNode = { ...heading, children: [] };
    while (open.length > 0 && open[open.length - 1].level >= node.level) open.pop();
    (open.length > 0 ? open[open.length - 1].children : roots).push(node);
    open.push(node);
  }
  return roots;
}
