/**
 * The load test's scenario, shared by the short run in the test suite and the long run in
 * `bench/`: a generated corpus in a temporary folder plus the edited posts, the gateway
 * serving it, mixed load while the posts are edited, then a check that the gateway ends up
 * serving exactly what is on disk.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeCorpus, type CorpusManifest } from '../corpus/generate';
import { ConsistencyCheck, type ConsistencyFigures } from './consistency';
import type { GatewayProcess } from './gateway-process';
import { LiveEditor, type EditCounts, type LiveEditOptions } from './live-edits';
import { runMixedLoad, type MixedLoadFigures, type MixedLoadSettings } from './mixed-load';
import { liveCategoryPage, mixedOperations } from './operations';

export interface EditedSite {
  root: string;
  manifest: CorpusManifest;
  editor: LiveEditor;
  remove(): Promise<void>;
}

export async function prepareEditedSite(articles: number, seed: number, editOptions: Partial<LiveEditOptions> = {}): Promise<EditedSite> {
  const root = await mkdtemp(path.join(tmpdir(), 'content-gateway-load-'));
  try {
    const manifest = await writeCorpus({ articles, seed, outDir: root });
    const editor = await LiveEditor.create(root, { seed, ...editOptions });
    return { root, manifest, editor, remove: () => rm(root, { recursive: true, force: true }) };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

export interface EditedLoadFigures {
  load: MixedLoadFigures;
  consistency: ConsistencyFigures;
  edits: EditCounts;
  /** Whether the gateway served exactly the posts on disk once the edits stopped. */
  servesLastEdit: boolean;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  /** Resident set every `RSS_SAMPLE_MS` during the load: a plateau, or a climb. */
  rssSamplesMiB: number[];
}

const RSS_SAMPLE_MS = 5000;

/** Posts asked for by slug: those there from the start and as many that are added later. */
const ARTICLES_ASKED = 12;

/** Mixed load on `gateway` while `site` is edited, every answer checked; `edit: false` leaves the content alone. */
export async function loadWhileEditing(
  gateway: GatewayProcess,
  site: EditedSite,
  settings: MixedLoadSettings & { edit: boolean },
): Promise<EditedLoadFigures> {
  const check = new ConsistencyCheck(site.editor);
  const operations = mixedOperations(
    site.manifest.samples.articleSlug,
    Array.from({ length: ARTICLES_ASKED }, (_, id) => id),
  );
  const rssBeforeMiB = gateway.rssMiB();
  const editsBefore = { ...site.editor.counts };
  const rssSamplesMiB: number[] = [];
  const sampler = setInterval(() => rssSamplesMiB.push(gateway.rssMiB()), RSS_SAMPLE_MS);
  if (settings.edit) site.editor.start();
  let load: MixedLoadFigures;
  try {
    load = await runMixedLoad(gateway.url, operations, settings, check);
  } finally {
    clearInterval(sampler);
    await site.editor.stop();
  }
  const rssAfterMiB = gateway.rssMiB();
  const { counts } = site.editor;
  return {
    load,
    consistency: check.result,
    edits: {
      rewritten: counts.rewritten - editsBefore.rewritten,
      added: counts.added - editsBefore.added,
      deleted: counts.deleted - editsBefore.deleted,
    },
    servesLastEdit: await servesLastEdit(gateway.url, site.editor),
    rssBeforeMiB,
    rssAfterMiB,
    rssSamplesMiB,
  };
}

/** Polls the live category until it lists the posts on disk, revision for revision. */
async function servesLastEdit(url: string, editor: LiveEditor, timeoutMs = 30_000): Promise<boolean> {
  const expected = JSON.stringify([...editor.state()].sort(([a], [b]) => a - b));
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: liveCategoryPage.query, variables: liveCategoryPage.variables }),
    });
    const { data } = (await response.json()) as { data: unknown };
    const listing = liveCategoryPage.observe(data).listing!;
    if (JSON.stringify([...listing].sort(([a], [b]) => a - b)) === expected) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
