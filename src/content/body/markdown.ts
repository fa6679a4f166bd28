import MarkdownIt from 'markdown-it';

/**
 * Raw HTML passes through for the sanitiser to judge. `breaks` follows Hexo's renderers,
 * which turn single newlines into `<br>`: posts written for Hexo rely on it.
 */
const PLAIN_OPTIONS = { html: true, linkify: false, breaks: true } as const;

/**
 * The typographer makes the curly quotes, dashes and ellipses that Hexo's default renderer makes
 * with smartypants, with the same quotes (hexo-renderer-marked's default `quotes`). It changes text
 * of the markdown only: raw HTML, code spans and code blocks keep what was written.
 */
const TYPOGRAPHIC_QUOTES = '“”‘’';

const renderers = {
  plain: new MarkdownIt({ ...PLAIN_OPTIONS, typographer: false }),
  typographic: new MarkdownIt({ ...PLAIN_OPTIONS, typographer: true, quotes: TYPOGRAPHIC_QUOTES }),
};

/**
 * Stands in for the `<!-- more -->` comment through sanitising, which drops every comment,
 * so the excerpt boundary can be found in the sanitised DOM.
 */
export const MORE_MARKER_TAG = 'content-gateway-more';

/**
 * Hexo's excerpt marker as it comes out of markdown-it: a raw comment. Code spans and code
 * blocks escape it, so a marker quoted in code does not count.
 */
const MORE_COMMENT = /<!--\s*more\s*-->/i;

/**
 * Markdown with raw HTML rendered to (unsanitised) HTML, typographic quotes and dashes when `typographer`;
 * the first excerpt marker becomes a `MORE_MARKER_TAG` element.
 */
export function renderMarkdown(source: string, typographer: boolean): string {
  const renderer = typographer ? renderers.typographic : renderers.plain;
  return renderer.render(source).replace(MORE_COMMENT, `<${MORE_MARKER_TAG}></${MORE_MARKER_TAG}>`);
}
