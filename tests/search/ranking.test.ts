/** A page of hits is exactly the head of the full ranking, whatever shortcuts the page takes. */
import { SearchIndex, type SearchDocument } from '../../src/content/search';
import { foldText, foldWithOffsets, foldsUnitForUnit } from '../../src/content/search/fold';

function doc(slug: string, title: string, text: string, day = 1): SearchDocument {
  return {
    slug,
    title,
    date: new Date(Date.UTC(2024, 0, day)),
    lead: null,
    sections: [{ anchor: 'body', heading: 'Body', text }],
  };
}

/** Deterministic pseudo-random numbers, so the corpus is the same on every run. */
function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = ['港口', '渡轮', '码头', '灯塔', '潮汐', '船员', '货运', '航线', '晨雾', '海鸥', '引水', '锚地'];
const ENGLISH = ['harbour', 'ferry', 'tide', 'crew', 'lighthouse', 'cargo', 'route', 'fog'];

function generatedIndex(size: number): SearchIndex {
  const random = randomSource(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const index = new SearchIndex();
  for (let number = 0; number < size; number++) {
    const parts: string[] = [];
    const length = 3 + Math.floor(random() * 30);
    for (let part = 0; part < length; part++) parts.push(random() < 0.7 ? pick(WORDS) : ` ${pick(ENGLISH)} `);
    index.add(doc(`post-${number}`, `${pick(WORDS)}${pick(WORDS)}`, parts.join(random() < 0.5 ? '' : '，'), 1 + (number % 5)));
  }
  index.compact();
  return index;
}

describe('SearchIndex.search pages', () => {
  const index = generatedIndex(400);
  const queries = ['港口渡轮', '码头灯塔 潮汐', '渡轮', '港口 -灯塔', '"航线晨雾"', 'harbour ferry', '海鸥引水锚地', 'cargo 货运船员'];

  it.each(queries)('gives the head of the full ranking for %s', (query) => {
    const ranking = index.match(query);
    for (const [offset, limit] of [
      [0, 1],
      [0, 20],
      [7, 5],
      [30, 10],
      [0, 1000],
    ] as const) {
      const { total, hits } = index.search(query, { offset, limit });
      expect(total).toBe(ranking.length);
      expect(hits.map(({ slug, score }) => ({ slug, score }))).toEqual(ranking.slice(offset, offset + limit));
    }
  });

  it('counts the matches of an empty page', () => {
    const { total, hits } = index.search('渡轮', { limit: 0 });
    expect(total).toBe(index.match('渡轮').length);
    expect(hits).toEqual([]);
  });
});

describe('exact-run boost', () => {
  const index = new SearchIndex();
  index.add(doc('as-typed', '天气', '今天数据中心停电了吗。'));
  index.add(doc('pairs-apart', '天气', '今天数据据中中心停电。'));
  index.add(doc('two-chars', '天气', '开源项目，今天数据中心停电。'));
  index.add(doc('split', '天气', '开放源头，今天数据中心停电。'));

  it('raises only articles that contain a run exactly as typed', () => {
    const scores = new Map(index.search('数据中心').hits.map(({ slug, score }) => [slug, score]));
    expect(scores.get('as-typed')! / scores.get('pairs-apart')!).toBeCloseTo(1.5);
  });

  it('applies a two-character run as typed, and not one split by other characters', () => {
    const [first] = index.search('开源 数据中心', { limit: 1 }).hits;
    expect(first.slug).toBe('two-chars');
    expect(index.match('开源 数据中心').map((hit) => hit.slug)).toEqual(['two-chars', 'split']);
  });
});

describe('highlights through folding', () => {
  it('maps folded offsets back to the original text', () => {
    const original = 'Ｔhe ﬁle cafe\u0301 𝐀 𠀀x';
    const { text, sourceStart, sourceEnd } = foldWithOffsets(original);
    expect(text).toBe(foldText(original));
    expect(text).toBe('the file cafe a 𠀀x');
    expect([sourceStart[4], sourceEnd[4], sourceStart[5], sourceEnd[5]]).toEqual([4, 5, 4, 5]);
    expect(sourceEnd[12]).toBe(13);
    expect([sourceStart[14], sourceEnd[14]]).toEqual([14, 16]);
    expect([sourceStart[16], sourceEnd[17]]).toEqual([17, 19]);
  });

  it('tells when offsets need no mapping', () => {
    expect(foldsUnitForUnit('The Café 渡轮 𠀀')).toBe(true);
    expect(foldsUnitForUnit('ﬁle')).toBe(false);
    expect(foldsUnitForUnit('cafe\u0301')).toBe(false);
    expect(foldsUnitForUnit('𝐀')).toBe(false);
  });

  it('marks the original characters of a match', () => {
    const index = new SearchIndex();
    index.add(doc('ligature', 'The ﬁle room', 'A Café by the ﬁle room, then 𠀀渡轮.'));
    const [hit] = index.search('file cafe 渡轮').hits;
    const marked = hit.highlights.map((highlight) => highlight.html);
    expect(marked).toContain('The <mark>ﬁle</mark> room');
    expect(marked).toContain('A <mark>Café</mark> by the <mark>ﬁle</mark> room, then 𠀀<mark>渡轮</mark>.');
  });
});
