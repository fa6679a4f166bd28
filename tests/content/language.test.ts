/**
 * `detectLanguage` remembers the script of each code point; over texts mixing every script it
 * knows, letters it does not, surrogate pairs and lone surrogates, it must count exactly as the
 * direct range lookup does.
 */
import { createRandom } from '../../bench/corpus/random';
import { detectLanguage } from '../../src/content/body/language';

const SAMPLES = [
  'English words here',
  '中文文本内容',
  'ひらがなのぶん',
  'カタカナ',
  '한국어 문장',
  'Русский текст',
  'Ελληνικά',
  'עברית',
  'العربية',
  'ภาษาไทย',
  'हिन्दी',
  'ქართული',
  'Ⴀ',
  'ü é ß ø',
  '×÷',
  '，。！？「」',
  '・',
  '𠀀𠀁',
  '\ud800',
  '\udc00x',
  '😀',
  '123 456',
  ' \n\t',
];

describe('detectLanguage', () => {
  it.each([
    ['zh', '这是一个中文句子，里面有 GraphQL 和 DataLoader 这些英文词。'],
    ['ja', 'これは日本語の文章です。'],
    ['ko', '이것은 한국어 문장입니다.'],
    ['en', 'A plain English sentence.'],
    ['ru', 'Обычное русское предложение.'],
    [null, '1234 5678 !!!'],
    [null, 'ქართული ენა'],
  ])('reads %s', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('gives the same answer for a text however often its characters were seen before', () => {
    const random = createRandom(5);
    const texts = Array.from({ length: 3000 }, () =>
      Array.from({ length: random.int(1, 12) }, () => random.pick(SAMPLES)).join(random.pick(['', ' ', '\n'])),
    );
    const first = texts.map(detectLanguage);
    expect(texts.map(detectLanguage)).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['en', 'zh', 'ja', 'ko', 'ru', 'el', 'he', 'ar', 'th', 'hi', null]));
  });
});
