import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generatePosts, readManifest, writeCorpus } from '../../bench/corpus/generate';
import { ContentStore } from '../../src/content/content-store';

async function readTree(root: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await fs.readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, absolute), await fs.readFile(absolute));
  }
  return files;
}

describe('corpus generator', () => {
  let temp: string;
  beforeAll(async () => {
    temp = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-corpus-'));
  });
  afterAll(async () => {
    await fs.rm(temp, { recursive: true, force: true });
  });

  it('writes byte-identical corpora for the same seed, and a different one for another seed', async () => {
    const first = path.join(temp, 'first');
    const second = path.join(temp, 'second');
    const other = path.join(temp, 'other');
    await writeCorpus({ articles: 50, seed: 7, outDir: first });
    await writeCorpus({ articles: 50, seed: 7, outDir: second });
    await writeCorpus({ articles: 50, seed: 8, outDir: other });
    const [a, b, c] = await Promise.all([readTree(first), readTree(second), readTree(other)]);
    expect(a.size).toBe(51);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, bytes] of a) expect(bytes.equals(b.get(name)!)).toBe(true);
    expect([...c.keys()]).not.toEqual([...a.keys()]);
  });

  it('writes posts the content loader reads without errors', async () => {
    const dir = path.join(temp, 'load');
    const manifest = await writeCorpus({ articles: 300, seed: 3, outDir: dir });
    expect(await readManifest(dir)).toEqual(manifest);

    const snapshot = (await ContentStore.open(dir)).current();
    const { status } = snapshot;
    expect(status.files).toBe(300);
    expect(status.errors).toBe(0);
    expect(status.articles).toBe(300 - manifest.unpublished);
    expect(status.unpublished).toBe(manifest.unpublished);
    const invalidDates = status.diagnostics.filter((diagnostic) => diagnostic.code === 'DATE_INVALID');
    expect(invalidDates).toHaveLength(manifest.invalidDates);
    expect(manifest.invalidDates).toBeGreaterThan(0);

    const [sample] = snapshot.articlesBySlug([manifest.samples.articleSlug]);
    expect(sample?.body.sections.length).toBeGreaterThanOrEqual(4);
  });

  it('replaces an earlier corpus but refuses a folder it did not write', async () => {
    const dir = path.join(temp, 'foreign');
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, 'notes.txt'), 'keep me');
    await expect(writeCorpus({ articles: 5, seed: 1, outDir: dir })).rejects.toThrow(/refusing/);
    expect(await fs.readFile(path.join(dir, 'notes.txt'), 'utf8')).toBe('keep me');

    const ours = path.join(temp, 'ours');
    await writeCorpus({ articles: 20, seed: 1, outDir: ours });
    await writeCorpus({ articles: 5, seed: 1, outDir: ours });
    expect((await readTree(ours)).size).toBe(6);
  });

  describe('shapes over many posts', () => {
    const posts = [...generatePosts({ articles: 10000, seed: 1 })];
    const share = (predicate: (post: (typeof posts)[number]) => boolean) => posts.filter(predicate).length / posts.length;

    it('files posts as group/site/channel/title.md with usable file names', () => {
      const unusable = posts
        .map((post) => post.path.split('/'))
        .filter(
          (segments) => segments.length !== 4 || !/^[^.][^\\:*?"<>|]*\.md$/.test(segments[3]) || Buffer.byteLength(segments[3]) > 255,
        );
      expect(unusable).toEqual([]);
      expect(new Set(posts.map((post) => post.path)).size).toBe(posts.length);
    });

    it('has about 1% invalid dates, 0.5% large posts and a few unpublished ones', () => {
      expect(share((post) => post.invalidDate)).toBeGreaterThan(0.006);
      expect(share((post) => post.invalidDate)).toBeLessThan(0.014);
      expect(share((post) => post.large)).toBeGreaterThan(0.003);
      expect(share((post) => post.large)).toBeLessThan(0.008);
      expect(share((post) => !post.listed)).toBeGreaterThan(0.002);
      expect(share((post) => !post.listed)).toBeLessThan(0.01);
      for (const post of posts.filter((candidate) => candidate.large))
        expect(Buffer.byteLength(post.text)).toBeGreaterThanOrEqual(100 * 1024);
    });

    it('mixes languages, body styles, section counts and date formats', () => {
      const texts = posts.map((post) => post.text);
      expect(share((post) => /\p{Script=Han}/u.test(post.title))).toBeGreaterThan(0.5);
      expect(share((post) => /^[\x20-\x7e]+$/.test(post.title))).toBeGreaterThan(0.1);
      expect(texts.some((text) => text.includes('\n<div>   \n') && text.includes('<h3>'))).toBe(true);
      expect(texts.some((text) => /\n### /.test(text))).toBe(true);
      expect(texts.some((text) => text.includes('<img src="https://example.com/'))).toBe(true);
      expect(new Set(posts.map((post) => post.sections))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8]));
      expect(texts.some((text) => /\ndate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT\n/.test(text))).toBe(true);
      expect(texts.some((text) => /\ndate: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n/.test(text))).toBe(true);
      expect(texts.some((text) => /\ndate: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z\n/.test(text))).toBe(true);
      expect(texts.every((text) => text.startsWith('\n---\ntitle: '))).toBe(true);
    });

    it('draws feeds from a skewed distribution: a few big ones, many small ones', () => {
      const perFeed = new Map<string, number>();
      for (const post of posts) {
        const feed = path.posix.dirname(post.path);
        perFeed.set(feed, (perFeed.get(feed) ?? 0) + 1);
      }
      const sizes = [...perFeed.values()].sort((a, b) => b - a);
      const median = sizes[Math.floor(sizes.length / 2)];
      expect(sizes[0]).toBeGreaterThan(20 * median);
      expect(sizes.filter((size) => size <= median).length).toBeGreaterThan(sizes.length / 2);
    });
  });
});
