/**
 * Where the gateway reads posts as Hexo 7 does, over GraphQL on the parity fixtures: what `updated`
 * falls back to (Hexo's `updated_option`), front matter that YAML 1.2 rejects and Hexo's js-yaml
 * reads, and the curly quotes and dashes of Hexo's default markdown renderer.
 */
import { readdir, readFile, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { ContentStore } from '../../src/content/content-store';
import type { ContentOptions } from '../../src/content/options';
import { makeTree } from '../helpers/temp-tree';
import { startTestServer, type TestServer } from '../helpers/harness';

const ROOT = 'tests/fixtures/hexo-parity';

/** One server per setting, each started once: every set of content options has parse threads of its own to start. */
const servers = new Map<string, Promise<TestServer>>();
const paritySite = (options: Partial<ContentOptions> = {}): Promise<TestServer> => {
  const key = JSON.stringify(options);
  let server = servers.get(key);
  if (server === undefined) servers.set(key, (server = startTestServer({ debug: false, content: ContentStore.open(ROOT, options) })));
  return server;
};

const withParitySite = async (options: Partial<ContentOptions>, use: (server: TestServer) => Promise<void>) =>
  use(await paritySite(options));

jest.setTimeout(120_000);
afterAll(async () => {
  for (const server of servers.values()) await (await server).close();
});

const articleQuery = (fields: string) => `query ($slug: String!) { article(slug: $slug) { ${fields} } }`;

/** The fields these tests ask of an article; each query selects some of them. */
interface ArticleFields {
  date: string | null;
  updated: string | null;
  title: string;
  tags: { name: string }[];
  categories: { name: string }[];
  html: string;
  text: string;
  excerpt: string;
}

/** An answer, typed as the query that asked for it shapes it. */
const answer = async <T>(server: TestServer, query: string, variables?: Record<string, unknown>): Promise<T> =>
  (await server.data(query, variables)) as T;

const articleOf = (server: TestServer, fields: string, slug: string) =>
  answer<{ article: ArticleFields }>(server, articleQuery(fields), { slug });

describe('Article.updated without `updated` in the front matter', () => {
  const datesOf = (server: TestServer, slug: string) => articleOf(server, 'date updated', slug);

  it('is the date by default, as `updated_option: date`', async () => {
    await withParitySite({}, async (server) => {
      expect((await datesOf(server, 'bodies/no-updated')).article).toEqual({
        date: '2023-05-03T09:00:00.000Z',
        updated: '2023-05-03T09:00:00.000Z',
      });
    });
  });

  it("is the file's modification time with `mtime`, and null with `empty`", async () => {
    const modified = (await stat(path.join(ROOT, 'bodies/no-updated.md'))).mtime.toISOString();
    await withParitySite({ updatedOption: 'mtime' }, async (server) => {
      expect((await datesOf(server, 'bodies/no-updated')).article.updated).toBe(modified);
    });
    await withParitySite({ updatedOption: 'empty' }, async (server) => {
      expect((await datesOf(server, 'bodies/no-updated')).article).toEqual({ date: '2023-05-03T09:00:00.000Z', updated: null });
    });
  });

  it('is the front matter’s own `updated` whatever the setting', async () => {
    for (const updatedOption of ['date', 'mtime', 'empty'] as const) {
      await withParitySite({ updatedOption }, async (server) => {
        expect((await datesOf(server, 'bodies/typography')).article.updated).toBe('2023-05-02T10:00:00.000Z');
      });
    }
  });

  it('follows a touched file under `mtime`, with a new content version, though its bytes did not change', async () => {
    const folder = path.join(ROOT, 'bodies');
    const files = Object.fromEntries(
      await Promise.all((await readdir(folder)).map(async (name) => [name, await readFile(path.join(folder, name), 'utf8')] as const)),
    );
    const tree = await makeTree(files);
    const store = await ContentStore.open(tree.root, { updatedOption: 'mtime' });
    const server = await startTestServer({ content: Promise.resolve(store) });
    try {
      const ask = () =>
        answer<{ contentStatus: { version: string }; article: ArticleFields }>(
          server,
          '{ contentStatus { version } article(slug: "no-updated") { updated } }',
        );
      const before = await ask();
      const touched = new Date('2024-01-02T03:04:05.000Z');
      await utimes(path.join(tree.root, 'no-updated.md'), touched, touched);
      await store.reload();
      const after = await ask();
      expect(after.article.updated).toBe(touched.toISOString());
      expect(after.contentStatus.version).not.toBe(before.contentStatus.version);
    } finally {
      await server.close();
      await tree.remove();
    }
  });
});

describe('front matter YAML 1.2 rejects', () => {
  const read = (server: TestServer, slug: string) => articleOf(server, 'title tags { name } categories { name }', slug);
  const recovered = async (server: TestServer) => {
    const { contentStatus } = await answer<{ contentStatus: { diagnostics: { path: string; code: string; message: string }[] } }>(
      server,
      '{ contentStatus { diagnostics { path severity code message } } }',
    );
    return new Map(
      contentStatus.diagnostics
        .filter((diagnostic) => diagnostic.code === 'FRONT_MATTER_RECOVERED')
        .map((diagnostic) => [diagnostic.path, diagnostic.message]),
    );
  };

  it('reads a quoted title continued at the left margin as Hexo does, folded into one line', async () => {
    await withParitySite({}, async (server) => {
      expect((await read(server, 'front-matter/margin-title')).article).toEqual({
        title: 'Harbour lights " over the old pier"',
        tags: [],
        categories: [{ name: 'Harbour' }],
      });
      const message = (await recovered(server)).get('front-matter/margin-title.md');
      expect(message).toMatch(/^YAML rejected the front matter \(.+\), but Hexo's reader \(js-yaml 4\) accepts it; read title, categories/);
      expect(message).not.toMatch(/drop/);
    });
  });

  it('keeps the line breaks that the blank lines of such a title make, as Hexo does', async () => {
    await withParitySite({}, async (server) => {
      expect((await read(server, 'front-matter/blank-line-title')).article.title).toBe('Tide table "\nhigh at noon\nlow at six"');
      expect((await recovered(server)).get('front-matter/blank-line-title.md')).toMatch(/Hexo's reader \(js-yaml 4\) accepts it/);
    });
  });

  it('reads lists indented with tabs, which Hexo turns into spaces first', async () => {
    await withParitySite({}, async (server) => {
      expect((await read(server, 'front-matter/tab-indented')).article.tags).toEqual([{ name: 'birds' }, { name: 'coast' }]);
      expect((await recovered(server)).get('front-matter/tab-indented.md')).toMatch(/accepts it; read title, tags, date as Hexo does/);
    });
  });

  it('says Hexo would drop a post only when js-yaml rejects it too, and still serves what reads clearly line by line', async () => {
    await withParitySite({}, async (server) => {
      expect((await read(server, 'front-matter/quote-runs')).article.title).toBe('Ferry timetable');
      expect((await read(server, 'front-matter/plain-continued')).article.title).toBe('Net mending for beginners');
      const messages = await recovered(server);
      for (const file of ['front-matter/quote-runs.md', 'front-matter/plain-continued.md']) {
        expect(messages.get(file)).toMatch(
          /and so does Hexo's reader \(js-yaml 4: .+\), so Hexo would drop this post; read .* line by line/,
        );
      }
      expect([...messages.keys()].sort()).toEqual([
        'front-matter/blank-line-title.md',
        'front-matter/margin-title.md',
        'front-matter/plain-continued.md',
        'front-matter/quote-runs.md',
        'front-matter/tab-indented.md',
      ]);
    });
  });
});

describe('markdown typography', () => {
  const body = (server: TestServer) => articleOf(server, 'html text excerpt', 'bodies/typography');

  it("makes Hexo's curly quotes, dashes and ellipses by default, in the markdown only", async () => {
    await withParitySite({}, async (server) => {
      const { article } = await body(server);
      expect(article.text).toContain('“Reef knots” don’t slip – mostly — unless wet…');
      expect(article.excerpt).toMatch(/^“Reef knots” don’t slip/);
      expect(article.html).toContain('<div>"Left as typed" -- here...</div>');
      expect(article.html).toContain('<code>"bowline" --</code>');
    });
  });

  it('keeps what was typed with the typographer off', async () => {
    await withParitySite({ markdownTypographer: false }, async (server) => {
      expect((await body(server)).article.text).toContain(`"Reef knots" don't slip -- mostly --- unless wet...`);
    });
  });

  it('finds curly text by words typed with straight quotes, and the other way round', async () => {
    await withParitySite({}, async (server) => {
      const hits = async (query: string) => {
        const { search } = await answer<{ search: { edges: { node: { article: { slug: string } } }[] } }>(
          server,
          'query ($query: String!) { search(query: $query) { edges { node { article { slug } } } } }',
          { query },
        );
        return search.edges.map((edge) => edge.node.article.slug);
      };
      expect(await hits(`don't slip`)).toEqual(['bodies/typography']);
      expect(await hits('"reef knots"')).toEqual(['bodies/typography']);
      expect(await hits('mostly — unless')).toEqual(['bodies/typography']);
    });
  });
});
