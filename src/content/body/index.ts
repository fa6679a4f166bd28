// The renderer (markdown-it, the sanitiser) is imported from './render' by the parsers alone: serving needs none of it.
export { htmlToText } from './text';
export { makeExcerpt, MAX_EXCERPT_LENGTH } from './excerpt';
export { textStats } from './stats';
export { detectLanguage } from './language';
