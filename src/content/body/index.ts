export { renderBody, type RenderOptions } from './render';
export { htmlToText } from './text';
export { makeExcerpt } from './excerpt';
export { textStats } from './stats';
export { detectLanguage } from './language';
