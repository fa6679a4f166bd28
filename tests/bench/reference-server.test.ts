import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { writeCorpus, type CorpusManifest } from '../../bench/corpus/generate';
import { benchOperations, type BenchOperation } from '../../bench/operations';
import { startReferenceServer, type ReferenceServer } from '../../bench/reference/server';
import { ContentStore } from '../../src/content/content-store';
import type { ContentSnapshot } from '../../src/content/model';
import { slugOfName } from '../../src/content/snapshot';
import { gatewaySchema } from '../../src/graphql/schema';
import type { GraphQLBody } from '../helpers/harness';

describe('reference server', () => {
  let temp: string;
  let manifest: CorpusManifest;
  let server: ReferenceServer;
  let snapshot: ContentSnapshot;
  let operations: BenchOperation[];

  beforeAll(async () => {
    temp = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-reference-'));
    manifest = await writeCorpus({ articles: 200, seed: 5, outDir: temp });
    snapshot = (await ContentStore.open(temp)).current();
    server = await startReferenceServer({ contentDir: temp, port: 0 });
    operations = benchOperations({
      articleSlug: manifest.samples.articleSlug,
      categorySlug: manifest.samples.categoryPath.map(slugOfName).join('/'),
    });
  });
  afterAll(async () => {
    await server.close();
    await fs.rm(temp, { recursive: true, force: true });
  });

  const post = async (body: unknown) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as GraphQLBody };
  };
  const run = async (name: string) => {
    const operation = operations.find((candidate) => candidate.name === name)!;
    const { status, body } = await post({ query: operation.query, variables: operation.variables });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return body.data;
  };

  it("answers the search operation with the engine's ranking, and finds something in a generated corpus", async () => {
    const data = await run('search');
    const expected = snapshot.searchArticles(operations.find((operation) => operation.name === 'search')!.variables.query as string, {
      limit: 20,
    });
    expect(expected.total).toBeGreaterThan(0);
    expect(data.search.totalCount).toBe(expected.total);
    expect(data.search.edges.map((edge: { node: { article: { title: string } } }) => edge.node.article.title)).toEqual(
      snapshot.articlesBySlug(expected.hits.map((hit) => hit.slug)).map((article) => article!.meta.title),
    );
    expect(data.search.edges[0].node.highlights[0].html).toContain('<mark>');
  });

  it('sends operations the gateway schema accepts too', async () => {
    const schema = await gatewaySchema();
    for (const operation of operations) expect(validate(schema, parse(operation.query))).toEqual([]);
  });

  it('answers the article operation with every section of the article', async () => {
    const data = await run('article by slug');
    const [article] = snapshot.articlesBySlug([manifest.samples.articleSlug]);
    expect(data.article.title).toBe(article!.meta.title);
    const [body] = snapshot.bodiesBySlug([manifest.samples.articleSlug]);
    expect(data.article.sections).toEqual(
      article!.body.sections.map(({ heading, anchor, index }) => ({ heading, anchor, html: body!.sections[index] })),
    );
  });

  it('answers a page of the newest articles with author, categories and tags', async () => {
    const data = await run('articles page');
    const newest = snapshot.findArticles({}, 'DATE_DESC').slice(0, 20);
    expect(data.articles.nodes).toHaveLength(20);
    expect(data.articles.nodes.map((node: { title: string }) => node.title)).toEqual(newest.map((article) => article.meta.title));
    const [first] = newest;
    expect(data.articles.nodes[0].author).toEqual(first.authorSlug ? { name: snapshot.authorsBySlug([first.authorSlug])[0]!.name } : null);
    expect(data.articles.nodes[0].categories).toEqual(
      snapshot.categoriesBySlug(first.categorySlugs).map((category) => ({ name: category!.name })),
    );
    expect(data.articles.nodes[0].tags).toEqual(snapshot.tagsBySlug(first.tagSlugs).map((tag) => ({ name: tag!.name })));
  });

  it('answers the category page with descendants counted', async () => {
    const data = await run('category page');
    const slug = manifest.samples.categoryPath.map(slugOfName).join('/');
    const [category] = snapshot.categoriesBySlug([slug]);
    expect(category!.childSlugs.length).toBeGreaterThan(0);
    expect(data.category.name).toBe(manifest.samples.categoryPath[1]);
    expect(data.category.articleCount).toBe(category!.articleCountWithDescendants);
    expect(data.category.articles.totalCount).toBe(category!.articleCountWithDescendants);
    expect(data.category.articles.nodes.length).toBe(Math.min(20, category!.articleCountWithDescendants));
  });

  it('rejects documents that do not parse or validate, and answers readiness', async () => {
    expect((await post({ query: '{ article(' })).status).toBe(400);
    const invalid = await post({ query: '{ nothing }' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.[0].message).toMatch(/nothing/);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});
