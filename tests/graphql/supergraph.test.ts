/**
 * The subgraph composes into a supergraph: with a second subgraph, written here, that gives
 * `Article` a field of its own, composed in-process and served by Apollo's JavaScript gateway,
 * one query reads fields of both.
 */
import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { startTestServer, type GraphQLBody, type TestServer } from '../helpers/harness';

const SLUG = 'Engineering/Backend/idempotency-keys';

/** A subgraph of reading figures: it knows articles only by their key. */
const READERS_SDL = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Article @key(fields: "id") {
    id: ID!
    readerCount: Int!
  }
`);

interface Started {
  url: string;
  stop(): Promise<void>;
}

async function serveStandalone(server: ApolloServer): Promise<Started> {
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}

describe('a supergraph of the content subgraph and another', () => {
  let content: TestServer | undefined;
  let readers: Started | undefined;
  let gateway: Started | undefined;
  /** Reader counts by article id, as the second subgraph serves them. */
  const readerCounts = new Map<string, number>();

  beforeAll(async () => {
    content = await startTestServer({ subgraph: true, debug: false });
    const { articles } = await content.data('{ articles(first: 5) { nodes { id slug } } }');
    articles.nodes.forEach(({ id }: { id: string }, index: number) => readerCounts.set(id, 100 + index));
    readers = await serveStandalone(
      new ApolloServer({
        plugins: [ApolloServerPluginInlineTraceDisabled()],
        schema: buildSubgraphSchema({
          typeDefs: READERS_SDL,
          resolvers: {
            Article: {
              __resolveReference: (reference: { id: string }) => reference,
              readerCount: ({ id }: { id: string }) => readerCounts.get(id) ?? 0,
            },
          },
        }),
      }),
    );
    const composed = composeServices([
      { name: 'content', url: content.url, typeDefs: parse(readFileSync('schema/subgraph.graphql', 'utf8')) },
      { name: 'readers', url: readers.url, typeDefs: READERS_SDL },
    ]);
    if (composed.errors) throw new Error(`composition failed: ${composed.errors.map(String).join('\n')}`);
    gateway = await serveStandalone(new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl }) }));
  });
  afterAll(async () => {
    await gateway?.stop();
    await readers?.stop();
    await content?.close();
  });

  async function throughGateway(query: string): Promise<GraphQLBody> {
    const response = await fetch(gateway!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as GraphQLBody;
  }

  it('answers a query that needs fields of both subgraphs', async () => {
    const body = await throughGateway(`{ article(slug: "${SLUG}") { slug title readerCount author { name } } }`);
    expect(body.errors).toBeUndefined();
    const direct = await content!.data(`{ article(slug: "${SLUG}") { id title author { name } } }`);
    expect(body.data.article).toEqual({
      slug: SLUG,
      title: direct.article.title,
      author: direct.article.author,
      readerCount: readerCounts.get(direct.article.id) ?? 0,
    });
  });

  it('joins every article of a page with its field from the other subgraph', async () => {
    const body = await throughGateway('{ articles(first: 5) { nodes { id readerCount } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.articles.nodes).toEqual([...readerCounts].map(([id, readerCount]) => ({ id, readerCount })));
  });
});
