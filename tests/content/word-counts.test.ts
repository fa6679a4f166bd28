import { htmlToText, textStats } from '../../src/content/body';
import { renderBody } from '../../src/content/body/render';

/**
 * Word counts are `Intl.Segmenter`'s word-like segments, though plain ASCII is segmented without it and a
 * body is segmented once for itself and its sections: these hold both to the segmenter itself.
 */
const SEGMENTER = new Intl.Segmenter('en', { granularity: 'word' });

function segmenterWords(text: string): number {
  let words = 0;
  for (const { isWordLike } of SEGMENTER.segment(text)) if (isWordLike === true) words++;
  return words;
}

/** One character of each class the ASCII word rules tell apart, and a few that are none of them. */
const ALPHABET = ['a', 'Z', '0', '_', '.', "'", ':', ',', ';', ' ', '\n', '\r', '\t', '-', '"', '/', '!'];

function* stringsUpTo(length: number): Generator<string> {
  let current = [''];
  for (let size = 1; size <= length; size++) {
    current = current.flatMap((prefix) => ALPHABET.map((character) => prefix + character));
    yield* current;
  }
}

/** A small deterministic generator (mulberry32), so a failure is reproducible. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomText(next: () => number, length: number): string {
  return Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
}

describe('word counts', () => {
  it('count ASCII as the segmenter does, for every string of up to four characters of the word classes', () => {
    const mismatches: string[] = [];
    for (const text of stringsUpTo(4)) if (textStats(text).wordCount !== segmenterWords(text)) mismatches.push(text);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('count longer ASCII, prose and text mixed with other scripts as the segmenter does', () => {
    const next = random(16);
    const texts = [
      ...Array.from({ length: 2000 }, () => randomText(next, 8 + Math.floor(next() * 40))),
      "It's 3.14 o'clock: e.g. a_b, 1,000;2 U.S.A. __init__ _ x__ 12:30 a.b.c 'quoted' end.",
      `${'Long English prose, with words. '.repeat(100)}\n${'中文，混合 English 与 3.5 的数字。'.repeat(60)}`,
    ];
    expect(texts.filter((text) => textStats(text).wordCount !== segmenterWords(text)).slice(0, 10)).toEqual([]);
  });

  it("count each section's words as the segmenter counts that section's text alone", () => {
    const next = random(3);
    const paragraph = () => `<p>${randomText(next, 30).replace(/[<&]/g, ' ')}</p>`;
    const source = `<div>${paragraph()}${['A b', '中文', 'x.y'].map((heading) => `<h3>${heading}</h3>${paragraph()}${paragraph()}`).join('')}</div>\n`;
    const body = renderBody(source, { iframeHosts: [], markdownTypographer: false });
    expect(body.sections.map((section) => section.wordCount)).toEqual(
      body.sections.map((section) => segmenterWords(htmlToText(section.html))),
    );
    expect(body.stats.wordCount).toBe(segmenterWords(htmlToText(body.html)));
  });
});
