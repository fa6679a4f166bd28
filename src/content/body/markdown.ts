import MarkdownIt from 'markdown-it';

/**
 * Raw HTML passes through for the sanitiser to judge. `breaks` follows Hexo's renderers,
 * which turn single newlines into `<br>`: posts written for Hexo rely on it.
 */
const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false, breaks: true });

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

/** Markdown with raw HTML rendered to (unsanitised) HTML; the first excerpt marker becomes a `MORE_MARKER_TAG` element. */
export function renderMarkdown(source: string): string {
  return markdown.render(source).replace(MORE_COMMENT, `<${MORE_MARKER_TAG}></${MORE_MARKER_TAG}>`);
}
