import { Parser } from 'htmlparser2';
import { type ChildNode, isTag, isText, hasChildren } from 'domhandler';

/** Elements that start and end a line of text. */
const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'iframe',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);
const CELL_ELEMENTS = new Set(['td', 'th']);
/** Raw-text elements whose content is never readable text, should unsanitised HTML come in. */
const HIDDEN_ELEMENTS = new Set(['script', 'style', 'template', 'textarea']);
const COLLAPSIBLE_WHITESPACE = /[ \t\n\r\f\u00a0]+/g;
/** A blank line is the most vertical space plain text keeps. */
const MAX_LINE_BREAKS = 2;

/**
 * Turns a stream of tags and text into plain text the way a browser lays it out:
 * whitespace collapses outside `<pre>`, blocks and `<br>` start new lines, table cells are
 * spaced apart, and nothing leads or trails.
 */
export class TextBuilder {
  private text = '';
  private pendingBreaks = 0;
  private pendingSpace = false;
  private preformattedDepth = 0;
  private hiddenDepth = 0;

  openTag(name: string): void {
    if (HIDDEN_ELEMENTS.has(name)) this.hiddenDepth++;
    else if (name === 'br') this.pendingBreaks = Math.min(this.pendingBreaks + 1, MAX_LINE_BREAKS);
    else this.boundary(name);
    if (name === 'pre') this.preformattedDepth++;
  }

  closeTag(name: string): void {
    if (HIDDEN_ELEMENTS.has(name)) this.hiddenDepth = Math.max(0, this.hiddenDepth - 1);
    else if (name !== 'br') this.boundary(name);
    if (name === 'pre') this.preformattedDepth = Math.max(0, this.preformattedDepth - 1);
  }

  addText(data: string): void {
    if (this.hiddenDepth > 0) return;
    if (this.preformattedDepth > 0) {
      this.emit(data);
      return;
    }
    const collapsed = data.replace(COLLAPSIBLE_WHITESPACE, ' ');
    const start = collapsed.startsWith(' ') ? 1 : 0;
    const end = collapsed.length > start && collapsed.endsWith(' ') ? collapsed.length - 1 : collapsed.length;
    if (start === 1) this.pendingSpace = true;
    if (end > start) this.emit(collapsed.slice(start, end));
    if (end < collapsed.length) this.pendingSpace = true;
  }

  toString(): string {
    return this.text;
  }

  /** Length of the text so far; what is still pending (a line break, a space) is not counted. */
  get length(): number {
    return this.text.length;
  }

  private boundary(name: string): void {
    if (BLOCK_ELEMENTS.has(name)) this.pendingBreaks = Math.max(this.pendingBreaks, 1);
    else if (CELL_ELEMENTS.has(name)) this.pendingSpace = true;
  }

  private emit(data: string): void {
    if (this.text.length > 0) {
      if (this.pendingBreaks > 0) this.text += '\n'.repeat(this.pendingBreaks);
      else if (this.pendingSpace) this.text += ' ';
    }
    this.pendingBreaks = 0;
    this.pendingSpace = false;
    this.text += data;
  }
}

function appendNodesText(nodes: readonly ChildNode[], builder: TextBuilder): void {
  for (const node of nodes) {
    if (isText(node)) builder.addText(node.data);
    else if (isTag(node)) {
      builder.openTag(node.name);
      appendNodesText(node.children, builder);
      builder.closeTag(node.name);
    } else if (hasChildren(node)) appendNodesText(node.children, builder);
  }
}

export function nodesToText(nodes: readonly ChildNode[]): string {
  const builder = new TextBuilder();
  appendNodesText(nodes, builder);
  return builder.toString();
}

/**
 * Plain text of sanitised HTML, entities decoded. Streams the tokens instead of building a
 * DOM, because callers derive text on demand, once per request.
 */
export function htmlToText(html: string): string {
  const builder = new TextBuilder();
  const parser = new Parser(
    {
      onopentagname: (name) => {
        builder.openTag(name);
      },
      onclosetag: (name) => {
        builder.closeTag(name);
      },
      ontext: (data) => {
        builder.addText(data);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return builder.toString();
}
