/** Starts the real server on a free port against the fixture site and talks to it over HTTP. */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { ContentStore } from '../../src/content/content-store';
import type { Category } from '../../src/content/model';
import type { RunningServer, ServerOptions } from '../../src/server';
import { startServerUnderTest } from './server';
import type { Json } from './json';

export const FIXTURE_ROOT = 'tests/fixtures/site';

export interface ExpectedFile {
  slug: string;
  path: string;
  served: boolean;
  title: string;
  date: string | null;
  updated: string | null;
  language: string | null;
  tags: string[];
  author: string | null;
  categories: string[][];
  sections: number;
  headings?: string[];
  hasLead: boolean | null;
  moreExcerpt: string | null;
  /** `src` of each image, in document order. */
  images: string[];
}

export interface ExpectedSite {
  summary: { served: number; errors: number; sections: number };
  dateDescOrder: string[];
  /** The fixture's categories as the content model has them. */
  categories: Category[];
  authors: { name: string; slugized: string; articleCount: number }[];
  tags: { name: string; slugized: string; articleCount: number }[];
  files: ExpectedFile[];
}

export const expected: ExpectedSite = JSON.parse(readFileSync('tests/fixtures/site.expected.json', 'utf8'));
export const servedFiles = expected.files.filter((file) => file.served);

export interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLBody {
  data?: Json;
  errors?: GraphQLErrorBody[];
  extensions?: Record<string, unknown>;
}

export interface TestServer extends RunningServer {
  /** POSTs a query and returns the parsed body, whatever the status. */
  request(query: string, variables?: Record<string, unknown>): Promise<GraphQLBody>;
  /** POSTs a query and returns `data`, failing the test on any error. */
  data(query: string, variables?: Record<string, unknown>): Promise<Json>;
}

export async function startTestServer(overrides: Partial<ServerOptions> = {}): Promise<TestServer> {
  const server = await startServerUnderTest({
    content: ContentStore.open(FIXTURE_ROOT),
    port: 0,
    debug: true,
    logger: pino({ level: 'silent' }),
    ...overrides,
  });
  await server.ready;
  const request = async (query: string, variables?: Record<string, unknown>): Promise<GraphQLBody> => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLBody;
  };
  return {
    ...server,
    request,
    async data(query, variables) {
      const body = await request(query, variables);
      if (body.errors) throw new Error(`unexpected errors: ${JSON.stringify(body.errors, null, 2)}`);
      return body.data;
    },
  };
}

/** Runs `use` against a server without debug output, and stops the server whatever happens. */
export async function withTestServer<T>(overrides: Partial<ServerOptions>, use: (server: TestServer) => Promise<T>): Promise<T> {
  const server = await startTestServer({ debug: false, ...overrides });
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}

/** The `BAD_USER_INPUT` error of a response, failing when there is none. */
export function badUserInputMessage(body: GraphQLBody): string {
  const error = body.errors?.find((candidate) => candidate.extensions?.code === 'BAD_USER_INPUT');
  if (!error) throw new Error(`expected a BAD_USER_INPUT error, got ${JSON.stringify(body)}`);
  return error.message;
}
