/**
 * One post as a file's text: front matter laid out like the mirrored feeds (a blank first
 * line, `categories` as a block list, single-quoted strings) and a body in the feed's style.
 */
import type { DateFormat, Feed } from './feeds';
import { zipfSampler, type Random } from './random';
import { heading, lexicon, paragraph, personName, sentences, title as makeTitle, type Language } from './text';

export interface RenderedPost {
  title: string;
  text: string;
  /** False for a post Hexo does not publish (`published: false` or a hidden file name). */
  listed: boolean;
  invalidDate: boolean;
  large: boolean;
  sections: number;
}

const FIRST_DATE = Date.UTC(2017, 0, 1);
const LAST_DATE = Date.UTC(2023, 11, 31);
const LARGE_MIN_BYTES = 100 * 1024;

const pickTag = { zh: zipfSampler(lexicon('zh').tags.length, 1), en: zipfSampler(lexicon('en').tags.length, 1) };

export function renderPost(random: Random, feed: Feed): RenderedPost {
  const hidden = random.chance(0.002);
  const unpublished = !hidden && random.chance(0.003);
  const listed = !hidden && !unpublished;
  const invalidDate = listed && random.chance(0.01);
  const large = random.chance(0.005);
  const baseTitle = makeTitle(random, feed.language);
  const title = hidden ? `_${baseTitle}_` : baseTitle;

  const style = large ? (feed.style === 'markdown' ? 'markdown' : 'article') : feed.style;
  const sectionCount = style === 'article' || style === 'markdown' ? (large ? 8 : random.chance(0.4) ? 0 : random.int(1, 8)) : 0;
  const targetBytes = large ? random.int(LARGE_MIN_BYTES, 4 * LARGE_MIN_BYTES) : 0;
  const body =
    style === 'markdown'
      ? markdownBody(random, feed.language, sectionCount, targetBytes)
      : style === 'article'
        ? htmlArticleBody(random, feed.language, sectionCount, targetBytes)
        : style === 'brief'
          ? briefBody(random, feed.language, title)
          : style === 'photo'
            ? photoBody(random)
            : mediaBody(random, feed.language, title);

  const cover = random.chance(0.9) ? imageUrl(random) : null;
  const author = random.chance(0.12) ? personName(random, feed.language) : feed.site;
  const tags = random.chance(0.35) ? [] : pickTags(random, feed.language, random.int(1, 5));
  const date = invalidDate ? 'Invalid Date' : formatDate(random.int(FIRST_DATE / 1000, LAST_DATE / 1000) * 1000, feed.dateFormat);

  const lines = [
    '',
    '---',
    `title: ${quote(title)}`,
    'categories: ',
    ...[feed.group, feed.site, feed.channel].map((name) => `${feed.indent}- ${name}`),
    // Feeds without a header image leave an empty line where it would be.
    cover ? `headimg: ${quote(cover)}` : '',
    `author: ${author}`,
    'comments: false',
    ...(unpublished ? ['published: false'] : []),
    `date: ${date}`,
    ...(tags.length ? ['tags:', ...tags.map((tag) => ` - ${tag}`)] : []),
    `thumbnail: ${quote(cover ?? '')}`,
    '---',
    '',
    body,
  ];
  return { title, text: lines.join('\n'), listed, invalidDate, large, sections: sectionCount };
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

function formatDate(time: number, format: DateFormat): string {
  const date = new Date(time);
  if (format === 'rfc1123') return date.toUTCString();
  if (format === 'iso') return date.toISOString();
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

function imageUrl(random: Random): string {
  const id = random.int(0, 0xffffffff).toString(16).padStart(8, '0');
  return `https://example.com/images/${id}.${random.pick(['jpg', 'jpg', 'png', 'webp'])}`;
}

function pickTags(random: Random, language: Language, count: number): string[] {
  const names = lexicon(language).tags;
  const chosen = new Set<string>();
  for (let i = 0; i < count; i++) chosen.add(names[pickTag[language](random)]);
  return [...chosen];
}

const htmlImage = (random: Random) => `<img src="${imageUrl(random)}" referrerpolicy="no-referrer">`;
const wrapHtml = (inner: string) => `<div>   \n${inner}\n</div>\n            `;

/**
 * Fills `sectionCount` sections with paragraphs; a large post keeps adding paragraphs to its
 * sections in turn until it reaches `targetBytes`.
 */
function sectionedParagraphs(random: Random, language: Language, sectionCount: number, targetBytes: number) {
  const lead = Array.from({ length: random.int(1, 3) }, () => paragraph(random, language, random.int(2, 5)));
  const sections = Array.from({ length: sectionCount }, () => ({
    heading: heading(random, language),
    paragraphs: Array.from({ length: random.int(1, 4) }, () => paragraph(random, language, random.int(2, 5))),
  }));
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const added = paragraph(random, language, random.int(4, 8));
    (sections.length ? sections[i % sections.length].paragraphs : lead).push(added);
    bytes += Buffer.byteLength(added);
  }
  return { lead, sections };
}

function htmlArticleBody(random: Random, language: Language, sectionCount: number, targetBytes: number): string {
  const { lead, sections } = sectionedParagraphs(random, language, sectionCount, targetBytes);
  const parts = random.chance(0.3) ? [`<p>${htmlImage(random)}</p>`] : [];
  parts.push(...lead.map((text) => `<p>${text}</p>`));
  for (const section of sections) {
    parts.push(`<h3>${section.heading}</h3>`, ...section.paragraphs.map((text) => `<p>${text}</p>`));
    if (random.chance(0.2)) parts.push(`<p>${htmlImage(random)}</p>`);
  }
  return wrapHtml(parts.join('\n'));
}

function markdownBody(random: Random, language: Language, sectionCount: number, targetBytes: number): string {
  const { lead, sections } = sectionedParagraphs(random, language, sectionCount, targetBytes);
  const image = () => `![${heading(random, language)}](${imageUrl(random)})`;
  const parts = [...lead];
  if (random.chance(0.3)) parts.push(image());
  for (const section of sections) {
    parts.push(`### ${section.heading}`, ...section.paragraphs);
    if (random.chance(0.25))
      parts.push(
        sentences(random, language, random.int(2, 4))
          .map((line) => `- ${line}`)
          .join('\n'),
      );
    if (random.chance(0.2)) parts.push(image());
  }
  return `${parts.join('\n\n')}\n`;
}

/** Wire-style item: the title in brackets, then lines separated by `<br>`, no paragraphs. */
function briefBody(random: Random, language: Language, title: string): string {
  const lead = language === 'zh' && random.chance(0.5) ? `【${title}】` : '';
  return wrapHtml(lead + sentences(random, language, random.int(1, 4)).join('<br>'));
}

function photoBody(random: Random): string {
  return wrapHtml(Array.from({ length: random.int(1, 3) }, () => `${htmlImage(random)}  `).join('\n'));
}

function mediaBody(random: Random, language: Language, title: string): string {
  return wrapHtml(`${title}<br>${htmlImage(random)}<br>${sentences(random, language, random.int(0, 3)).join('<br>')}`);
}
