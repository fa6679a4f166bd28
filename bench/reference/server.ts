/**
 * The reference server: graphql-js `execute` over `node:http`, with hand-written resolvers over
 * the same snapshot the gateway serves, no framework and no DataLoader. It is the floor of what
 * a Node GraphQL server costs for the benchmark operations.
 *
 *   node bench/dist/bench/reference/server.js --content DIR --port 4100
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildSchema,
  execute,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { ContentStore } from '../../src/content/content-store';
import type { Article, Category, ContentSnapshot, RelatedArticle } from '../../src/content/model';
import { RELATED_COUNT } from '../../src/content/related';
import { tableOfContents } from '../../src/content/toc';
import { benchArgs, wholeNumber, type BenchCommand, type BenchFlags } from '../cli-args';

/** Only the fields the benchmark operations select, with the gateway's names and arguments. */
const SDL = `
type Query {
  article(slug: String): Article
  articles(first: Int): ArticleConnection!
  category(slug: String!): Category
  search(query: String!, first: Int): SearchConnection!
}
type SearchConnection { totalCount: Int! edges: [SearchEdge!]! }
type SearchEdge { node: SearchHit! }
type SearchHit { score: Float! article: Article! highlights: [Highlight!]! }
type Highlight { html: String! }
type Article {
  title: String!
  toc: [TocEntry!]!
  previous: Article
  next: Article
  related(first: Int): [RelatedArticle!]!
  author: Author
  categories: [Category!]!
  tags: [Tag!]!
  sections: [Section!]!
}
type TocEntry { level: Int! text: String! anchor: String! }
type RelatedArticle { score: Float! article: Article! sharedTags: [Tag!]! }
type Section { heading: String! anchor: String! html: String! }
type Author { name: String! }
type Tag { name: String! }
type Category {
  name: String!
  articleCount(includeDescendants: Boolean = true): Int!
  articles(first: Int): ArticleConnection!
}
type ArticleConnection { totalCount: Int! nodes: [Article!]! }
`;

interface RequestContext {
  snapshot: ContentSnapshot;
}

type Resolvers<TSource> = Record<string, GraphQLFieldResolver<TSource, RequestContext>>;

const DEFAULT_PAGE_SIZE = 20;
const page = (articles: readonly Article[], first: number | null | undefined) => ({
  totalCount: articles.length,
  nodes: articles.slice(0, first ?? DEFAULT_PAGE_SIZE),
});
const known = <T>(values: (T | null)[]): T[] => values.filter((value): value is T => value !== null);

/** Fields not listed read the property of the same name, graphql-js's default. */
const resolvers: {
  Query: Resolvers<unknown>;
  Article: Resolvers<Article>;
  RelatedArticle: Resolvers<RelatedArticle>;
  Category: Resolvers<Category>;
} = {
  Query: {
    article: (_, { slug }, { snapshot }) => (slug == null ? null : snapshot.articlesBySlug([slug])[0]),
    articles: (_, { first }, { snapshot }) => page(snapshot.findArticles({}, 'DATE_DESC'), first),
    category: (_, { slug }, { snapshot }) => snapshot.categoriesBySlug([slug])[0],
    search: (_, { query, first }, { snapshot }) => {
      const { total, hits } = snapshot.searchArticles(query, { limit: first ?? DEFAULT_PAGE_SIZE });
      const articles = snapshot.articlesBySlug(hits.map((hit) => hit.slug));
      return { totalCount: total, edges: hits.map((hit, index) => ({ node: { ...hit, article: articles[index] } })) };
    },
  },
  Article: {
    title: (article) => article.meta.title,
    author: (article, _, { snapshot }) => (article.authorSlug === null ? null : snapshot.authorsBySlug([article.authorSlug])[0]),
    categories: (article, _, { snapshot }) => known(snapshot.categoriesBySlug(article.categorySlugs)),
    tags: (article, _, { snapshot }) => known(snapshot.tagsBySlug(article.tagSlugs)),
    sections: (article, _, { snapshot }) => {
      const html = snapshot.bodiesBySlug([article.slug])[0]?.sections ?? [];
      return article.body.sections.map((section) => ({ ...section, html: html[section.index] }));
    },
    toc: (article) => tableOfContents(article.body.headings),
    previous: (article, _, { snapshot }) => snapshot.articleNeighbours({}, 'DATE_DESC', [article.slug])[0]?.previous ?? null,
    next: (article, _, { snapshot }) => snapshot.articleNeighbours({}, 'DATE_DESC', [article.slug])[0]?.next ?? null,
    related: (article, { first }, { snapshot }) =>
      (snapshot.relatedArticles([article.slug])[0] ?? []).slice(0, first ?? RELATED_COUNT.default),
  },
  RelatedArticle: {
    sharedTags: (related, _, { snapshot }) => known(snapshot.tagsBySlug(related.sharedTagSlugs)),
  },
  Category: {
    articleCount: (category, { includeDescendants }) => (includeDescendants ? category.articleCountWithDescendants : category.articleCount),
    articles: (category, { first }, { snapshot }) => page(snapshot.findArticles({ categories: [category.slug] }, 'DATE_DESC'), first),
  },
};

export function createReferenceSchema(): GraphQLSchema {
  const schema = buildSchema(SDL);
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName) as GraphQLObjectType;
    for (const [fieldName, resolve] of Object.entries(fields)) type.getFields()[fieldName].resolve = resolve;
  }
  return schema;
}

const DOCUMENT_CACHE_LIMIT = 1000;

/** Parses and validates each distinct query text once; a server in production would do the same. */
function documentCache(schema: GraphQLSchema) {
  const cache = new Map<string, { document: DocumentNode } | { errors: readonly GraphQLError[] }>();
  return (query: string) => {
    let entry = cache.get(query);
    if (!entry) {
      try {
        const document = parse(query);
        const errors = validate(schema, document);
        entry = errors.length ? { errors } : { document };
      } catch (error) {
        entry = { errors: [error as GraphQLError] };
      }
      if (cache.size >= DOCUMENT_CACHE_LIMIT) cache.clear();
      cache.set(query, entry);
    }
    return entry;
  };
}

export interface ReferenceServer {
  url: string;
  close(): Promise<void>;
}

export async function startReferenceServer(options: { contentDir: string; port: number }): Promise<ReferenceServer> {
  const store = await ContentStore.open(options.contentDir);
  const schema = createReferenceSchema();
  const documentFor = documentCache(schema);

  const send = (response: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    response.end(text);
  };

  const answer = async (body: string): Promise<[number, unknown]> => {
    let request: { query?: unknown; variables?: Record<string, unknown>; operationName?: string };
    try {
      request = JSON.parse(body);
    } catch {
      return [400, { errors: [{ message: 'request body is not JSON' }] }];
    }
    if (typeof request.query !== 'string') return [400, { errors: [{ message: '`query` must be a string' }] }];
    const entry = documentFor(request.query);
    if ('errors' in entry) return [400, { errors: entry.errors }];
    const result: ExecutionResult = await execute({
      schema,
      document: entry.document,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: { snapshot: store.current() } satisfies RequestContext,
    });
    return [200, result];
  };

  const server = http.createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/readyz') {
      send(response, 200, { status: 'ready' });
      return;
    }
    if (request.method !== 'POST' || request.url !== '/graphql') {
      send(response, 404, { errors: [{ message: 'not found' }] });
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      answer(Buffer.concat(chunks).toString('utf8')).then(
        ([status, body]) => {
          send(response, status, body);
        },
        (error: unknown) => {
          send(response, 500, { errors: [{ message: String(error) }] });
        },
      );
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}

const COMMAND = {
  about: 'The reference server alone: graphql-js over node:http on a content folder (--content is required).',
  flags: {
    content: { type: 'string', value: 'DIR', help: 'the content folder' },
    port: { type: 'string', default: '4100', value: 'PORT', help: 'where it listens; 0 for any free port' },
  },
} satisfies BenchCommand<BenchFlags>;

async function main(): Promise<void> {
  const values = benchArgs(COMMAND);
  if (values.content === undefined) throw new Error('--content DIR: no content folder given (see --help)');
  const server = await startReferenceServer({ contentDir: values.content, port: wholeNumber(values.port, 'port') });
  console.log(`reference server on ${server.url}/graphql`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
