/**
 * A typed client of the gateway made of `fetch` and the documents `npm run codegen` generates
 * from examples/operations. Each document goes out by its id, which is all a gateway in
 * trusted-documents mode accepts; a gateway that runs any operation but has not seen the id
 * yet gets the document registered under it once (automatic persisted queries).
 *
 *   npx ts-node examples/client.ts [endpoint] [category slug] [article slug]
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  ArticleWithSectionsDocument,
  CategoryArticlesDocument,
  type ArticleWithSectionsQuery,
  type CategoryArticlesQuery,
} from './generated/graphql';
import persistedDocuments from './generated/persisted-documents.json';

export interface GraphQLErrorEntry {
  message: string;
  extensions?: { code?: string };
}

export class GraphQLRequestError extends Error {
  constructor(readonly errors: readonly GraphQLErrorEntry[]) {
    super(errors.map((error) => error.message).join('; '));
  }
}

/** Runs a generated document; its result and variables are typed by the document. */
export type GraphQLRequest = <Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables: Variables) => Promise<Result>;

const manifest: Readonly<Record<string, string>> = persistedDocuments;

/** The id codegen gives each document: `sha256:` and the hash of its text in the manifest. */
function documentIdOf(document: object): string {
  const id = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!id || !(id in manifest)) throw new Error('only documents generated into examples/generated can be sent by id');
  return id;
}

export function createClient(endpoint: string, fetchImpl: typeof fetch = fetch): GraphQLRequest {
  const post = async (body: object): Promise<{ data?: unknown; errors?: GraphQLErrorEntry[] }> => {
    const response = await fetchImpl(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9' },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { data?: unknown; errors?: GraphQLErrorEntry[] };
  };

  return async function request<Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables: Variables): Promise<Result> {
    const documentId = documentIdOf(document);
    let body = await post({ documentId, variables });
    if (body.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
      const sha256Hash = documentId.slice('sha256:'.length);
      body = await post({ query: manifest[documentId], variables, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    }
    if (body.errors?.length || body.data === undefined || body.data === null)
      throw new GraphQLRequestError(body.errors ?? [{ message: 'no data' }]);
    // The document's type parameters describe what the gateway answers to it.
    return body.data as Result;
  };
}

export type CategoryPage = NonNullable<CategoryArticlesQuery['category']>['articles']['nodes'];
export type ArticleWithSections = NonNullable<ArticleWithSectionsQuery['article']>;

/** The articles of a category (descendants included), newest first, one request per page. */
export async function* categoryPages(request: GraphQLRequest, slug: string, pageSize: number): AsyncGenerator<CategoryPage> {
  let after: string | null = null;
  for (;;) {
    const { category }: CategoryArticlesQuery = await request(CategoryArticlesDocument, { slug, first: pageSize, after });
    if (!category) throw new Error(`no category "${slug}"`);
    yield category.articles.nodes;
    if (!category.articles.pageInfo.hasNextPage) return;
    after = category.articles.pageInfo.endCursor;
  }
}

export async function articleWithSections(request: GraphQLRequest, slug: string): Promise<ArticleWithSections> {
  const { article } = await request(ArticleWithSectionsDocument, { slug });
  if (!article) throw new Error(`no article "${slug}"`);
  return article;
}

export async function main(
  endpoint: string,
  categorySlug: string,
  articleSlug: string,
  out: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const request = createClient(endpoint);
  let pageNumber = 0;
  for await (const page of categoryPages(request, categorySlug, 3)) {
    pageNumber += 1;
    out.write(`${categorySlug}, page ${pageNumber}:\n`);
    for (const article of page) out.write(`  ${article.date?.slice(0, 10) ?? 'undated   '}  ${article.title}\n`);
  }
  const article = await articleWithSections(request, articleSlug);
  out.write(`\n${article.title}${article.author ? ` by ${article.author.name}` : ''}\n`);
  for (const section of article.sections)
    out.write(`  ${section.index + 1}. ${section.heading} (#${section.anchor}, ${section.wordCount} words)\n`);
}

if (require.main === module) {
  const [
    endpoint = 'http://127.0.0.1:4000/graphql',
    categorySlug = 'Engineering',
    articleSlug = 'Engineering/Backend/GraphQL/schema-first-vs-code-first',
  ] = process.argv.slice(2);
  main(endpoint, categorySlug, articleSlug).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
