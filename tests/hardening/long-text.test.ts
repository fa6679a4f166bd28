/**
 * Word counts of very long texts. `Intl.Segmenter` slows down far faster than the length of its
 * input (a minute or more for one string of 65,536 Han characters in Node 20), so bodies are
 * segmented piece by piece and counted where they are parsed: a request for the counts of a post of
 * 300,000 Han characters is answered from the parsed record, right, while the server keeps
 * answering others.
 */
import { ContentStore } from '../../src/content/content-store';
import { startTestServer, type TestServer } from '../helpers/harness';
import { makeTree, post } from '../helpers/temp-tree';

const WORDS = [
  '数据',
  '开源',
  '发布',
  '版本',
  '长期',
  '支持',
  '社区',
  '开发者',
  '服务器',
  '性能',
  '测试',
  '文档',
  '用户',
  '系统',
  '网络',
  '安全',
  '更新',
  '问题',
  '方案',
  '团队',
  '项目',
  '代码',
  '工具',
  '平台',
  '设计',
  '城市',
];
const HAN_CHARACTERS = 300_000;
const SENTENCES_PER_PARAGRAPH = 20;
const HEADING = '第一节';
const SLUG = 'long/chinese';

const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

/** Sentences of eight words each, ending with a full stop, until the text holds `characters` Han characters. */
function sentences(characters: number): string[] {
  const result: string[] = [];
  let written = 0;
  for (let index = 0; written < characters; index++) {
    let sentence = '';
    for (let word = 0; word < 8 && written + sentence.length < characters; word++) {
      sentence += WORDS[(index * 7 + word * 3) % WORDS.length];
    }
    sentence = sentence.slice(0, characters - written);
    written += sentence.length;
    result.push(`${sentence}。`);
  }
  return result;
}

function paragraphs(lines: readonly string[]): string {
  const result: string[] = [];
  for (let index = 0; index < lines.length; index += SENTENCES_PER_PARAGRAPH) {
    result.push(lines.slice(index, index + SENTENCES_PER_PARAGRAPH).join(''));
  }
  return result.join('\n\n');
}

/** Counts of short pieces of text, each segmented on its own, which is quick. */
function countsOf(pieces: readonly string[]): { words: number; characters: number; han: number } {
  let words = 0;
  let han = 0;
  for (const piece of pieces) {
    for (const { segment, isWordLike } of segmenter.segment(piece)) {
      if (!isWordLike) continue;
      words++;
      han += segment.match(/\p{Script=Han}/gu)?.length ?? 0;
    }
  }
  const characters = pieces.reduce((sum, piece) => sum + Array.from(piece.replace(/\s/g, '')).length, 0);
  return { words, characters, han };
}

const leadSentences = sentences(1_000);
const sectionSentences = sentences(HAN_CHARACTERS - 1_000 - HEADING.length);

let server: TestServer;
let remove: () => Promise<void>;

beforeAll(async () => {
  const body = `${paragraphs(leadSentences)}\n\n### ${HEADING}\n\n${paragraphs(sectionSentences)}\n`;
  const tree = await makeTree({ [`${SLUG}.md`]: post('长文', body) });
  remove = tree.remove;
  server = await startTestServer({ content: ContentStore.open(tree.root) });
});

afterAll(async () => {
  await server.close();
  await remove();
});

it('counts the words, characters and reading time of 300,000 Han characters, while the server answers others', async () => {
  const [body, health] = await Promise.all([
    server.data('query($slug: String!) { article(slug: $slug) { wordCount characterCount readingTimeMinutes sections { wordCount } } }', {
      slug: SLUG,
    }),
    fetch(new URL('/healthz', server.url)),
  ]);
  expect(health.status).toBe(200);

  const whole = countsOf([...leadSentences, HEADING, ...sectionSentences]);
  const section = countsOf([HEADING, ...sectionSentences]);
  expect(whole.han).toBe(HAN_CHARACTERS);
  expect(body.article).toEqual({
    wordCount: whole.words,
    characterCount: whole.characters,
    readingTimeMinutes: Math.ceil(whole.han / 300),
    sections: [{ wordCount: section.words }],
  });
});
