/**
 * What collecting surrogate keys (`--cdn-max-age`) costs an answer: the page of 20 article
 * cards of `bench/operations.ts`, executed in process with graphql-js on the test fixture site,
 * with the collection off and on (the `Surrogate-Key` header written each time), alternating
 * in batches so that both see the same machine. Prints the mean time of each and the ratio.
 *
 *   npm run build && tsc -p bench/tsconfig.json && node bench/dist/bench/surrogate-keys.js [--iterations N]
 */
import 'reflect-metadata';
import { execute, parse } from 'graphql';
import { parseArgs } from 'node:util';
import { SiteLinks } from '../src/content/links';
import { ContentStore } from '../src/content/content-store';
import { DEFAULT_GRAPHQL_SETTINGS, createRequestContext, type GraphQLSettings } from '../src/graphql/context';
import { gatewaySchema } from '../src/graphql/schema';
import { ARTICLES_PAGE } from './operations';

const BATCH = 200;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { iterations: { type: 'string' } } });
  const iterations = Number(values.iterations ?? 20_000);
  const store = await ContentStore.open('tests/fixtures/site');
  const schema = await gatewaySchema();
  const document = parse(ARTICLES_PAGE);
  const links = new SiteLinks({ siteUrl: () => 'http://localhost', permalink: ':year/:month/:day/:title/', timeZone: 'UTC' });
  const settings = (surrogateKeys: boolean): GraphQLSettings => ({ ...DEFAULT_GRAPHQL_SETTINGS, links, surrogateKeys });
  const run = async (surrogateKeys: boolean): Promise<number> => {
    const started = performance.now();
    for (let index = 0; index < BATCH; index++) {
      const contextValue = createRequestContext(store, settings(surrogateKeys));
      const result = await execute({ schema, document, contextValue });
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      contextValue.surrogateKeys?.header();
    }
    return performance.now() - started;
  };
  const totals = { off: 0, on: 0 };
  for (let done = 0; done < iterations; done += BATCH) {
    totals.off += await run(false);
    totals.on += await run(true);
  }
  const header = createRequestContext(store, settings(true));
  await execute({ schema, document, contextValue: header });
  const perAnswer = (total: number) => Math.round((total / iterations) * 1000);
  console.log(
    JSON.stringify(
      {
        iterations,
        offMicroseconds: perAnswer(totals.off),
        onMicroseconds: perAnswer(totals.on),
        ratio: Math.round((totals.on / totals.off) * 1000) / 1000,
        headerBytes: Buffer.byteLength(header.surrogateKeys?.header() ?? ''),
      },
      null,
      2,
    ),
  );
}

// The parse pool's threads would keep the process alive.
main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
