/**
 * What `Article.related` costs one article, in-process: `snapshot.relatedArticles` for 100
 * articles spread over the list on a fresh snapshot, then the same again warm.
 *
 *   node bench/dist/bench/related-cost.js --content bench/corpus-out/10000
 */
import { parseArgs } from 'node:util';
import { ContentStore } from '../src/content/content-store';

function millisecondsPerCall(run: () => void, calls: number): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6 / calls;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { content: { type: 'string' }, articles: { type: 'string', default: '100' } } });
  if (values.content === undefined) throw new Error('usage: related-cost.js --content DIR [--articles N]');
  const snapshot = (await ContentStore.open(values.content)).current();
  const all = snapshot.findArticles({}, 'DATE_DESC');
  const count = Math.min(Number(values.articles), all.length);
  const slugs = Array.from({ length: count }, (_, index) => all[Math.floor((index * all.length) / count)]?.slug ?? '');
  const askEach = () => {
    for (const slug of slugs) snapshot.relatedArticles([slug]);
  };
  const fresh = millisecondsPerCall(askEach, count);
  const warm = millisecondsPerCall(askEach, count);
  console.log(`${all.length} articles: related per article ${fresh.toFixed(2)} ms fresh, ${warm.toFixed(3)} ms warm`);
  process.exit(0);
}

void main();
