import type { RenderedBody, SectionData } from '../types';
import { lazyTextStats } from './stats';
import { htmlToText } from './text';

/**
 * A rendered body as plain data that can be posted to another thread. The statistics are left out: they
 * are derived on first read (see `lazyTextStats`), and posting would read, and so compute, them all.
 */
export interface PortableBody extends Omit<RenderedBody, 'stats' | 'sections'> {
  sections: Omit<SectionData, 'wordCount'>[];
}

/** The body without its lazily derived statistics; nothing is computed. */
export function toPortableBody(body: RenderedBody): PortableBody {
  return {
    html: body.html,
    lead: body.lead,
    sections: body.sections.map(({ index, heading, anchor, html }) => ({ index, heading, anchor, html })),
    moreExcerpt: body.moreExcerpt,
    images: body.images,
    language: body.language,
  };
}

/** The body with its statistics derived again on first read. */
export function fromPortableBody(body: PortableBody): RenderedBody {
  const { html } = body;
  return {
    html,
    lead: body.lead,
    sections: body.sections.map(lazySection),
    moreExcerpt: body.moreExcerpt,
    images: body.images,
    // Keeps the HTML, which the body holds anyway, rather than a copy of its text.
    stats: lazyTextStats(() => htmlToText(html)),
    language: body.language,
  };
}

function lazySection({ index, heading, anchor, html }: Omit<SectionData, 'wordCount'>): SectionData {
  const stats = lazyTextStats(() => htmlToText(html));
  return {
    index,
    heading,
    anchor,
    html,
    get wordCount() {
      return stats.wordCount;
    },
  };
}
