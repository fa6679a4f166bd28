import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseDocument } from 'htmlparser2';
import type { ChildNode } from 'domhandler';
import { htmlToText } from '../../src/content/body';
import { renderBody } from '../../src/content/body/render';

/**
 * Renders every body of a sample corpus of real posts, kept next to the project when it is
 * available. The corpus is not part of the repository, so without it this suite is skipped.
 */
const PROJECT_ROOT = resolve(__dirname, '..', '..');
const CORPUS_ROOT = resolve(PROJECT_ROOT, '..', 'shared', 'corpus');
const IFRAME_HOSTS = ['bilibili.com', 'youku.com'];

function markdownFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** Crude on purpose: everything up to the second `---` line is front matter. */
function stripFrontMatter(source: string): string {
  const match = /^\s*---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  return match ? source.slice(match[0].length) : source;
}

function flatText(html: string): string {
  return htmlToText(html).replace(/\s+/g, ' ').trim();
}

function attributeNames(nodes: readonly ChildNode[]): string[] {
  return nodes.flatMap((node) => [
    ...('attribs' in node ? Object.keys(node.attribs) : []),
    ...('children' in node ? attributeNames(node.children) : []),
  ]);
}

function elementNames(nodes: readonly ChildNode[]): string[] {
  return nodes.flatMap((node) => [...('name' in node ? [node.name] : []), ...('children' in node ? elementNames(node.children) : [])]);
}

if (existsSync(CORPUS_ROOT)) {
  const files = markdownFiles(CORPUS_ROOT).map((path) => [relative(CORPUS_ROOT, path), path]);

  describe(`body corpus (${CORPUS_ROOT})`, () => {
    it('has bodies to render', () => {
      expect(files.length).toBeGreaterThan(0);
    });

    it.each(files)('%s renders safely and splits without loss', (_name, path) => {
      const body = renderBody(stripFrontMatter(readFileSync(path, 'utf8')), { iframeHosts: IFRAME_HOSTS, markdownTypographer: true });
      const pieces = [...(body.lead ? [body.lead.html] : []), ...body.sections.map((section) => section.html)];

      for (const html of [body.html, ...pieces]) {
        const nodes = parseDocument(html).children;
        expect(elementNames(nodes)).not.toContain('script');
        expect(attributeNames(nodes).filter((name) => name.startsWith('on'))).toEqual([]);
      }
      expect(body.html).not.toMatch(/<script|javascript:/i);
      expect(pieces.map(flatText).join(' ').trim()).toBe(flatText(body.html));
    });
  });
} else {
  describe.skip(`body corpus: skipped, no corpus at ${CORPUS_ROOT}`, () => {
    it('renders every corpus body', () => undefined);
  });
}
