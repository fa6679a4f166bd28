/**
 * Checks that every answer shows one snapshot of the content, whole. Within one answer, the
 * fields must agree with each other (an article's sections with its title, counts with
 * lists). Across answers, everything that names the same `contentStatus.version` must agree:
 * the same operation gives the same data, and every operation shows the same revision of each
 * edited post, present or not. Every revision shown must be one the editor wrote, and a post
 * may only be missing if it really was missing at some moment. So an answer can only show
 * the content before an edit or after it, never a mix, never something that was never on disk.
 */
import { createHash } from 'node:crypto';
import type { LoadOperation } from './operations';

/** What the editor knows about what it wrote. */
export interface EditHistory {
  wasWritten(id: number, revision: number): boolean;
  wasAbsent(id: number): boolean;
}

export interface ConsistencyFigures {
  answers: number;
  /** Answers that were not a 200 with data and without errors. */
  failed: number;
  /** Answers that contradict themselves, another answer of the same version, or the edit history. */
  inconsistent: number;
  versions: number;
  /** The first problems found, for the report. */
  problems: string[];
}

interface VersionView {
  /** Revision of each edited post served, once a complete list was seen. */
  listing: Map<number, number> | null;
  /** What answers about single posts showed: a revision, or null for a missing post. */
  singles: Map<number, number | null>;
  /** Hash of the data of each operation. */
  dataByOperation: Map<string, string>;
}

const PROBLEMS_KEPT = 20;

export class ConsistencyCheck {
  private readonly views = new Map<string, VersionView>();
  private readonly figures: ConsistencyFigures = { answers: 0, failed: 0, inconsistent: 0, versions: 0, problems: [] };

  constructor(private readonly history: EditHistory) {}

  get result(): ConsistencyFigures {
    return { ...this.figures, versions: this.views.size, problems: [...this.figures.problems] };
  }

  /** Versions seen, in the order they first answered. */
  get versions(): string[] {
    return [...this.views.keys()];
  }

  record(operation: LoadOperation, status: number, body: string): void {
    this.figures.answers++;
    let parsed: { data?: unknown; errors?: unknown } | null;
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      parsed = null;
    }
    if (status !== 200 || parsed?.data == null || parsed.errors !== undefined) {
      this.figures.failed++;
      this.note(`${operation.name}: HTTP ${status}: ${body.slice(0, 300)}`);
      return;
    }
    let problems: string[];
    try {
      problems = this.compare(operation, parsed.data);
    } catch (error) {
      problems = [`unexpected answer shape (${error instanceof Error ? error.message : String(error)}): ${body.slice(0, 300)}`];
    }
    if (problems.length === 0) return;
    this.figures.inconsistent++;
    for (const problem of problems) this.note(`${operation.name}: ${problem}`);
  }

  private compare(operation: LoadOperation, data: unknown): string[] {
    const observation = operation.observe(data);
    const { version } = observation;
    const problems = [...observation.problems];
    let view = this.views.get(version);
    if (!view) this.views.set(version, (view = { listing: null, singles: new Map(), dataByOperation: new Map() }));

    const key = `${operation.query}\0${JSON.stringify(operation.variables)}`;
    const hash = createHash('sha1').update(JSON.stringify(data)).digest('hex');
    const earlier = view.dataByOperation.get(key);
    if (earlier === undefined) view.dataByOperation.set(key, hash);
    else if (earlier !== hash) problems.push(`version ${version} answered this operation with different data before`);

    const { listing, single } = observation;
    if (listing) {
      for (const [id, revision] of listing) {
        if (!this.history.wasWritten(id, revision)) problems.push(`shows post ${id} rev ${revision}, which was never written`);
      }
      if (view.listing === null) {
        view.listing = listing;
        for (const [id, revision] of view.singles) problems.push(...disagreement(version, id, revision, listing));
      } else if (!sameListing(view.listing, listing)) {
        problems.push(`version ${version} listed ${describe(view.listing)} before, now ${describe(listing)}`);
      }
    }
    if (single) {
      const { id, revision } = single;
      if (revision === null ? !this.history.wasAbsent(id) : !this.history.wasWritten(id, revision)) {
        problems.push(`shows post ${id} ${revision === null ? 'missing, but it never was' : `rev ${revision}, which was never written`}`);
      }
      const seen = view.singles.get(id);
      if (seen !== undefined && seen !== revision) problems.push(`version ${version} showed post ${id} as ${seen} before, now ${revision}`);
      view.singles.set(id, revision);
      if (view.listing) problems.push(...disagreement(version, id, revision, view.listing));
    }
    return problems;
  }

  private note(problem: string): void {
    if (this.figures.problems.length < PROBLEMS_KEPT) this.figures.problems.push(problem);
  }
}

function disagreement(version: string, id: number, revision: number | null, listing: Map<number, number>): string[] {
  const listed = listing.get(id) ?? null;
  return listed === revision ? [] : [`version ${version} lists post ${id} as ${listed}, an article answer shows ${revision}`];
}

function sameListing(a: Map<number, number>, b: Map<number, number>): boolean {
  return a.size === b.size && [...a].every(([id, revision]) => b.get(id) === revision);
}

function describe(listing: Map<number, number>): string {
  return JSON.stringify([...listing].sort(([a], [b]) => a - b));
}
