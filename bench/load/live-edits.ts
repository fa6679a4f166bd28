/**
 * Edits a folder of the content root while the gateway serves it: rewrites, adds and deletes
 * posts on a seeded schedule and remembers every revision it wrote, so a load test can tell
 * whether an answer shows content that really was on disk at some point.
 *
 * Each post's identity and revision are in its title (`Live 3 rev 17`) and in every section
 * heading, so one answer shows whether its fields came from one version of the file.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createRandom, type Random } from '../corpus/random';

/** Below the content root; the category the posts are filed under has the same slug. */
export const LIVE_FOLDER = 'live/desk';
export const LIVE_CATEGORY_SLUG = 'live/desk';
/** A word only the edited posts contain, so a search for it lists exactly them. */
export const LIVE_SEARCH_TERM = 'loadcheck';

export interface LiveEditOptions {
  seed: number;
  /** Time between two edits of a burst. */
  intervalMs: number;
  /** Edits per burst. */
  burst: number;
  /**
   * Quiet time after each burst. The watcher reloads once edits pause, so an editor that never
   * pauses would never be served; the pause makes every burst a reload.
   */
  pauseMs: number;
  /** Posts that exist before the first edit; adds and deletes keep the count within the bounds. */
  initialPosts: number;
  minPosts: number;
  maxPosts: number;
}

export const DEFAULT_LIVE_EDIT_OPTIONS: LiveEditOptions = {
  seed: 1,
  intervalMs: 100,
  burst: 3,
  pauseMs: 400,
  initialPosts: 6,
  minPosts: 3,
  maxPosts: 10,
};

export interface EditCounts {
  rewritten: number;
  added: number;
  deleted: number;
}

const LIVE_TITLE = /^Live (\d+) rev (\d+)$/;
const FIRST_DATE_MS = Date.UTC(2031, 0, 1);

export function liveTitle(id: number, revision: number): string {
  return `Live ${id} rev ${revision}`;
}

/** The post and revision a title names, or null for a post the editor does not own. */
export function parseLiveTitle(title: string): { id: number; revision: number } | null {
  const match = LIVE_TITLE.exec(title);
  return match ? { id: Number(match[1]), revision: Number(match[2]) } : null;
}

export function liveSlug(id: number): string {
  return `${LIVE_FOLDER}/live-${id}`;
}

/**
 * A post in the corpus's markdown shape. Dated after every generated post, so the live posts
 * head a list by date; each section heading repeats the title.
 */
export function livePost(id: number, revision: number): string {
  const title = liveTitle(id, revision);
  const date = new Date(FIRST_DATE_MS + id * 60_000).toISOString();
  const sections = [1, 2, 3]
    .map((part) => `### ${title} part ${part}\n\nPart ${part} of ${title}, written for the ${LIVE_SEARCH_TERM} edits.\n`)
    .join('\n');
  return `\n---\ntitle: '${title}'\ncategories:\n - live\n - desk\nauthor: Live Desk\ndate: ${date}\ntags:\n - live\n---\n\nLead of ${title}.\n\n${sections}`;
}

export class LiveEditor {
  private readonly random: Random;
  /** Revision on disk for each post that exists now. */
  private readonly onDisk = new Map<number, number>();
  private readonly written = new Map<number, Set<number>>();
  private readonly absentAtSomePoint = new Set<number>();
  private nextId = 0;
  private running: Promise<void> | null = null;
  private stopping = false;
  readonly counts: EditCounts = { rewritten: 0, added: 0, deleted: 0 };

  private constructor(
    private readonly root: string,
    private readonly options: LiveEditOptions,
  ) {
    this.random = createRandom(options.seed);
  }

  /** Writes the initial posts; call before the gateway loads the root. */
  static async create(root: string, options: Partial<LiveEditOptions> = {}): Promise<LiveEditor> {
    const editor = new LiveEditor(root, { ...DEFAULT_LIVE_EDIT_OPTIONS, ...options });
    await fs.mkdir(path.join(root, LIVE_FOLDER), { recursive: true });
    for (let i = 0; i < editor.options.initialPosts; i++) await editor.add();
    // The gateway has not seen the folder yet: the initial posts were never missing for it.
    editor.counts.added = 0;
    editor.absentAtSomePoint.clear();
    return editor;
  }

  /** Starts editing; `stop` ends it after the edit in progress. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
    this.running = null;
  }

  get edits(): number {
    return this.counts.rewritten + this.counts.added + this.counts.deleted;
  }

  /** Revision on disk for each post, as the last edit left them. */
  state(): ReadonlyMap<number, number> {
    return this.onDisk;
  }

  wasWritten(id: number, revision: number): boolean {
    return this.written.get(id)?.has(revision) ?? false;
  }

  /** Whether a post was missing from the folder at some moment since the editor started. */
  wasAbsent(id: number): boolean {
    return this.absentAtSomePoint.has(id) || !this.written.has(id);
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      // stop() sets `stopping` while this loop awaits, which the narrowing above cannot see.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      for (let i = 0; i < this.options.burst && !this.stopping; i++) {
        await this.editOnce();
        await sleep(this.options.intervalMs);
      }
      await sleep(this.options.pauseMs);
    }
  }

  private async editOnce(): Promise<void> {
    const count = this.onDisk.size;
    const roll = this.random.next();
    if (count < this.options.maxPosts && (count <= this.options.minPosts || roll < 0.2)) await this.add();
    else if (count > this.options.minPosts && roll < 0.4) await this.delete();
    else await this.rewrite();
  }

  private async add(): Promise<void> {
    const id = this.nextId++;
    this.absentAtSomePoint.add(id);
    await this.write(id, 1);
    this.counts.added++;
  }

  private async rewrite(): Promise<void> {
    const id = this.random.pick([...this.onDisk.keys()]);
    await this.write(id, this.onDisk.get(id)! + 1);
    this.counts.rewritten++;
  }

  private async delete(): Promise<void> {
    const id = this.random.pick([...this.onDisk.keys()]);
    this.onDisk.delete(id);
    this.absentAtSomePoint.add(id);
    await fs.unlink(this.fileOf(id));
    this.counts.deleted++;
  }

  /**
   * Half the writes go in place, as a script would write (a reader may find the file empty or
   * short for a moment), half through a temporary file and a rename, as editors save.
   */
  private async write(id: number, revision: number): Promise<void> {
    let revisions = this.written.get(id);
    if (!revisions) this.written.set(id, (revisions = new Set()));
    revisions.add(revision);
    this.onDisk.set(id, revision);
    const file = this.fileOf(id);
    if (this.random.chance(0.5)) {
      await fs.writeFile(file, livePost(id, revision));
    } else {
      const temporary = `${file}.${revision}.tmp`;
      await fs.writeFile(temporary, livePost(id, revision));
      await fs.rename(temporary, file);
    }
  }

  private fileOf(id: number): string {
    return path.join(this.root, `${liveSlug(id)}.md`);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
