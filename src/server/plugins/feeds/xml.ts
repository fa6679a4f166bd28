/**
 * XML text and attribute values. Titles in real sites hold `&`, `<`, quotes, emoji and C0
 * control characters; XML 1.0 allows no control character but tab, newline and carriage
 * return, not even escaped, so those are dropped, with lone surrogates, rather than letting
 * one character make a whole feed unreadable.
 */

const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const MARKUP = /[&<>"']/g;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe as element content or a quoted attribute value. */
export function xmlEscape(text: string): string {
  return text.replace(NOT_XML_CHARACTER, '').replace(MARKUP, (character) => ENTITIES[character]);
}

/** `<name>text</name>`, or nothing when there is no text. */
export function element(name: string, text: string | null | undefined, attributes: Record<string, string> = {}): string {
  if (text == null) return '';
  return `<${name}${attributesOf(attributes)}>${xmlEscape(text)}</${name}>`;
}

export function emptyElement(name: string, attributes: Record<string, string>): string {
  return `<${name}${attributesOf(attributes)}/>`;
}

function attributesOf(attributes: Record<string, string>): string {
  return Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${xmlEscape(value)}"`)
    .join('');
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';
