/**
 * Language by dominant script, the cheapest guess that is right for this content:
 * - Han and kana count one per character (written without spaces; Thai likewise); other
 *   scripts count one per run of letters, roughly a word, so a Chinese text quoting English
 *   terms stays Chinese.
 * - Han and kana together are `ja` when at least a tenth of them are hiragana, or when kana are the
 *   majority; otherwise `zh`. Hiragana carries Japanese grammar (particles, endings), so
 *   Japanese prose is full of it, while a Chinese text quoting a Japanese name mostly quotes
 *   katakana.
 * - Hangul is `ko`, Latin `en` (Latin-script languages are not told apart), and a few scripts
 *   used mainly by one language map to it.
 * - Null when the text has no letters, or when letters of a script not listed here dominate.
 *
 * Scripts are told by code point ranges rather than Unicode property regexes, and remembered
 * per BMP code point: this runs over every body at load time.
 */

const NONE = 0;
const HAN = 1;
const HIRAGANA = 2;
const KATAKANA = 3;
const OTHER_LETTER = 4;
/** Scripts counted by the run, each with its language; indices follow `OTHER_LETTER`. */
const RUN_SCRIPTS = ['ko', 'en', 'ru', 'el', 'ar', 'he', 'th', 'hi'] as const;
const [HANGUL, LATIN, CYRILLIC, GREEK, ARABIC, HEBREW, THAI, DEVANAGARI] = RUN_SCRIPTS.map((_, index) => OTHER_LETTER + 1 + index);

/** [first, last, script], the most frequent ranges of this content first. */
const RANGE_LIST: readonly (readonly [number, number, number])[] = [
  [0x4e00, 0x9fff, HAN],
  [0x3000, 0x303f, NONE],
  [0xff00, 0xffef, NONE],
  // The katakana middle dot also separates names in Chinese text.
  [0x30fb, 0x30fb, NONE],
  [0x3040, 0x309f, HIRAGANA],
  [0x30a0, 0x30ff, KATAKANA],
  [0x3400, 0x4dbf, HAN],
  [0xf900, 0xfaff, HAN],
  [0x31f0, 0x31ff, KATAKANA],
  [0xac00, 0xd7af, HANGUL],
  [0x1100, 0x11ff, HANGUL],
  [0x3130, 0x318f, HANGUL],
  [0x00c0, 0x024f, LATIN],
  [0x1e00, 0x1eff, LATIN],
  [0x0370, 0x03ff, GREEK],
  [0x0400, 0x052f, CYRILLIC],
  [0x0590, 0x05ff, HEBREW],
  [0x0600, 0x06ff, ARABIC],
  [0x0900, 0x097f, DEVANAGARI],
  [0x0e00, 0x0e7f, THAI],
  [0x2000, 0x2bff, NONE],
  // Planes 2 and 3 hold only Han extensions.
  [0x20000, 0x3ffff, HAN],
];
/** The same, flattened for a tight loop. */
const RANGES = Int32Array.from(RANGE_LIST.flat());
const LETTER = /\p{L}/u;
const MULTIPLICATION_SIGN = 0xd7;
const DIVISION_SIGN = 0xf7;

function scriptOf(codePoint: number): number {
  if (codePoint < 0x80) {
    const lower = codePoint | 0x20;
    return lower >= 0x61 && lower <= 0x7a ? LATIN : NONE;
  }
  if (codePoint === MULTIPLICATION_SIGN || codePoint === DIVISION_SIGN) return NONE;
  for (let index = 0; index < RANGES.length; index += 3) {
    if (codePoint >= RANGES[index] && codePoint <= RANGES[index + 1]) return RANGES[index + 2];
  }
  return LETTER.test(String.fromCodePoint(codePoint)) ? OTHER_LETTER : NONE;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

const HIRAGANA_SHARE_FOR_JAPANESE = 0.1;
const KANA_SHARE_FOR_JAPANESE = 0.5;

function cjkLanguage(han: number, hiragana: number, katakana: number): string {
  const total = han + hiragana + katakana;
  return hiragana >= total * HIRAGANA_SHARE_FOR_JAPANESE || hiragana + katakana > total * KANA_SHARE_FOR_JAPANESE ? 'ja' : 'zh';
}

/** Script of each BMP code point, filled in on first sight; `UNKNOWN` until then. */
const UNKNOWN = 0xff;
const BMP_SCRIPTS = new Uint8Array(0x10000).fill(UNKNOWN);

function bmpScriptOf(code: number): number {
  let script = BMP_SCRIPTS[code];
  if (script === UNKNOWN) {
    script = scriptOf(code);
    BMP_SCRIPTS[code] = script;
  }
  return script;
}

export function detectLanguage(text: string): string | null {
  const scores = new Array<number>(OTHER_LETTER + 1 + RUN_SCRIPTS.length).fill(0);
  let previous = NONE;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    let script: number;
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < length && isLowSurrogate(text.charCodeAt(index + 1))) {
      script = scriptOf(((code - 0xd800) << 10) + (text.charCodeAt(index + 1) - 0xdc00) + 0x10000);
      index++;
    } else {
      script = bmpScriptOf(code);
    }
    if (script === HAN || script === HIRAGANA || script === KATAKANA || script === THAI || script !== previous) {
      scores[script]++;
    }
    previous = script;
  }
  const cjk = scores[HAN] + scores[HIRAGANA] + scores[KATAKANA];
  let best = cjk === 0 ? null : cjkLanguage(scores[HAN], scores[HIRAGANA], scores[KATAKANA]);
  let bestScore = cjk;
  for (let script = OTHER_LETTER; script < scores.length; script++) {
    if (scores[script] > bestScore) {
      bestScore = scores[script];
      best = script === OTHER_LETTER ? null : RUN_SCRIPTS[script - OTHER_LETTER - 1];
    }
  }
  return best;
}
