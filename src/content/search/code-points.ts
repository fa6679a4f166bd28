/** Walking UTF-16 text by code points. */

export function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

export function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** UTF-16 units of the code point at `index`: 2 for a surrogate pair, else 1. */
export function unitWidth(text: string, index: number): number {
  return isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1)) ? 2 : 1;
}

/** Number of code points, the length unit of CJK runs. */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let index = 0; index < text.length; index++) {
    if (isLowSurrogate(text.charCodeAt(index))) length--;
  }
  return length;
}
