import sanitizeHtml from 'sanitize-html';
import { MORE_MARKER_TAG } from './markdown';

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

const ALLOWED_TAGS = [
  ...HEADINGS,
  'p',
  'br',
  'hr',
  'div',
  'span',
  'blockquote',
  'pre',
  'code',
  'kbd',
  'samp',
  'var',
  'a',
  'img',
  'iframe',
  'figure',
  'figcaption',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'del',
  'ins',
  'sub',
  'sup',
  'small',
  'mark',
  'abbr',
  'cite',
  'q',
  'dfn',
  'time',
  'bdi',
  'bdo',
  'ruby',
  'rt',
  'rp',
  'wbr',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'details',
  'summary',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  MORE_MARKER_TAG,
];

/**
 * No `id` anywhere: rendering gives every heading its anchor as `id` after sanitising, and an
 * id the content wrote could take an anchor's place or pose as one.
 */
const ALLOWED_ATTRIBUTES: sanitizeHtml.IOptions['allowedAttributes'] = {
  '*': ['title', 'lang', 'dir'],
  a: ['href', 'target', 'rel'],
  // Hot-linked images in the posts only load without a referrer.
  img: ['src', 'alt', 'width', 'height', 'referrerpolicy'],
  iframe: ['src', 'width', 'height', 'allowfullscreen', 'frameborder'],
  code: ['class'],
  pre: ['class'],
  ol: ['start', 'reversed', 'type'],
  li: ['value'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  col: ['span'],
  colgroup: ['span'],
  time: ['datetime'],
  blockquote: ['cite'],
  q: ['cite'],
};

/**
 * Raw-text and foreign content is dropped with its element: its text is not article text,
 * and `svg`/`math` are the usual way to smuggle markup past a sanitiser.
 */
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'textarea',
  'option',
  'xmp',
  'title',
  'noscript',
  'noembed',
  'noframes',
  'template',
  'svg',
  'math',
  'object',
];

/** `data:` images render inertly in `<img>`; SVG is left out because it can carry script when opened on its own. */
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|avif)[;,]/i;
/** Browsers ignore these inside URLs, so they must not hide a scheme from the check. */
// eslint-disable-next-line no-control-regex -- those control characters are what this pattern removes
const IGNORED_URL_CHARACTERS = /[\x00-\x20]+/g;
const MAX_NESTING = 100;
const SAME_CONTEXT_TARGETS = new Set(['', '_self', '_parent', '_top']);
const OPENER_PROTECTION = ['noopener', 'noreferrer'];

/** An attribute as the tag was written: it may be missing, whatever sanitize-html's type says. */
function writtenAttribute(attribs: sanitizeHtml.Attributes, name: string): string | undefined {
  return attribs[name];
}

function protectOpener(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const target = writtenAttribute(attribs, 'target')?.trim().toLowerCase();
  if (target !== undefined && !SAME_CONTEXT_TARGETS.has(target)) {
    const rel = new Set((writtenAttribute(attribs, 'rel') ?? '').split(/\s+/).filter(Boolean));
    for (const token of OPENER_PROTECTION) rel.add(token);
    attribs.rel = [...rel].join(' ');
  }
  return { tagName, attribs };
}

function dropUnsafeDataImage(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const src = writtenAttribute(attribs, 'src')?.replace(IGNORED_URL_CHARACTERS, '');
  if (src !== undefined && /^data:/i.test(src) && !SAFE_DATA_IMAGE.test(src)) delete attribs.src;
  return { tagName, attribs };
}

function buildOptions(iframeHosts: readonly string[]): sanitizeHtml.IOptions {
  const hosts = iframeHosts.map((host) => host.trim().toLowerCase()).filter(Boolean);
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    allowProtocolRelative: true,
    // An empty list still switches the host check on, which then removes every iframe.
    allowedIframeDomains: hosts,
    allowIframeRelativeUrls: false,
    nonTextTags: DROPPED_WITH_CONTENT,
    // Deeper elements lose their tags but keep their text, which keeps every later tree walk shallow.
    nestingLimit: MAX_NESTING,
    disallowedTagsMode: 'discard',
    transformTags: { a: protectOpener, img: dropUnsafeDataImage },
    // sanitize-html strips a rejected `src` but keeps the element; an iframe or image
    // without a source is only an empty box, or a fallback text nobody asked for.
    exclusiveFilter: (frame) => (frame.tag === 'iframe' || frame.tag === 'img') && !frame.attribs.src,
  };
}

const optionsByHosts = new Map<string, sanitizeHtml.IOptions>();

/** Sanitised HTML under the body allow-list; iframes survive only from `iframeHosts` and their subdomains. */
export function sanitizeBodyHtml(html: string, iframeHosts: readonly string[]): string {
  const key = iframeHosts.join('\n');
  let options = optionsByHosts.get(key);
  if (options === undefined) {
    options = buildOptions(iframeHosts);
    optionsByHosts.set(key, options);
  }
  return sanitizeHtml(html, options);
}
