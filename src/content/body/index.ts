export { renderBody, type RenderOptions } from './render';
export { htmlToText } from './text';
export { makeExcerpt, MAX_EXCERPT_LENGTH } from './excerpt';
export { textStats } from './stats';
export { detectLanguage } from './language';
