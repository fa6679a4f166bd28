import type { BodyHtml, BodyOutline, LeadData, RenderedBody, SectionData } from '../parsed-post';

/**
 * A piece of a body's HTML kept as a stretch of the whole body's HTML plus the few tags around it
 * that differ (the wrappers a section split closes and reopens): the pieces together are about
 * as long as the whole, and would otherwise double what a body holds.
 */
export interface HtmlPart {
  before: string;
  start: number;
  end: number;
  after: string;
}

/**
 * A rendered body as plain data that can be posted to another thread. The statistics travel with it:
 * they are counted where the body is parsed, so serving never segments text (see `segments.ts`).
 */
export interface PortableBody extends Omit<RenderedBody, 'sections' | 'lead'> {
  lead: { html: string | HtmlPart } | null;
  sections: (Omit<SectionData, 'html'> & { html: string | HtmlPart })[];
}

/**
 * `piece` as a part of `whole`, where `piece` from `pieceFrom` on runs alike with `whole` from
 * `wholeFrom` on; `piece` itself when less than half of it does.
 */
export function htmlPartOf(piece: string, whole: string, pieceFrom: number, wholeFrom: number): string | HtmlPart {
  if (pieceFrom < 0 || wholeFrom < 0) return piece;
  const limit = Math.min(piece.length - pieceFrom, whole.length - wholeFrom);
  let length = 0;
  while (length < limit && piece.charCodeAt(pieceFrom + length) === whole.charCodeAt(wholeFrom + length)) length++;
  if (length * 2 < piece.length) return piece;
  return { before: piece.slice(0, pieceFrom), start: wholeFrom, end: wholeFrom + length, after: piece.slice(pieceFrom + length) };
}

function htmlOfPart(part: string | HtmlPart, whole: string): string {
  return typeof part === 'string' ? part : part.before + whole.slice(part.start, part.end) + part.after;
}

/** What each body was made from, so splitting it sends the parts rather than their HTML. */
const portableOf = new WeakMap<RenderedBody, PortableBody>();

/** A body's HTML as plain data: the whole, and the lead and sections as parts of it where they can be. */
export interface PortableHtml {
  html: string;
  lead: string | HtmlPart | null;
  sections: (string | HtmlPart)[];
}

/** The body as plain data, in the two parts the index keeps apart: its outline and its HTML. */
export function splitBody(body: RenderedBody): { outline: BodyOutline; html: PortableHtml } {
  const portable = portableOf.get(body) ?? {
    html: body.html,
    lead: body.lead,
    sections: body.sections.map(({ index, heading, anchor, html, wordCount }) => ({ index, heading, anchor, html, wordCount })),
  };
  const { headings, moreExcerpt, images, stats, language } = body;
  return {
    outline: {
      hasLead: portable.lead !== null,
      sections: portable.sections.map(({ index, heading, anchor, wordCount }) => ({ index, heading, anchor, wordCount })),
      headings,
      moreExcerpt,
      images,
      stats,
      language,
    },
    html: { html: portable.html, lead: portable.lead?.html ?? null, sections: portable.sections.map((section) => section.html) },
  };
}

/** The HTML of the whole, the lead and each section, put together from their parts. */
export function htmlOfBody({ html, lead, sections }: PortableHtml): BodyHtml {
  return { html, lead: lead === null ? null : htmlOfPart(lead, html), sections: sections.map((part) => htmlOfPart(part, html)) };
}

/**
 * The body from its plain data. The HTML of the lead and of each section is put together from its
 * part on each read: kept whole, every read string would stay.
 */
export function fromPortableBody(portable: PortableBody): RenderedBody {
  const { html } = portable;
  const leadPart = portable.lead?.html;
  const body: RenderedBody = {
    html,
    lead: leadPart === undefined ? null : lazyLead(leadPart, html),
    sections: portable.sections.map((section) => lazySection(section, html)),
    headings: portable.headings,
    moreExcerpt: portable.moreExcerpt,
    images: portable.images,
    stats: portable.stats,
    language: portable.language,
  };
  portableOf.set(body, portable);
  return body;
}

function lazyLead(part: string | HtmlPart, whole: string): LeadData {
  if (typeof part === 'string') return { html: part };
  return {
    get html() {
      return htmlOfPart(part, whole);
    },
  };
}

function lazySection({ index, heading, anchor, html: part, wordCount }: PortableBody['sections'][number], whole: string): SectionData {
  return {
    index,
    heading,
    anchor,
    get html() {
      return htmlOfPart(part, whole);
    },
    wordCount,
  };
}
