/**
 * The feeds posts are filed under: `group > site > channel`, as in an aggregator that
 * mirrors many RSS feeds. Each feed keeps its own habits (language, date format, body style).
 */
import { zipfSampler, type Random } from './random';
import { lexicon, type Language } from './text';
import { en, groups, photoGroup, zh } from './words';

export type DateFormat = 'rfc1123' | 'iso' | 'local';

/** How a feed's posts look: long HTML with sections, short `<br>` lines, pictures, or markdown. */
export type BodyStyle = 'article' | 'brief' | 'photo' | 'media' | 'markdown';

export interface Feed {
  group: string;
  site: string;
  channel: string;
  language: Language;
  dateFormat: DateFormat;
  /** Indentation of the category list in the front matter. */
  indent: string;
  style: BodyStyle;
}

/** Enough feeds that the big ones stand out and the tail is long, growing slower than the corpus. */
export function feedCountFor(articles: number): number {
  return Math.min(2000, Math.max(12, Math.round(4 * Math.sqrt(articles))));
}

export function buildFeeds(random: Random, count: number): Feed[] {
  const pickGroup = zipfSampler(groups.length, 0.8);
  const takenSites = new Set<string>();
  const feeds: Feed[] = [];
  while (feeds.length < count) {
    const language: Language = random.chance(0.75) ? 'zh' : 'en';
    const group = groups[pickGroup(random)];
    const site = uniqueName(siteName(random, language), takenSites);
    const dateFormat = random.pick<DateFormat>(['rfc1123', 'rfc1123', 'rfc1123', 'local', 'local', 'iso']);
    const indent = random.chance(0.85) ? ' ' : '    ';
    const channels = new Set<string>();
    const channelCount = Math.min(random.pick([1, 1, 1, 2, 2, 3, 4]), count - feeds.length);
    while (channels.size < channelCount) channels.add(random.pick(lexicon(language).channels));
    for (const channel of channels) {
      const style =
        group === photoGroup
          ? 'photo'
          : random.pick<BodyStyle>(['article', 'article', 'article', 'brief', 'brief', 'markdown', 'markdown', 'media']);
      feeds.push({ group, site, channel, language, dateFormat, indent, style });
    }
  }
  return shuffle(random, feeds);
}

/** Feeds are drawn by rank; shuffling keeps the channels of one site from taking the top ranks together. */
function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function siteName(random: Random, language: Language): string {
  if (language === 'en') return `The ${random.pick(en.siteHeads)} ${random.pick(en.siteTails)}`;
  if (random.chance(0.15)) return `${random.pick(en.siteHeads)} ${random.pick(zh.siteTails)}`;
  const head = random.chance(0.5) ? random.pick(zh.siteHeads) : random.pick(zh.siteHeads) + random.pick(zh.siteHeads);
  return head + random.pick(zh.siteTails);
}

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name} ${n}`;
  taken.add(candidate);
  return candidate;
}
