/** Edits to real files in a temporary folder, followed over HTTP and over a graphql-ws subscription. */
import { execFile } from 'node:child_process';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeTree, writeTree } from '../helpers/temp-tree';
import { startLiveSite, subscribeToChanges, waitFor, type ChangeFeed, type LiveSite } from './live-site';

function post(title: string, body: string, tags: string[] = ['wire']): string {
  const tagLines = tags.map((tag) => `  - ${tag}`).join('\n');
  return `\n---\ntitle: '${title}'\ndate: 2024-05-01 10:00:00\ncategories:\n  - News\n  - Wire\ntags:\n${tagLines}\nauthor: Wire Desk\n---\n\n${body}\n`;
}

const STATUS = `{ contentStatus { version articles tags diagnostics { path code severity message } } }`;

/** `contentStatus` as STATUS selects it. */
interface ContentStatus {
  version: string;
  articles: number;
  tags: number;
  diagnostics: { path: string; code: string; severity: string; message: string }[];
}
const ARTICLE = `query($slug: String!) { article(slug: $slug) { slug title text } }`;
const SEARCH = `query($query: String!) { search(query: $query) { totalCount edges { node { article { slug } } } } }`;

describe('live content', () => {
  let site: LiveSite;
  let feed: ChangeFeed;

  const status = async (): Promise<ContentStatus> => (await site.server.data(STATUS)).contentStatus;
  const article = async (slug: string) => (await site.server.data(ARTICLE, { slug })).article;
  const searchSlugs = async (query: string): Promise<string[]> =>
    (await site.server.data(SEARCH, { query })).search.edges.map((edge: { node: { article: { slug: string } } }) => edge.node.article.slug);
  const tagCount = async (slug: string): Promise<number | null> =>
    (await site.server.data(`query($slug: String!) { tag(slug: $slug) { articleCount } }`, { slug })).tag?.articleCount ?? null;
  const write = (relative: string, text: string) => writeTree(site.root, { [relative]: text });
  const eventAbout = (slug: string) =>
    waitFor(
      () => feed.events.find((event) => [...event.added, ...event.updated, ...event.removed].includes(slug)),
      `an event about ${slug}`,
    );

  beforeAll(async () => {
    site = await startLiveSite({
      'wire/alpha.md': post('Alpha', 'The first story mentions walruses.', ['wire', 'animals']),
      'wire/beta.md': post('Beta', 'The second story mentions penguins.'),
    });
    feed = subscribeToChanges(site.server.url);
    // The subscription is set up asynchronously: touch a file until the first event arrives.
    let attempt = 0;
    await waitFor(async () => {
      await write('canary.md', post('Canary', `attempt ${attempt++}`));
      return waitFor(() => feed.events[0], 'the first event', 500).catch(() => null);
    }, 'the subscription to deliver');
    await site.watcher.settled();
  });

  afterAll(async () => {
    await feed.close();
    await site.close();
  });

  beforeEach(() => {
    feed.events.length = 0;
  });

  it('serves an added file, counts it and indexes it', async () => {
    const before = await status();
    await write('wire/gamma.md', post('Gamma', 'A third story about narwhals.'));
    expect((await waitFor(() => article('wire/gamma'), 'gamma to appear')).title).toBe('Gamma');
    const after = await status();
    expect(after.articles).toBe(before.articles + 1);
    expect(after.version).not.toBe(before.version);
    expect(await searchSlugs('narwhals')).toEqual(['wire/gamma']);
    expect(await eventAbout('wire/gamma')).toEqual({ version: after.version, added: ['wire/gamma'], updated: [], removed: [] });
  });

  it('serves an edited file and re-indexes it', async () => {
    const before = await status();
    await write('wire/beta.md', post('Beta, revised', 'The second story now mentions albatrosses.'));
    await waitFor(async () => ((await article('wire/beta')).title === 'Beta, revised' ? true : null), 'the edit');
    expect((await status()).version).not.toBe(before.version);
    expect(await searchSlugs('albatrosses')).toEqual(['wire/beta']);
    expect(await searchSlugs('penguins -canary')).toEqual([]);
    expect(await eventAbout('wire/beta')).toMatchObject({ added: [], updated: ['wire/beta'], removed: [] });
  });

  it('keeps serving the last good version of a file that breaks, and says so', async () => {
    const before = await status();
    await write('wire/alpha.md', '\n---\ntitle: [unclosed\ndate: 2024-05-01\n---\n\nBroken walruses and seals.\n');
    const diagnostic = await waitFor(
      async () => (await status()).diagnostics.find((entry) => entry.code === 'STALE_VERSION_SERVED'),
      'the stale diagnostic',
    );
    expect(diagnostic).toMatchObject({ path: 'wire/alpha.md', severity: 'ERROR' });
    expect(diagnostic.message).toMatch(/last good version/);
    const served = await article('wire/alpha');
    expect(served.title).toBe('Alpha');
    expect(served.text).toContain('walruses');
    expect(await searchSlugs('seals')).toEqual([]);
    const after = await status();
    expect(after.articles).toBe(before.articles);
    expect(after.version).not.toBe(before.version);
  });

  it('serves the fixed file and drops the diagnostic', async () => {
    await write('wire/alpha.md', post('Alpha, fixed', 'The first story now mentions seals.', ['wire', 'animals']));
    await waitFor(async () => ((await article('wire/alpha')).title === 'Alpha, fixed' ? true : null), 'the fix');
    expect((await status()).diagnostics.filter((entry) => entry.path === 'wire/alpha.md')).toEqual([]);
    expect(await searchSlugs('seals')).toEqual(['wire/alpha']);
    expect(await eventAbout('wire/alpha')).toMatchObject({ updated: ['wire/alpha'] });
  });

  it('drops a deleted file from articles, counts and search', async () => {
    expect(await tagCount('animals')).toBe(1);
    const before = await status();
    await rm(path.join(site.root, 'wire/alpha.md'));
    await waitFor(async () => ((await article('wire/alpha')) === null ? true : null), 'alpha to disappear');
    expect(await tagCount('animals')).toBeNull();
    const after = await status();
    expect(after.articles).toBe(before.articles - 1);
    expect(after.tags).toBe(before.tags - 1);
    expect(await searchSlugs('seals')).toEqual([]);
    expect(await eventAbout('wire/alpha')).toMatchObject({ added: [], updated: [], removed: ['wire/alpha'] });
  });

  it('moves a renamed file to its new slug', async () => {
    const before = await status();
    await rename(path.join(site.root, 'wire/gamma.md'), path.join(site.root, 'wire/delta.md'));
    await waitFor(() => article('wire/delta'), 'the new slug');
    await waitFor(async () => ((await article('wire/gamma')) === null ? true : null), 'the old slug to go');
    expect((await status()).articles).toBe(before.articles);
    expect(await searchSlugs('narwhals')).toEqual(['wire/delta']);
    const events = await waitFor(() => {
      const merged = { added: feed.events.flatMap((event) => event.added), removed: feed.events.flatMap((event) => event.removed) };
      return merged.added.includes('wire/delta') && merged.removed.includes('wire/gamma') ? merged : null;
    }, 'the rename event');
    expect(events).toEqual({ added: ['wire/delta'], removed: ['wire/gamma'] });
  });
});

describe('bursts', () => {
  it('takes a change of 1,000 files as one reload', async () => {
    const site = await startLiveSite({ 'start.md': post('Start', 'The only story so far.') });
    // Another process writes the files, as `git pull` would.
    const staged = await makeTree(
      Object.fromEntries(
        Array.from({ length: 1000 }, (_, index) => [
          `bulk/part-${Math.floor(index / 100)}/story-${index}.md`,
          post(`Story ${index}`, `Bulk story number ${index}.`),
        ]),
      ),
    );
    try {
      const reloadsBefore = site.reloads.length;
      await promisify(execFile)('cp', ['-R', path.join(staged.root, 'bulk'), path.join(site.root, 'bulk')]);
      await waitFor(async () => ((await site.server.data(STATUS)).contentStatus.articles === 1001 ? true : null), '1,001 articles');
      await site.watcher.settled();
      expect(site.reloads.slice(reloadsBefore)).toHaveLength(1);
      expect((await site.server.data(SEARCH, { query: 'bulk' })).search.totalCount).toBe(1000);
    } finally {
      await site.close();
      await staged.remove();
    }
  }, 60_000);
});

describe('consistency', () => {
  it('answers each query wholly from the old or wholly from the new content', async () => {
    const files = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`many/${index}.md`, post(`Old ${index}`, 'old words')]));
    const site = await startLiveSite(files);
    try {
      const query = `{ contentStatus { version } search(query: "old") { totalCount } articles(first: 50) { nodes { title } } }`;
      const seen = new Map<string, string>();
      /** Checks one response for consistency and returns how many articles it still saw as old. */
      const check = async (): Promise<number> => {
        const data = await site.server.data(query);
        const titles: string[] = data.articles.nodes.map((node: { title: string }) => node.title).sort();
        const oldCount = titles.filter((title) => title.startsWith('Old ')).length;
        // The search index and the articles come from the same snapshot.
        expect(data.search.totalCount).toBe(oldCount);
        // Two responses naming the same version saw the same content.
        const signature = titles.join('|');
        expect(seen.get(data.contentStatus.version) ?? signature).toBe(signature);
        seen.set(data.contentStatus.version, signature);
        return oldCount;
      };
      expect(await check()).toBe(50);
      const rewrite = writeTree(
        site.root,
        Object.fromEntries(Object.keys(files).map((file, index) => [file, post(`New ${index}`, 'new words')])),
      );
      const running: Promise<number>[] = [];
      for (let round = 0; round < 20; round++) running.push(check());
      await rewrite;
      await Promise.all(running);
      await waitFor(async () => ((await check()) === 0 ? true : null), 'the new content');
      await site.watcher.settled();
      expect(await check()).toBe(0);
    } finally {
      await site.close();
    }
  });

  it('does not change the version when a file is rewritten with the same bytes', async () => {
    const site = await startLiveSite({ 'same.md': post('Same', 'Unchanged text.') });
    try {
      const before = (await site.server.data(STATUS)).contentStatus.version;
      const reloads = site.watcher.reloads;
      await writeFile(path.join(site.root, 'same.md'), post('Same', 'Unchanged text.'));
      await waitFor(() => (site.watcher.reloads > reloads ? true : null), 'a reload');
      await site.watcher.settled();
      expect((await site.server.data(STATUS)).contentStatus.version).toBe(before);
    } finally {
      await site.close();
    }
  });
});
