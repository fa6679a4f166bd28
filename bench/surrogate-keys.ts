/**
 * What collecting surrogate keys (`--cdn-max-age`) costs an answer: the page of 20 article
 * cards of `bench/operations.ts`, executed in process with graphql-js on the test fixture site,
 * alternating in batches so that all see the same machine, three ways:
 *
 * - `off`: the schema without recording, as without `--cdn-max-age`;
 * - `skipped`: the recording schema, for an answer no cache keeps (a POST with `--cdn-max-age`),
 *   which collects nothing;
 * - `on`: the recording schema collecting, and the `Surrogate-Key` header written, as for a GET.
 *
 * Prints the mean time of each and their ratios to `off`.
 *
 *   npm run build && tsc -p bench/tsconfig.json && node bench/dist/bench/surrogate-keys.js [--iterations N]
 */
import 'reflect-metadata';
import { execute, parse, type GraphQLSchema } from 'graphql';
import { SiteLinks } from '../src/content/links';
import { ContentStore } from '../src/content/content-store';
import { DEFAULT_GRAPHQL_SETTINGS, createRequestContext } from '../src/graphql/context';
import { gatewaySchema } from '../src/graphql/schema';
import { benchArgs, wholeNumber, type BenchCommand, type BenchFlags } from './cli-args';
import { ARTICLES_PAGE } from './operations';

const COMMAND = {
  about: 'What collecting surrogate keys costs a page of 20 article cards: off, skipped and on, as ratios to off.',
  flags: { iterations: { type: 'string', default: '20000', value: 'N', help: 'executions of each way' } },
} satisfies BenchCommand<BenchFlags>;

const BATCH = 200;

interface Mode {
  schema: GraphQLSchema;
  /** The CDN setting. */
  surrogateKeys: boolean;
  /** Whether the request's answer may be kept. */
  keepable: boolean;
}

async function main(): Promise<void> {
  const iterations = wholeNumber(benchArgs(COMMAND).iterations, 'iterations', 1);
  const store = await ContentStore.open('tests/fixtures/site');
  // As the server builds them: the fields record keys only in the schema built for a CDN.
  const plain = await gatewaySchema();
  const recording = await gatewaySchema({ surrogateKeys: true });
  const modes: Record<'off' | 'skipped' | 'on', Mode> = {
    off: { schema: plain, surrogateKeys: false, keepable: true },
    skipped: { schema: recording, surrogateKeys: true, keepable: false },
    on: { schema: recording, surrogateKeys: true, keepable: true },
  };
  const document = parse(ARTICLES_PAGE);
  const links = new SiteLinks({ siteUrl: () => 'http://localhost', permalink: ':year/:month/:day/:title/', timeZone: 'UTC' });
  const contextOf = (mode: Mode) =>
    createRequestContext(store, { ...DEFAULT_GRAPHQL_SETTINGS, links, surrogateKeys: mode.surrogateKeys }, mode.keepable);
  const run = async (mode: Mode): Promise<number> => {
    const started = performance.now();
    for (let index = 0; index < BATCH; index++) {
      const contextValue = contextOf(mode);
      const result = await execute({ schema: mode.schema, document, contextValue });
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      contextValue.surrogateKeys?.header();
    }
    return performance.now() - started;
  };
  const totals = { off: 0, skipped: 0, on: 0 };
  for (let done = 0; done < iterations; done += BATCH) {
    for (const name of ['off', 'skipped', 'on'] as const) totals[name] += await run(modes[name]);
  }
  const header = contextOf(modes.on);
  await execute({ schema: recording, document, contextValue: header });
  const perAnswer = (total: number) => Math.round((total / iterations) * 1000);
  const ratio = (total: number) => Math.round((total / totals.off) * 1000) / 1000;
  console.log(
    JSON.stringify(
      {
        iterations,
        offMicroseconds: perAnswer(totals.off),
        skippedMicroseconds: perAnswer(totals.skipped),
        onMicroseconds: perAnswer(totals.on),
        skippedRatio: ratio(totals.skipped),
        ratio: ratio(totals.on),
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
