import { type ChildNode, Element, isTag, isText } from 'domhandler';

export interface SplitSection {
  heading: Element;
  nodes: ChildNode[];
}

export interface SplitBody {
  /** Everything before the first heading; the whole body when there is none. */
  lead: ChildNode[];
  sections: SplitSection[];
}

/**
 * Splits a DOM before each of `headings`, like extracting DOM Ranges: a wrapper that holds a
 * heading is closed at the end of one piece and reopened as a shallow clone (same tag and
 * attributes) at the start of the next, so every piece is a well-formed tree and the pieces
 * together hold every node of the original exactly once. Wrappers are cloned only into
 * pieces that receive some of their content.
 *
 * Nodes are moved, not copied: the original tree keeps its `children` arrays but its moved
 * nodes point at their new parents, so serialise it before splitting.
 *
 * @param headings the splitting elements, none inside another
 * @param wrappers every element that has one of `headings` among its descendants
 */
export function splitBeforeHeadings(
  roots: readonly ChildNode[],
  headings: ReadonlySet<Element>,
  wrappers: ReadonlySet<Element>,
): SplitBody {
  if (headings.size === 0) return { lead: [...roots], sections: [] };
  const builder = new PieceBuilder();
  const distribute = (nodes: readonly ChildNode[]): void => {
    for (const node of nodes) {
      if (isTag(node) && headings.has(node)) {
        builder.startPiece(node);
        builder.append(node);
      } else if (isTag(node) && wrappers.has(node)) {
        builder.enter(node);
        distribute(node.children);
        builder.leave();
      } else {
        builder.append(node);
      }
    }
  };
  distribute(roots);
  const [lead, ...sections] = builder.pieces;
  return {
    lead: lead.nodes,
    sections: sections.map(({ heading, nodes }) => ({ heading: heading as Element, nodes })),
  };
}

interface Piece {
  heading: Element | null;
  nodes: ChildNode[];
}

class PieceBuilder {
  readonly pieces: Piece[] = [{ heading: null, nodes: [] }];
  /** The original wrappers around the current position, outermost first. */
  private readonly path: Element[] = [];
  /** Their clones in the current piece, created on first use. */
  private readonly clones: (Element | undefined)[] = [];

  enter(wrapper: Element): void {
    this.path.push(wrapper);
    this.clones.push(undefined);
  }

  leave(): void {
    this.path.pop();
    this.clones.pop();
  }

  startPiece(heading: Element): void {
    this.pieces.push({ heading, nodes: [] });
    this.clones.fill(undefined);
  }

  append(node: ChildNode): void {
    const piece = this.pieces[this.pieces.length - 1];
    let parent: Element | null = null;
    for (let depth = 0; depth < this.path.length; depth++) {
      let clone = this.clones[depth];
      if (clone === undefined) {
        const original = this.path[depth];
        clone = new Element(original.name, { ...original.attribs });
        attach(clone, parent, piece.nodes);
        this.clones[depth] = clone;
      }
      parent = clone;
    }
    attach(node, parent, piece.nodes);
  }
}

function attach(node: ChildNode, parent: Element | null, roots: ChildNode[]): void {
  const siblings = parent === null ? roots : parent.children;
  const previous = siblings.length > 0 ? siblings[siblings.length - 1] : null;
  if (previous !== null) previous.next = node;
  node.prev = previous;
  node.next = null;
  node.parent = parent;
  siblings.push(node);
}

/** Elements that show something without any text. */
const TEXTLESS_CONTENT = new Set(['img', 'iframe', 'hr']);

/** True when the nodes hold nothing but whitespace and empty elements. */
export function isBlank(nodes: readonly ChildNode[]): boolean {
  return nodes.every((node) => {
    if (isText(node)) return !/\S/.test(node.data);
    if (isTag(node)) return !TEXTLESS_CONTENT.has(node.name) && isBlank(node.children);
    return true;
  });
}
