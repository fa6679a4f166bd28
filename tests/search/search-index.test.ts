import { MAX_QUERY_LENGTH, parseQuery, SearchIndex, SearchQueryError, type SearchDocument, type SearchHit } from '../../src/content/search';
import { foldText } from '../../src/content/search/fold';

function doc(slug: string, parts: Partial<Omit<SearchDocument, 'slug'>> = {}): SearchDocument {
  const { title = slug, date = null, lead = null, sections = [] } = parts;
  return { slug, title, date, lead, sections };
}

function indexOf(...docs: SearchDocument[]): SearchIndex {
  const index = new SearchIndex();
  for (const d of docs) index.add(d);
  return index;
}

const slugs = (index: SearchIndex, query: string, candidates?: ReadonlySet<string>) =>
  index.match(query, candidates).map((match) => match.slug);

const marked = (hit: SearchHit) =>
  hit.highlights.flatMap((highlight) => highlight.ranges.map(([start, end]) => highlight.text.slice(start, end)));

const treaty = doc('world/treaty', {
  title: '集体安全条约组织峰会闭幕',
  date: new Date('2024-03-01T00:00:00Z'),
  lead: '哈萨克斯坦共和国总统在阿斯塔纳主持会议。',
  sections: [
    { anchor: '背景', heading: '背景', text: '联合国维和人员部署在边境地区，各方表示欢迎。' },
    { anchor: '反应', heading: '各方反应', text: '分析人士认为数据显示局势趋于稳定。' },
  ],
});

const cafe = doc('food/cafe', {
  title: 'A Café in Zürich',
  date: new Date('2023-05-01T00:00:00Z'),
  lead: 'Ｆｕｌｌ-width letters and an e\u0301 written with a combining accent.',
  sections: [
    { anchor: 'menu', heading: 'Menu', text: 'Espresso, naïve pastries and a NEW-YORK cheesecake.' },
    { anchor: 'security', heading: 'Payments', text: 'Card security is handled by the bank; secure tills only.' },
    { anchor: 'hours', heading: 'Hours', text: 'Open daily. York, new branch opens soon.' },
  ],
});

const mixed = doc('tech/mixed', {
  title: 'Node.js 性能调优笔记',
  date: new Date('2024-01-10T00:00:00Z'),
  lead: '本文记录 e-mail 服务的 node.js 调优过程。',
  sections: [
    { anchor: 'profiling', heading: 'Profiling 工具', text: '使用 --cpu-prof 生成火焰图。数据 仍需 显示 在面板上。' },
    { anchor: 'japanese', heading: '日本語メモ', text: 'テキストエディタで設定を変更しました。' },
    { anchor: 'korean', heading: '한국어 메모', text: '한국어를 배우고 있습니다.' },
  ],
});

describe('folding', () => {
  it('lower-cases, turns full-width into half-width and strips Latin diacritics', () => {
    expect(foldText('ＦＵＬＬ Café ZÜRICH e\u0301')).toBe('full cafe zurich e');
    expect(foldText('集体安全')).toBe('集体安全');
  });

  it('folds documents and queries alike', () => {
    const index = indexOf(cafe, treaty);
    for (const query of ['cafe', 'CAFÉ', 'ｃａｆｅ', 'zurich', 'Zürich', 'full', 'FULL', 'naive', 'e']) {
      expect([query, slugs(index, query)]).toEqual([query, ['food/cafe']]);
    }
  });
});

describe('CJK matching', () => {
  const index = indexOf(treaty, cafe, mixed);

  it.each(['集体安全', '维和人员', '哈萨克斯坦'])('finds %s inside a longer run', (query) => {
    expect(slugs(index, query)).toEqual(['world/treaty']);
  });

  it('finds a single character and a run split differently than typed', () => {
    expect(slugs(index, '和')).toEqual(['world/treaty']);
    expect(slugs(index, '条约组织峰')).toEqual(['world/treaty']);
  });

  it('requires each word of an unspaced run but ranks the run as typed first', () => {
    const apart = doc('apart', {
      title: '数据',
      lead: '报告',
      sections: [{ anchor: 'a', heading: '结论', text: '图表显示增长。' }],
    });
    const together = doc('together', { title: '报告', lead: '数据显示增长。' });
    const ranked = indexOf(apart, together);
    expect(slugs(ranked, '数据显示')).toEqual(['together', 'apart']);
    expect(slugs(ranked, '"数据显示"')).toEqual(['together']);
  });

  it('handles kana and Hangul runs by characters too', () => {
    expect(slugs(index, 'テキスト')).toEqual(['tech/mixed']);
    expect(slugs(index, 'エディタ')).toEqual(['tech/mixed']);
    expect(slugs(index, '한국어')).toEqual(['tech/mixed']);
  });

  it('mixes Latin and CJK in one query', () => {
    expect(slugs(index, 'node.js调优')).toEqual(['tech/mixed']);
    expect(slugs(index, 'profiling 火焰图')).toEqual(['tech/mixed']);
  });
});

describe('query syntax', () => {
  const index = indexOf(treaty, cafe, mixed);

  it('ANDs terms across the whole article', () => {
    expect(slugs(index, 'espresso tills')).toEqual(['food/cafe']);
    expect(slugs(index, 'espresso 维和')).toEqual([]);
  });

  it('matches quoted phrases only with the words adjacent and in order', () => {
    expect(slugs(index, '"new york"')).toEqual(['food/cafe']);
    expect(slugs(index, '"york new"')).toEqual(['food/cafe']);
    expect(slugs(index, '"espresso cheesecake"')).toEqual([]);
    expect(slugs(index, '"card security"')).toEqual(['food/cafe']);
    expect(slugs(index, '"security card"')).toEqual([]);
  });

  it('treats words joined by punctuation as a phrase', () => {
    expect(slugs(index, 'e-mail')).toEqual(['tech/mixed']);
    expect(slugs(index, 'node.js')).toEqual(['tech/mixed']);
    expect(slugs(index, 'mail')).toEqual(['tech/mixed']);
  });

  it('excludes terms and phrases', () => {
    expect(slugs(index, 'security -bank')).toEqual([]);
    expect(slugs(index, 'security -"bank card"')).toEqual(['food/cafe']);
    expect(slugs(index, '安全 -"维和人员"')).toEqual([]);
    expect(slugs(index, '安全 -维和队伍')).toEqual(['world/treaty']);
  });

  it('searches prefixes of whole words only', () => {
    expect(slugs(index, 'secur*')).toEqual(['food/cafe']);
    expect(slugs(index, 'cur*')).toEqual([]);
    expect(marked(index.search('secur*').hits[0])).toEqual(['security', 'secure']);
  });

  it('verifies phrases on the text: any punctuation between the words, never across two fields, whole words only', () => {
    const walked = indexOf(
      doc('gaps', {
        title: 'Release notes',
        sections: [{ anchor: 'a', heading: 'Node — JS; “release”', text: 'w5 w50, w6 — w5 w6 𝐀node js' }],
      }),
      doc('fields', { title: 'Release', lead: 'notes follow' }),
    );
    expect(slugs(walked, '"node js"')).toEqual(['gaps']);
    expect(slugs(walked, '"release notes"')).toEqual(['gaps']);
    expect(slugs(walked, '"w50 w6"')).toEqual(['gaps']);
    expect(slugs(walked, '"w5 w5"')).toEqual([]);
    expect(marked(walked.search('"w5 w6"').hits[0])).toEqual(['w5 w6']);
    // 𝐀 (U+1D400) is a letter outside the BMP: "node" right after it is inside a word.
    expect(marked(walked.search('"node js"').hits[0])).toEqual(['Node — JS']);
    expect(slugs(walked, '"js w5"')).toEqual([]);
  });

  it.each([
    ['', /empty or only punctuation/],
    ['   ', /empty or only punctuation/],
    ['!!! ？。', /empty or only punctuation/],
    ['-espresso', /only excludes/],
    ['a*', /prefix "a\*" is too short/],
    ['x'.repeat(MAX_QUERY_LENGTH + 1), /longer than/],
  ])('rejects %j', (query, message) => {
    expect(() => parseQuery(query)).toThrow(SearchQueryError);
    expect(() => index.search(query)).toThrow(message);
  });
});

describe('ranking', () => {
  it('ranks a title match above a body match', () => {
    const index = indexOf(
      doc('body', { sections: [{ anchor: 'a', heading: 'Notes', text: 'Something about kubernetes clusters.' }] }),
      doc('title', {
        title: 'Kubernetes clusters',
        sections: [{ anchor: 'a', heading: 'Notes', text: 'Something else.' }],
      }),
    );
    expect(slugs(index, 'kubernetes')).toEqual(['title', 'body']);
  });

  it('breaks ties by date, newest first, undated last, then by slug', () => {
    const same = { title: 'Same', lead: 'identical text' };
    const index = indexOf(
      doc('b', { ...same, date: new Date('2020-01-01') }),
      doc('undated-b', same),
      doc('a', { ...same, date: new Date('2020-01-01') }),
      doc('newer', { ...same, date: new Date('2022-01-01') }),
      doc('undated-a', same),
    );
    expect(slugs(index, 'identical')).toEqual(['newer', 'a', 'b', 'undated-a', 'undated-b']);
  });

  it('restricts to candidates', () => {
    const index = indexOf(treaty, cafe, mixed);
    expect(slugs(index, 'the', new Set(['tech/mixed', 'unknown']))).toEqual([]);
    expect(slugs(index, '显示', new Set(['world/treaty']))).toEqual(['world/treaty']);
    expect(slugs(index, '显示')).toEqual(['world/treaty', 'tech/mixed']);
  });

  it('pages with offset and limit in the order of match()', () => {
    const docs = Array.from({ length: 7 }, (_, n) => doc(`p${n}`, { lead: `paging ${'word '.repeat(n)}` }));
    const index = indexOf(...docs);
    const all = slugs(index, 'paging');
    const pages = [0, 3, 6].map((offset) => index.search('paging', { offset, limit: 3 }));
    expect(pages.map((page) => page.total)).toEqual([7, 7, 7]);
    expect(pages.flatMap((page) => page.hits.map((hit) => hit.slug))).toEqual(all);
  });
});

describe('section attribution', () => {
  const index = indexOf(treaty, cafe);

  it('names the only section a term occurs in', () => {
    expect(index.search('维和').hits[0].sectionAnchor).toBe('背景');
    expect(index.search('tills').hits[0].sectionAnchor).toBe('security');
    expect(index.search('payments').hits[0].sectionAnchor).toBe('security');
  });

  it('is null when the best match is in the title or the lead', () => {
    expect(index.search('峰会').hits[0].sectionAnchor).toBeNull();
    expect(index.search('阿斯塔纳').hits[0].sectionAnchor).toBeNull();
  });

  it('prefers the section holding most of the query', () => {
    expect(index.search('york espresso').hits[0].sectionAnchor).toBe('menu');
  });
});

describe('highlights', () => {
  it('escapes the text and marks only the matches', () => {
    const index = indexOf(doc('xss', { lead: 'Watch out: <script>alert("x & y")</script> is just text here.' }));
    const [highlight] = index.search('alert').hits[0].highlights;
    expect(highlight.field).toBe('lead');
    expect(highlight.html).toBe('Watch out: &lt;script&gt;<mark>alert</mark>(&quot;x &amp; y&quot;)&lt;/script&gt; is just text here.');
    expect(highlight.html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('gives ranges into the original text, folded or not', () => {
    const index = indexOf(cafe, treaty);
    expect(marked(index.search('cafe full').hits[0])).toEqual(['Café', 'Ｆｕｌｌ']);
    expect(marked(index.search('e').hits[0])).toContain('e\u0301');
    expect(marked(index.search('"new york"').hits[0])).toEqual(['NEW-YORK']);
    expect(marked(index.search('维和人员').hits[0])).toEqual(['维和人员']);
  });

  it('cuts long text into short excerpts without splitting characters, at most three', () => {
    const long = `${'前言部分的文字'.repeat(12)}𠀋𠀋目标词语出现在这里${'后面还有很多文字'.repeat(12)}`;
    const index = indexOf(
      doc('long', {
        title: '目标词语',
        lead: long,
        sections: ['a', 'b', 'c'].map((anchor) => ({ anchor, heading: anchor, text: `目标词语 ${anchor}` })),
      }),
    );
    const hit = index.search('目标词语').hits[0];
    expect(hit.highlights).toHaveLength(3);
    const excerpt = index.search('"出现在这里"').hits[0].highlights[0];
    expect(excerpt.text.length).toBeLessThanOrEqual(84);
    expect(excerpt.text.startsWith('…') && excerpt.text.endsWith('…')).toBe(true);
    expect(excerpt.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(excerpt.ranges.map(([s, e]) => excerpt.text.slice(s, e))).toEqual(['出现在这里']);
  });

  it('cuts Latin text at spaces and collapses whitespace', () => {
    const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu';
    const index = indexOf(doc('latin', { lead: `${words}\n\n  target   word ${words} ${words}` }));
    const excerpt = index.search('target').hits[0].highlights[0];
    expect(excerpt.text).toMatch(/^… ?[a-z]/);
    expect(excerpt.text).not.toMatch(/\s{2}|\n/);
    const known = new Set([...words.split(' '), 'target', 'word']);
    expect(
      excerpt.text
        .replace(/…/g, '')
        .split(' ')
        .filter((word) => !known.has(word)),
    ).toEqual([]);
    expect(excerpt.ranges.map(([s, e]) => excerpt.text.slice(s, e))).toEqual(['target']);
  });
});

describe('updates', () => {
  it('adds, replaces and removes one article at a time', () => {
    const index = indexOf(treaty, cafe);
    expect(index.size).toBe(2);
    index.add(doc('food/cafe', { title: 'Tea house', lead: 'Oolong and pu-erh.' }));
    expect(index.size).toBe(2);
    expect(slugs(index, 'espresso')).toEqual([]);
    expect(slugs(index, 'oolong')).toEqual(['food/cafe']);
    index.remove('food/cafe');
    index.remove('never-added');
    expect(index.size).toBe(1);
    expect(slugs(index, 'oolong')).toEqual([]);
    expect(slugs(index, 'oolo*')).toEqual([]);
    index.add(mixed);
    expect(slugs(index, '显示')).toEqual(['world/treaty', 'tech/mixed']);
    expect(slugs(index, 'prof*')).toEqual(['tech/mixed']);
  });

  it('gives the same answers after removals as when built fresh', () => {
    const extra = Array.from({ length: 5 }, (_, n) => doc(`extra${n}`, { lead: `安全 security 第${n}篇` }));
    const updated = indexOf(treaty, ...extra, cafe);
    for (const d of extra) updated.remove(d.slug);
    const fresh = indexOf(treaty, cafe);
    for (const query of ['安全', 'security', 'secur*', '集体安全', 'the']) {
      expect(updated.match(query)).toEqual(fresh.match(query));
    }
  });
});
