/**
 * Sentences, titles and headings assembled from the word lists, in Chinese or English.
 */
import type { Random } from './random';
import { en, zh, type Lexicon } from './words';

export type Language = 'zh' | 'en';

export const lexicon = (language: Language): Lexicon => (language === 'zh' ? zh : en);

const lowerFirst = (text: string) => text[0].toLowerCase() + text.slice(1);
const upperFirst = (text: string) => text[0].toUpperCase() + text.slice(1);

export function sentence(random: Random, language: Language): string {
  const words = lexicon(language);
  const opener = random.chance(0.4) ? random.pick(words.openers) : null;
  const subject = random.pick(words.subjects);
  const core = `${random.pick(words.verbs)}${language === 'zh' ? '' : ' '}${random.pick(words.adjectives)}${language === 'zh' ? '' : ' '}${random.pick(words.objects)}`;
  const tail = random.chance(0.5) ? random.pick(words.tails) : null;
  if (language === 'zh') {
    const amount = random.chance(0.2) ? `，涉及约${random.int(2, 980)}万人次` : '';
    return `${opener ? `${opener}，` : ''}${subject}${core}${amount}${tail ? `，${tail}` : ''}。`;
  }
  const amount = random.chance(0.2) ? ` for about ${random.int(2, 980)},000 people` : '';
  const start = opener ? `${opener}, ${lowerFirst(subject)}` : subject;
  return `${start} ${core}${amount}${tail ? `, ${tail}` : ''}.`;
}

export function sentences(random: Random, language: Language, count: number): string[] {
  return Array.from({ length: count }, () => sentence(random, language));
}

export function paragraph(random: Random, language: Language, count: number): string {
  return sentences(random, language, count).join(language === 'zh' ? '' : ' ');
}

export function title(random: Random, language: Language): string {
  const words = lexicon(language);
  const subject = random.pick(words.subjects);
  const verb = random.pick(words.verbs);
  const adjective = random.pick(words.adjectives);
  const object = random.pick(words.objects);
  if (language === 'zh') {
    switch (random.int(0, 5)) {
      case 0:
        return `【${object}】${subject}${verb}${adjective}${object}`;
      case 1:
        return `${random.int(2, 120)}家${subject}${verb}${object}`;
      case 2:
        return `${subject}${verb}${object}：${random.pick(words.tails)}`;
      case 3:
        return `${subject}为什么${verb}${adjective}${object}？`;
      default:
        return `${subject}${verb}${adjective}${object}`;
    }
  }
  const prefix = random.pick(['', '', '', "It's official: ", 'Report: ', 'Update: ']);
  const core = random.chance(0.2)
    ? `Why ${lowerFirst(subject)} ${verb} ${adjective} ${object}?`
    : `${subject} ${verb} ${adjective} ${object}`;
  return prefix + (prefix ? lowerFirst(core) : upperFirst(core));
}

export function heading(random: Random, language: Language): string {
  const words = lexicon(language);
  const noun = random.pick(words.headingNouns);
  if (random.chance(0.5)) return noun;
  return language === 'zh' ? `${random.pick(words.objects)}的${noun}` : `${noun}: the ${random.pick(words.objects)}`;
}

export function personName(random: Random, language: Language): string {
  const words = lexicon(language);
  return language === 'zh'
    ? `${random.pick(words.familyNames)}${random.pick(words.givenNames)}`
    : `${random.pick(words.givenNames)} ${random.pick(words.familyNames)}`;
}
