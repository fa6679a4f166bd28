import GithubSlugger from 'github-slugger';
import { parseDocument } from 'htmlparser2';
import { type ChildNode, type Element, isTag, isText, hasChildren } from 'domhandler';
import { getAttributeValue, prepend, removeElement } from 'domutils';
import serialize from 'dom-serializer';
import type { HeadingData, ImageRef, RenderedBody } from '../parsed-post';
import { renderMarkdown, MORE_MARKER_TAG } from './markdown';
import { sanitizeBodyHtml } from './sanitize';
import { isBlank, splitBeforeHeadings } from './sections';
import { detectLanguage } from './language';
import { TextBuilder, nodesToText } from './text';
import { textStatsWithSpans } from './stats';
import { fromPortableBody, htmlPartOf } from './portable';
import { entryOf } from '../map-entry';

export interface RenderOptions {
  /** Hosts (and their subdomains) whose iframes survive; empty removes every iframe. */
  iframeHosts: readonly string[];
  /** Curly quotes, dashes and ellipses in the markdown, as Hexo's smartypants. */
  markdownTypographer: boolean;
}

const SECTION_HEADING = 'h3';
/** Heading tags and their levels. */
const HEADING_LEVELS = new Map(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((name, index) => [name, index + 1]));

/** What one walk over the sanitised DOM finds. */
interface BodyScan {
  text: TextBuilder;
  images: ImageRef[];
  markers: Element[];
  /** Text before the first excerpt marker, when there is one. */
  textBeforeMarker: string | null;
  /** Section headings in document order, none inside another. */
  headings: Element[];
  /** Where each section's text starts in `text`: its word count comes from the whole text's segmentation. */
  sectionTextStarts: number[];
  /** Every element with a section heading among its descendants. */
  headingWrappers: Set<Element>;
  /** Every heading element of any level, in document order. */
  allHeadings: Element[];
  /** Headings inside another heading: their text is part of the outer one's, so they are no entry of their own. */
  innerHeadings: Set<Element>;
}

/**
 * Renders a post body (markdown with raw HTML) to sanitised HTML and derives everything the
 * index needs from a single parse of the sanitised output: lead, sections, images, the Hexo
 * excerpt and the language. `stats` and each section's `wordCount` are counted here, where the
 * body is parsed (on a parse thread), so that serving never segments text.
 */
export function renderBody(source: string, options: RenderOptions): RenderedBody {
  const sanitized = sanitizeBodyHtml(renderMarkdown(source, options.markdownTypographer), options.iframeHosts);
  const document = parseDocument(sanitized);
  const scan = scanBody(document.children);
  scan.markers.forEach(unwrap);

  const anchors = anchorHeadings(scan.allHeadings);
  const anchored = scan.headings.map((heading) => entryOf(anchors, heading));
  const headings: HeadingData[] = scan.allHeadings
    .filter((heading) => !scan.innerHeadings.has(heading))
    .map((heading) => ({ level: entryOf(HEADING_LEVELS, heading.name), ...entryOf(anchors, heading) }));
  const html = serializeNodes(document.children);
  const text = scan.text.toString();

  const { stats, spanWordCounts } = textStatsWithSpans(text, scan.sectionTextStarts);

  const split = splitBeforeHeadings(document.children, new Set(scan.headings), scan.headingWrappers);
  // Each section starts with its heading, serialised alike in the section and in the whole body.
  let searchFrom = 0;
  const sections = split.sections.map(({ heading, nodes }, index) => {
    const piece = serializeNodes(nodes);
    const headingHtml = serializeNodes([heading]);
    const start = html.indexOf(headingHtml, searchFrom);
    if (start >= 0) searchFrom = start + headingHtml.length;
    return {
      index,
      heading: anchored[index].text,
      anchor: anchored[index].anchor,
      html: htmlPartOf(piece, html, piece.indexOf(headingHtml), start),
      wordCount: spanWordCounts[index],
    };
  });
  return fromPortableBody({
    html,
    // Without sections the lead is the whole body.
    lead: isBlank(split.lead)
      ? null
      : { html: sections.length === 0 ? htmlPartOf(html, html, 0, 0) : htmlPartOf(serializeNodes(split.lead), html, 0, 0) },
    sections,
    headings,
    moreExcerpt: scan.textBeforeMarker === '' ? null : scan.textBeforeMarker,
    images: scan.images,
    stats,
    language: detectLanguage(text),
  });
}

function scanBody(roots: readonly ChildNode[]): BodyScan {
  const scan: BodyScan = {
    text: new TextBuilder(),
    images: [],
    markers: [],
    textBeforeMarker: null,
    headings: [],
    sectionTextStarts: [],
    headingWrappers: new Set(),
    allHeadings: [],
    innerHeadings: new Set(),
  };
  const ancestors: Element[] = [];
  const visit = (nodes: readonly ChildNode[]): void => {
    for (const node of nodes) {
      if (isText(node)) scan.text.addText(node.data);
      else if (isTag(node)) visitElement(node);
      else if (hasChildren(node)) visit(node.children);
    }
  };
  const visitElement = (element: Element): void => {
    if (element.name === MORE_MARKER_TAG) {
      if (scan.markers.length === 0) scan.textBeforeMarker = scan.text.toString();
      scan.markers.push(element);
    }
    if (element.name === 'img') {
      scan.images.push({ src: element.attribs.src, alt: getAttributeValue(element, 'alt') ?? null });
    }
    // Browsers read an iframe's content as raw text up to the first `</iframe>`, and the serialiser
    // writes it unescaped: markup or decoded entities kept there would come out live.
    if (element.name === 'iframe') element.children = [];
    if (HEADING_LEVELS.has(element.name)) {
      scan.allHeadings.push(element);
      if (ancestors.some((a) => HEADING_LEVELS.has(a.name))) scan.innerHeadings.add(element);
    }
    if (element.name === SECTION_HEADING && !ancestors.some((a) => a.name === SECTION_HEADING)) {
      scan.headings.push(element);
      scan.sectionTextStarts.push(scan.text.length);
      for (let i = ancestors.length - 1; i >= 0 && !scan.headingWrappers.has(ancestors[i]); i--) {
        scan.headingWrappers.add(ancestors[i]);
      }
    }
    scan.text.openTag(element.name);
    ancestors.push(element);
    visit(element.children);
    ancestors.pop();
    scan.text.closeTag(element.name);
  };
  visit(roots);
  return scan;
}

/** Replaces an element with its children; the excerpt marker is empty unless an author wrote one by hand. */
function unwrap(element: Element): void {
  for (const child of [...element.children]) prepend(element, child);
  removeElement(element);
}

/**
 * Gives every heading, in document order, its anchor as its `id`, so a link to `#anchor` lands on it.
 * The sanitiser keeps no `id` the content wrote, so these are the only ids in the served HTML:
 * an author's id can neither collide with an anchor nor pose as one.
 */
function anchorHeadings(headings: readonly Element[]): Map<Element, { text: string; anchor: string }> {
  const slugger = new GithubSlugger();
  const anchors = new Map<Element, { text: string; anchor: string }>();
  headings.forEach((heading, index) => {
    const text = nodesToText([heading]).replace(/\s+/g, ' ').trim();
    const anchor = uniqueAnchor(slugger, text, index);
    heading.attribs.id = anchor;
    anchors.set(heading, { text, anchor });
  });
  return anchors;
}

/** GitHub's anchor for the heading; a heading that yields no slug is numbered instead. */
function uniqueAnchor(slugger: GithubSlugger, title: string, index: number): string {
  return GithubSlugger.slug(title) === '' ? slugger.slug(`section-${index + 1}`) : slugger.slug(title);
}

function serializeNodes(nodes: readonly ChildNode[]): string {
  return serialize(nodes, { encodeEntities: 'utf8' });
}
