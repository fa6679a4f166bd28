import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultCacheDirectory } from '../../src/content/cache';
import { ContentStore } from '../../src/content/content-store';
import type { ContentSnapshot } from '../../src/content/model';
import { makeTree, post, writeTree } from '../helpers/temp-tree';

const codesFor = (snapshot: ContentSnapshot, file: string) =>
  snapshot.status.diagnostics.filter((diagnostic) => diagnostic.path === file).map((diagnostic) => diagnostic.code);

function expectFilesAccountedFor(snapshot: ContentSnapshot) {
  const skipped = new Set(snapshot.status.diagnostics.filter((d) => d.severity === 'error' && d.path.endsWith('.md')).map((d) => d.path));
  expect(snapshot.status.files).toBe(snapshot.status.articles + snapshot.status.unpublished + skipped.size);
}

describe('loading a content root', () => {
  let tree: Awaited<ReturnType<typeof makeTree>> | undefined;
  afterEach(() => tree?.remove());

  it('serves each post under its path without .md, and counts what Hexo does not publish', async () => {
    tree = await makeTree({
      'News/Wire/first story.md': post('First story', '<div><p>One.</p></div>'),
      'second.md': post('Second', 'Two.'),
      '_drafts/draft.md': post('Draft', 'Not yet.'),
      '.trash/old.md': post('Old', 'Gone.'),
      'News/_private.md': post('Private', 'Hidden.'),
      'unlisted.md': post('Unlisted', 'Held back.', 'published: false\n'),
      'notes.txt': 'not a post',
    });
    const snapshot = (await ContentStore.open(tree.root)).current();
    expect(
      snapshot
        .articlesBySlug(['News/Wire/first story', 'second', 'unlisted', '_drafts/draft', 'missing'])
        .map((a) => a?.meta.title ?? null),
    ).toEqual(['First story', 'Second', null, null, null]);
    expect(snapshot.status).toMatchObject({ files: 6, articles: 2, unpublished: 4, errors: 0 });
    expectFilesAccountedFor(snapshot);
  });

  it('reports binary, invalid UTF-8 and oversized files with their path, and serves the rest', async () => {
    tree = await makeTree({
      'good.md': post('Good', 'Fine.'),
      'binary.md': Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02, 0xff]),
      'latin1.md': Buffer.concat([Buffer.from(post('Caf', 'x')), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])]),
      'huge.md': post('Huge', 'word '.repeat(3000)),
    });
    const snapshot = (await ContentStore.open(tree.root, { maxFileBytes: 4096 })).current();
    expect(codesFor(snapshot, 'binary.md')).toEqual(['BINARY_FILE']);
    expect(codesFor(snapshot, 'latin1.md')).toEqual(['INVALID_UTF8']);
    expect(codesFor(snapshot, 'huge.md')).toEqual(['FILE_TOO_LARGE']);
    const latin1 = snapshot.status.diagnostics.find((d) => d.path === 'latin1.md')!;
    expect(latin1.message).toMatch(/offset \d+/);
    expect(snapshot.articlesBySlug(['good'])[0]?.meta.title).toBe('Good');
    expect(snapshot.status).toMatchObject({ files: 4, articles: 1, errors: 3 });
    expectFilesAccountedFor(snapshot);
  });

  it('never follows a symlink out of the root, and survives symlink loops', async () => {
    tree = await makeTree({ 'root/inside.md': post('Inside', 'In.'), 'secret.md': post('Secret', 'Must not leak.') });
    const root = path.join(tree.root, 'root');
    await symlink(path.join(tree.root, 'secret.md'), path.join(root, 'leak.md'));
    await symlink(tree.root, path.join(root, 'parent'));
    await symlink(root, path.join(root, 'loop'));
    await mkdir(path.join(root, 'real'));
    await writeFile(path.join(root, 'real', 'linked-target.md'), post('Target', 'T.'));
    await symlink(path.join(root, 'real', 'linked-target.md'), path.join(root, 'alias.md'));
    await symlink(path.join(root, 'nowhere.md'), path.join(root, 'broken.md'));

    const snapshot = (await ContentStore.open(root)).current();
    expect(codesFor(snapshot, 'leak.md')).toEqual(['SYMLINK_OUTSIDE_ROOT']);
    expect(codesFor(snapshot, 'parent')).toEqual(['SYMLINK_OUTSIDE_ROOT']);
    expect(codesFor(snapshot, 'broken.md')).toEqual(['SYMLINK_BROKEN']);
    const broken = snapshot.status.diagnostics.find((diagnostic) => diagnostic.path === 'broken.md');
    // The system's description of the error, without the absolute path its message names.
    expect(broken?.message).toBe('symlink cannot be resolved: ENOENT: no such file or directory');
    const titles = snapshot.findArticles({}, 'TITLE_ASC').map((article) => article.meta.title);
    expect(titles).not.toContain('Secret');
    expect(titles).toEqual(['Inside', 'Target', 'Target']);
    expect(snapshot.articlesBySlug(['alias', 'real/linked-target']).map((a) => a?.slug)).toEqual(['alias', 'real/linked-target']);
  });

  it('stops a parse that runs past its time budget, reports the file and serves the rest', async () => {
    // Unclosed tags make the HTML parser superlinear: this body takes seconds, far over the budget.
    tree = await makeTree({
      'slow.md': post('Slow', '<b>'.repeat(200_000)),
      'a.md': post('A', 'one'),
      'b.md': post('B', 'two'),
    });
    const snapshot = (await ContentStore.open(tree.root, { parseTimeoutMs: 300 })).current();
    expect(codesFor(snapshot, 'slow.md')).toEqual(['PARSE_TIMEOUT']);
    expect(snapshot.status.diagnostics.find((d) => d.path === 'slow.md')?.message).toMatch(/longer than 0.3 s/);
    expect(snapshot.articlesBySlug(['a', 'b']).map((article) => article?.meta.title)).toEqual(['A', 'B']);
    expectFilesAccountedFor(snapshot);
  });

  it('normalises file names to NFC and refuses the later of two files with the same slug', async () => {
    const nfc = 'Café'.normalize('NFC');
    const nfd = 'Café'.normalize('NFD');
    tree = await makeTree({ [`${nfd}.md`]: post('Decomposed', 'D.'), [`${nfc}.md`]: post('Composed', 'C.') });
    const snapshot = (await ContentStore.open(tree.root)).current();
    const [article] = snapshot.articlesBySlug([nfc]);
    // Code-unit order puts "Cafe\u0301" before "Caf\u00e9": the decomposed file came first.
    expect(article?.meta.title).toBe('Decomposed');
    expect(article?.slug).toBe(nfc);
    const duplicate = snapshot.status.diagnostics.find((d) => d.code === 'DUPLICATE_SLUG')!;
    expect(duplicate.path).toBe(`${nfc}.md`);
    expect(duplicate.message).toContain(JSON.stringify(`${nfd}.md`));
    expectFilesAccountedFor(snapshot);
  });

  it('never executes JavaScript front matter', async () => {
    tree = await makeTree({});
    const marker = path.join(tree.root, 'PWNED');
    await writeTree(tree.root, {
      'evil.md': `---js\n{ title: require('fs').writeFileSync(${JSON.stringify(marker)}, 'x') }\n---\nBody\n`,
      'evil2.md': `---javascript\n{ title: require('fs').writeFileSync(${JSON.stringify(marker)}, 'x') }\n---\nBody\n`,
      'fine.md': post('Fine', 'ok'),
    });
    const snapshot = (await ContentStore.open(tree.root)).current();
    expect(existsSync(marker)).toBe(false);
    expect(snapshot.status.errors).toBe(2);
    expect(snapshot.status.articles).toBe(1);
  });
});

describe('the index', () => {
  let tree: Awaited<ReturnType<typeof makeTree>>;
  let snapshot: ContentSnapshot;
  beforeAll(async () => {
    const categories = (lines: string) => `categories:\n${lines}\n`;
    tree = await makeTree({
      'a.md': `---\ntitle: Alpha\ndate: 2022-01-03T00:00:00Z\n${categories(' - News\n - World\n - Asia')}tags: [Politics, Asia]\nauthor: Jane Roe\n---\nA`,
      'b.md': `---\ntitle: Beta\ndate: 2022-01-02T00:00:00Z\n${categories(' - News\n - World')}tags: Politics\nauthor:\n  name: Jane Roe\n---\nB`,
      'c.md': `---\ntitle: Gamma\ndate: 2022-01-02T00:00:00Z\n${categories(' - [News, Tech]\n - [Opinion]')}tags: [Tech]\nauthor: Max Mustermann\n---\nC`,
      'd.md': `---\ntitle: Delta\ndate: Invalid Date\n${categories(' - Opinion')}\n---\nD`,
    });
    snapshot = (await ContentStore.open(tree.root)).current();
  });
  afterAll(() => tree.remove());

  it('builds the category forest with Hexo slugs and counts', () => {
    expect(snapshot.listCategories(null).map((c) => c.slug)).toEqual(['News', 'Opinion']);
    expect(snapshot.listCategories('News').map((c) => c.slug)).toEqual(['News/Tech', 'News/World']);
    const [news, world, asia, missing] = snapshot.categoriesBySlug(['News', 'News/World', 'News/World/Asia', 'Nope']);
    expect(news).toMatchObject({ name: 'News', parentSlug: null, articleCount: 0, articleCountWithDescendants: 3 });
    expect(world).toMatchObject({ parentSlug: 'News', articleCount: 1, articleCountWithDescendants: 2 });
    expect(asia).toMatchObject({ parentSlug: 'News/World', childSlugs: [], articleCount: 1 });
    expect(missing).toBeNull();
    expect(snapshot.articlesBySlug(['c'])[0]?.categorySlugs).toEqual(['News/Tech', 'Opinion']);
    expect(snapshot.allCategories().map((c) => c.slug)).toEqual(['News', 'Opinion', 'News/Tech', 'News/World', 'News/World/Asia']);
  });

  it('merges authors and tags by slug and counts their articles', () => {
    expect(snapshot.listAuthors().map((a) => [a.slug, a.articleCount])).toEqual([
      ['Jane-Roe', 2],
      ['Max-Mustermann', 1],
    ]);
    expect(snapshot.tagsBySlug(['Politics', 'Tech', 'nope']).map((t) => t?.articleCount ?? null)).toEqual([2, 1, null]);
  });

  it('filters with AND across fields and OR within a list, descendants included', () => {
    const slugs = (filter: Parameters<ContentSnapshot['findArticles']>[0]) => snapshot.findArticles(filter, 'DATE_DESC').map((a) => a.slug);
    expect(slugs({ categories: ['News'] })).toEqual(['a', 'b', 'c']);
    expect(slugs({ categories: ['News/World/Asia', 'Opinion'] })).toEqual(['a', 'c', 'd']);
    expect(slugs({ categories: ['News'], tags: ['Politics'] })).toEqual(['a', 'b']);
    expect(slugs({ authors: ['Jane-Roe', 'Max-Mustermann'], tags: ['Tech'] })).toEqual(['c']);
    expect(slugs({ dateFrom: new Date('2022-01-02T00:00:00Z'), dateTo: new Date('2022-01-02T23:59:59Z') })).toEqual(['b', 'c']);
    expect(slugs({ categories: ['Unknown'] })).toEqual([]);
  });

  it('orders totally: undated last, ties broken by slug', () => {
    expect(snapshot.findArticles({}, 'DATE_DESC').map((a) => a.slug)).toEqual(['a', 'b', 'c', 'd']);
    expect(snapshot.findArticles({}, 'DATE_ASC').map((a) => a.slug)).toEqual(['b', 'c', 'a', 'd']);
    expect(snapshot.findArticles({}, 'TITLE_ASC').map((a) => a.meta.title)).toEqual(['Alpha', 'Beta', 'Delta', 'Gamma']);
  });
});

describe('reloading', () => {
  // With a cache, bodies are read from its body files; a snapshot pinned before an edit reads its own version's.
  it.each([
    ['without a cache', false],
    ['with a cache', true],
  ])('changes the version with any edit and keeps it when nothing changed, %s', async (_, cached) => {
    const tree = await makeTree({ 'a.md': post('A', 'one') });
    try {
      // The test process's own cache home (`isolated-cache-home.ts`).
      const cache = cached ? { directory: defaultCacheDirectory() } : null;
      const store = await ContentStore.open(tree.root, {}, undefined, cache);
      const first = store.current();
      expect(first.articlesBySlug(['a'])[0]?.heldHtml === null).toBe(cached);
      expect((await store.reload()).status.version).toBe(first.status.version);
      await writeTree(tree.root, { 'a.md': post('A', 'two') });
      const second = await store.reload();
      expect(second.status.version).not.toBe(first.status.version);
      expect(first.bodiesBySlug(['a'])[0]?.html).toContain('one');
      expect(second.bodiesBySlug(['a'])[0]?.html).toContain('two');
    } finally {
      await tree.remove();
    }
  });
});
