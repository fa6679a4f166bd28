import { badUserInputMessage, expected, servedFiles, startTestServer, type TestServer } from '../helpers/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const ARTICLE_FIELDS = `
  id slug path title date updated
  author { id name slug articleCount }
  categories { id name slug }
  tags { id name slug articleCount }
  headImage thumbnail cover comments language
  excerpt short: excerpt(length: 12)
  html text
  lead { html text }
  sections { id index heading anchor html text wordCount article { slug } }
  wordCount characterCount readingTimeMinutes
  images { src alt }
  frontMatter`;

describe('article', () => {
  it('serves every field of every fixture article as the fixture describes it', async () => {
    for (const file of servedFiles) {
      const { article } = await server.data(`query($slug: String) { article(slug: $slug) { ${ARTICLE_FIELDS} } }`, { slug: file.slug });
      expect(article).toMatchObject({
        slug: file.slug,
        path: file.path.normalize('NFC'),
        title: file.title,
        date: file.date,
        updated: file.updated ?? file.date,
        language: file.language,
      });
      expect(article.author?.name ?? null).toBe(file.author);
      expect(article.categories.map((category: { name: string }) => category.name)).toEqual(
        file.categories.map((hierarchy) => hierarchy[hierarchy.length - 1]),
      );
      expect(article.tags.map((tag: { name: string }) => tag.name)).toEqual(file.tags);
      expect(article.sections).toHaveLength(file.sections);
      if (file.headings) expect(article.sections.map((section: { heading: string }) => section.heading)).toEqual(file.headings);
      article.sections.forEach((section: { index: number; article: { slug: string }; html: string }, index: number) => {
        expect(section.index).toBe(index);
        expect(section.article.slug).toBe(file.slug);
        expect(section.html).toContain('<h3');
      });
      if (file.hasLead !== null) expect(article.lead !== null).toBe(file.hasLead);
      expect(article.images.map((image: { src: string }) => image.src)).toEqual(file.images);
      expect(article.short.length).toBeLessThanOrEqual(12 + 1);
      if (file.moreExcerpt !== null) expect(article.excerpt).toBe(file.moreExcerpt);
      expect(typeof article.frontMatter).toBe('object');
      expect(Number.isInteger(article.wordCount) && Number.isInteger(article.readingTimeMinutes)).toBe(true);
    }
  });

  it('gives text without markup', async () => {
    const { article } = await server.data(
      `{ article(slug: "Engineering/Backend/idempotency-keys") { html text lead { text } sections { text } } }`,
    );
    expect(article.html).toContain('<h3');
    expect(article.text).not.toMatch(/<[a-z]/i);
    expect(article.text).toContain('Store the key first');
    expect(article.lead.text).toContain('Payment providers retry webhooks');
    expect(article.sections[0].text).toMatch(/^Store the key first/);
  });

  it('finds a section by anchor', async () => {
    const { article } = await server.data(
      `{ article(slug: "Engineering/Backend/GraphQL/cursor-pagination") { sections { anchor heading } } }`,
    );
    const [, second] = article.sections;
    const found = await server.data(
      `query($anchor: String!) { article(slug: "Engineering/Backend/GraphQL/cursor-pagination") { section(anchor: $anchor) { heading } missing: section(anchor: "no-such-anchor") { heading } } }`,
      { anchor: second.anchor },
    );
    expect(found.article).toEqual({ section: { heading: second.heading }, missing: null });
  });

  it('is found by id as well as by slug', async () => {
    const { article } = await server.data(`{ article(slug: "release-checklist") { id title } }`);
    const byId = await server.data(`query($id: ID) { article(id: $id) { slug } }`, { id: article.id });
    expect(byId.article.slug).toBe('release-checklist');
  });

  it('is null for an unknown slug or id, or an id of another type', async () => {
    const { tag } = await server.data(`{ tag(slug: "graphql") { id } }`);
    const data = await server.data(
      `query($tagId: ID) { bySlug: article(slug: "no/such/post") { slug } byId: article(id: "bm9wZQ==") { slug } byTagId: article(id: $tagId) { slug } }`,
      { tagId: tag.id },
    );
    expect(data).toEqual({ bySlug: null, byId: null, byTagId: null });
  });

  it('requires exactly one of slug and id', async () => {
    expect(badUserInputMessage(await server.request(`{ article { slug } }`))).toMatch(/exactly one of `slug` or `id`/);
    expect(badUserInputMessage(await server.request(`{ article(slug: "a", id: "b") { slug } }`))).toMatch(/exactly one/);
  });

  it('rejects a non-positive excerpt length', async () => {
    const body = await server.request(`{ article(slug: "release-checklist") { excerpt(length: 0) } }`);
    expect(badUserInputMessage(body)).toMatch(/`length` must be positive/);
  });

  it('lists the leaf of every category hierarchy', async () => {
    const { article } = await server.data(`{ article(slug: "release-checklist") { categories { slug } } }`);
    expect(article.categories).toEqual([{ slug: 'Engineering/Tooling' }, { slug: 'Writing/Guides' }]);
  });

  it('uses the `<!-- more -->` text as excerpt', async () => {
    const file = servedFiles.find((candidate) => candidate.moreExcerpt !== null)!;
    const { article } = await server.data(`query($slug: String) { article(slug: $slug) { excerpt short: excerpt(length: 10) } }`, {
      slug: file.slug,
    });
    expect(article.excerpt).toBe(file.moreExcerpt);
    expect(article.short.length).toBeLessThanOrEqual(11);
  });
});

describe('categories', () => {
  const CATEGORY = `id name slug parent { slug } children { slug } ancestors { slug } articleCount direct: articleCount(includeDescendants: false)`;

  it('serves every category with its links and counts', async () => {
    for (const category of expected.categories) {
      const data = await server.data(`query($slug: String!) { category(slug: $slug) { ${CATEGORY} } }`, { slug: category.slug });
      const ancestors: string[] = [];
      for (
        let parent = category.parentSlug;
        parent;
        parent = expected.categories.find((candidate) => candidate.slug === parent)!.parentSlug
      )
        ancestors.unshift(parent);
      expect(data.category).toMatchObject({
        name: category.name,
        slug: category.slug,
        parent: category.parentSlug === null ? null : { slug: category.parentSlug },
        children: category.childSlugs.map((slug) => ({ slug })),
        ancestors: ancestors.map((slug) => ({ slug })),
        articleCount: category.articleCountWithDescendants,
        direct: category.articleCount,
      });
    }
  });

  it('lists roots, children, or everything', async () => {
    const data = await server.data(`{
      roots: categories(rootsOnly: true) { slug }
      children: categories(parentSlug: "Engineering") { slug }
      all: categories { slug parent { slug } }
    }`);
    const roots = expected.categories.filter((category) => category.parentSlug === null).map((category) => category.slug);
    expect(data.roots.map((category: { slug: string }) => category.slug).sort()).toEqual([...roots].sort());
    expect(data.children).toEqual([{ slug: 'Engineering/Backend' }, { slug: 'Engineering/Security' }, { slug: 'Engineering/Tooling' }]);
    expect(data.all).toHaveLength(expected.categories.length);
    const seen = new Set<string>();
    for (const category of data.all) {
      if (category.parent) expect(seen.has(category.parent.slug)).toBe(true);
      seen.add(category.slug);
    }
  });

  it('rejects parentSlug together with rootsOnly', async () => {
    expect(badUserInputMessage(await server.request(`{ categories(parentSlug: "Notes", rootsOnly: true) { slug } }`))).toMatch(/not both/);
  });

  it('is null for an unknown slug', async () => {
    expect(await server.data(`{ category(slug: "Nope") { slug } }`)).toEqual({ category: null });
  });
});

describe('authors and tags', () => {
  it('lists every author and tag with counts', async () => {
    const data = await server.data(`{ authors { id name slug articleCount } tags { id name slug articleCount } }`);
    const simplify = (entries: { name: string; articleCount: number }[]) =>
      entries.map(({ name, articleCount }) => ({ name, articleCount })).sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(simplify(data.authors)).toEqual(simplify(expected.authors));
    expect(simplify(data.tags)).toEqual(simplify(expected.tags));
    expect(data.authors.map((author: { slug: string }) => author.slug)).toContain('Tomas-Rivera');
  });

  it('fetches one by slug, null when unknown', async () => {
    const data = await server.data(`{
      author(slug: "Maya-Chen") { name articleCount articles(first: 1) { totalCount } }
      tag(slug: "graphql") { name articleCount articles { totalCount } }
      noAuthor: author(slug: "nobody") { name }
      noTag: tag(slug: "nothing") { name }
    }`);
    expect(data).toEqual({
      author: { name: 'Maya Chen', articleCount: 3, articles: { totalCount: 3 } },
      tag: { name: 'graphql', articleCount: 4, articles: { totalCount: 4 } },
      noAuthor: null,
      noTag: null,
    });
  });
});

describe('contentStatus', () => {
  it('reports what was loaded', async () => {
    const { contentStatus } = await server.data(`{ contentStatus {
      version loadedAt files articles unpublished categories authors tags sections errors warnings
      diagnostics { path severity code message line }
    } }`);
    expect(contentStatus).toMatchObject({
      articles: expected.summary.served,
      categories: expected.categories.length,
      authors: expected.authors.length,
      tags: expected.tags.length,
      sections: expected.summary.sections,
      errors: expected.summary.errors,
    });
    expect(contentStatus.version).toMatch(/^[0-9a-f]{8,}$/);
    expect(new Date(contentStatus.loadedAt).toISOString()).toBe(contentStatus.loadedAt);
    expect(contentStatus.diagnostics.filter((diagnostic: { severity: string }) => diagnostic.severity === 'ERROR')).toHaveLength(
      expected.summary.errors,
    );
    expect(contentStatus.warnings).toBe(
      contentStatus.diagnostics.filter((diagnostic: { severity: string }) => diagnostic.severity === 'WARNING').length,
    );
    for (const diagnostic of contentStatus.diagnostics) {
      expect(expected.files.map((file) => file.path)).toContain(diagnostic.path);
    }
  });
});
