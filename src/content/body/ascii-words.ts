/**
 * Word-like segments of plain ASCII text, found as ICU's word rules (UAX #29, what `Intl.Segmenter` runs)
 * find them, without `Intl.Segmenter`. Its cost is per segment, not per character (about half a microsecond
 * each on Node 20), and word counts of English bodies were half of a parse's time; the rules for ASCII are few.
 *
 * Within ASCII the rules keep together letters, digits and `_` in any order (WB5, WB8-WB10, WB13a/b), a
 * letter-`:`/`.`/`'`-letter (WB6/7) and a digit-`,`/`;`/`.`/`'`-digit (WB11/12); everything else is a
 * segment of its own, or a run of spaces, which is never word-like. A segment is word-like when it holds a
 * letter or a digit, or is two or more `_` (ICU's rule for 13a gives them a word status; one alone has none).
 * `tests/content/word-counts.test.ts` holds this to `Intl.Segmenter` on every short string of the classes below.
 */

const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const UNDERSCORE = 3;
/** MidNumLet and Single_Quote: `.` and `'`, inside words and numbers alike. */
const MID_NUM_LET = 4;
/** MidNum: `,` and `;`, inside numbers. */
const MID_NUM = 5;
/** MidLetter: `:`, inside words. */
const MID_LETTER = 6;

const CLASSES = new Uint8Array(0x80);
for (let code = 0x41; code <= 0x5a; code++) CLASSES[code] = CLASSES[code + 0x20] = LETTER;
for (let code = 0x30; code <= 0x39; code++) CLASSES[code] = DIGIT;
CLASSES[0x5f] = UNDERSCORE;
CLASSES[0x2e] = CLASSES[0x27] = MID_NUM_LET;
CLASSES[0x2c] = CLASSES[0x3b] = MID_NUM;
CLASSES[0x3a] = MID_LETTER;

/** Whether `text` from `start` to `end` is ASCII alone, which {@link visitAsciiWords} segments. */
export function isAscii(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

/**
 * Calls `visit` with the offset of each word-like segment of `text` from `start` to `end` (ASCII only),
 * in order, as `Intl.Segmenter` would segment that stretch on its own.
 */
export function visitAsciiWords(text: string, start: number, end: number, visit: (index: number) => void): void {
  const classAt = (index: number): number => (index < start || index >= end ? OTHER : CLASSES[text.charCodeAt(index)]);
  let segmentStart = start;
  let wordLike = false;
  let underscores = 0;
  for (let index = start; index < end; index++) {
    const current = classAt(index);
    if (index === start || !joins(classAt(index - 2), classAt(index - 1), current, classAt(index + 1))) {
      if (wordLike || underscores >= 2) visit(segmentStart);
      segmentStart = index;
      wordLike = false;
      underscores = 0;
    }
    if (current === LETTER || current === DIGIT) wordLike = true;
    else if (current === UNDERSCORE) underscores++;
  }
  if (end > start && (wordLike || underscores >= 2)) visit(segmentStart);
}

/** Whether no boundary falls between `before` and `after`, given the classes either side of them. */
function joins(twoBefore: number, before: number, after: number, next: number): boolean {
  if (isWordCharacter(before) && isWordCharacter(after)) return true;
  if (before === LETTER) return isInsideWords(after) && next === LETTER;
  if (after === LETTER) return isInsideWords(before) && twoBefore === LETTER;
  if (before === DIGIT) return isInsideNumbers(after) && next === DIGIT;
  if (after === DIGIT) return isInsideNumbers(before) && twoBefore === DIGIT;
  return false;
}

function isWordCharacter(kind: number): boolean {
  return kind === LETTER || kind === DIGIT || kind === UNDERSCORE;
}

function isInsideWords(kind: number): boolean {
  return kind === MID_NUM_LET || kind === MID_LETTER;
}

function isInsideNumbers(kind: number): boolean {
  return kind === MID_NUM_LET || kind === MID_NUM;
}
