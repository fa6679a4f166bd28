/**
 * The fast reader for simple front matter must give exactly what the full YAML reader gives, or
 * nothing. Checked over the generated corpus, the fixture site and randomly assembled blocks
 * full of the edge cases a line-based reader could get wrong.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { generatePosts } from '../../bench/corpus/generate';
import { createRandom, type Random } from '../../bench/corpus/random';
import { parseFullYaml, TEXT_KEYS } from '../../src/content/front-matter/bounded-yaml';
import { parseSimpleYaml } from '../../src/content/front-matter/simple-yaml';

const FIXTURE_SITE = path.resolve(__dirname, '..', 'fixtures', 'site');
const MAX_DEPTH = 32;

/** The block as the splitter hands it over: from the end of the opening line to before the closing one. */
function frontMatterBlock(source: string): string | null {
  return /^\s*---[^\n]*(\n[\s\S]*?)\n---/.exec(source)?.[1] ?? null;
}

function markdownFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const entryPath = path.join(directory, entry.name);
    if (entry.isDirectory()) return markdownFiles(entryPath);
    return entry.name.endsWith('.md') ? [entryPath] : [];
  });
}

/** Fails unless the fast reader declines the block or agrees with the full reader on value and key order. */
function expectSameAsFullReader(block: string): boolean {
  const simple = parseSimpleYaml(block, TEXT_KEYS);
  if (simple === null) return false;
  const full = parseFullYaml(block, MAX_DEPTH);
  if (!full.ok || full.warnings.length > 0)
    throw new Error(`fast reader accepted ${JSON.stringify(block)}, full reader: ${JSON.stringify(full)}`);
  expect({ block, value: simple }).toStrictEqual({ block, value: full.value });
  expect(JSON.stringify(simple)).toBe(JSON.stringify(full.value));
  return true;
}

const KEYS = [
  'title',
  'author',
  'categories',
  'tags',
  'tag',
  'date',
  'headimg',
  'thumbnail',
  'comments',
  'published',
  'x_y-z',
  'null',
  'True',
  '__proto__',
  'constructor',
  'toString',
  'a',
];
const SCALARS = [
  'plain words',
  'The Open Weekly',
  '社区',
  '【标题】测试',
  'ああ  ああ',
  "O'Brien",
  'say "hi"',
  'C#',
  'a # comment',
  'a:b',
  'a: b',
  'ends:',
  'https://example.com/a.jpg',
  "'https://example.com/a.jpg'",
  "''",
  "'it''s'",
  "'''",
  "'a'b'",
  "'unclosed",
  "'x' trailing",
  "'x'   ",
  '"double"',
  '"with \\" escape"',
  '"a"b"',
  '""',
  '2017-12-15 06:28:25',
  '2021-08-10T16:36:28.000Z',
  'Tue, 01 Jan 2019 00:00:00 GMT',
  'Invalid Date',
  'true',
  'False',
  'TRUE',
  'yes',
  'no',
  'on',
  '~',
  'null',
  'Null',
  'NULL',
  'nULL',
  '8.6',
  '1.10',
  '007',
  '0x1F',
  '0o17',
  '+1',
  '-1',
  '.5',
  '1e3',
  '.inf',
  '-.Inf',
  '.nan',
  '1_000',
  '12:30',
  '- item',
  '-x',
  '? q',
  ': c',
  '[a, b]',
  '{a: 1}',
  'a, b',
  'x [y] {z}',
  '&anchor v',
  '*alias',
  '!tag v',
  '!!str 1',
  '| block',
  '> folded',
  '%d',
  '@user',
  '`tick`',
  'tab\there',
  'ideographic\u3000',
  '\u3000lead',
  'nbsp\u00a0',
  'zero\u200bwidth',
  'emoji 🎉',
  'a\u0085b',
  'bom\ufeff',
  'del\u007f',
  ' spaced',
  'trailing  ',
  '',
  '...',
  '---x',
  '#',
];
const INDENTS = ['', ' ', '  ', '    '];

function randomLine(random: Random): string {
  switch (random.int(0, 9)) {
    case 0:
      return `${random.pick(KEYS)}:`;
    case 1:
      return `${random.pick(KEYS)}: `;
    case 2:
    case 3:
      return `${random.pick(INDENTS)}- ${random.pick(SCALARS)}`;
    case 4:
      return random.pick(['', ' ', '   ', '# comment', '  # indented comment', '\t', 'plain line', '...', '-', '- ', '  -']);
    case 5:
      return `${random.pick(INDENTS)}${random.pick(KEYS)}: ${random.pick(SCALARS)}`;
    default:
      return `${random.pick(KEYS)}:${random.pick([' ', '  ', ''])}${random.pick(SCALARS)}`;
  }
}

describe('parseSimpleYaml', () => {
  it('reads every generated post like the full reader does', () => {
    let count = 0;
    for (const post of generatePosts({ articles: 400, seed: 11 })) {
      const block = frontMatterBlock(post.text);
      expect(block).not.toBeNull();
      expect(expectSameAsFullReader(block as string)).toBe(true);
      count++;
    }
    expect(count).toBe(400);
  });

  it('reads the fixture posts like the full reader does, or leaves them to it', () => {
    const blocks = markdownFiles(FIXTURE_SITE).flatMap((file) => frontMatterBlock(readFileSync(file, 'utf8')) ?? []);
    expect(blocks.length).toBeGreaterThan(20);
    const accepted = blocks.filter(expectSameAsFullReader).length;
    expect(accepted).toBeGreaterThan(blocks.length / 2);
  });

  it('agrees with the full reader on randomly assembled blocks full of edge cases', () => {
    const random = createRandom(20240611);
    let accepted = 0;
    for (let round = 0; round < 20000; round++) {
      const lines = Array.from({ length: random.int(1, 5) }, () => randomLine(random));
      if (expectSameAsFullReader(`\n${lines.join('\n')}`)) accepted++;
    }
    // Enough accepted blocks for the agreement to mean something.
    expect(accepted).toBeGreaterThan(1000);
  });

  it.each([
    ['a flow list', '\ntags: [a, b]'],
    ['an anchor and an alias', '\nbase: &b x\ncopy: *b'],
    ['a duplicate key', '\ntitle: a\ntitle: b'],
    ['a multi-line plain title', '\ntitle: first\n  second'],
    ['a multi-line quoted title', "\ntitle: 'first\nsecond'"],
    ['CRLF line ends', '\r\ntitle: x\r'],
    ['a number', '\nrating: 8.6'],
    ['an empty block', '\n\n  \n'],
    ['a comment', '\n# note\ntitle: x'],
    ['a list under a key with a value', '\ntitle: x\n - y'],
    ['items at two indentations', '\ntags:\n - a\n  - b'],
    ['a __proto__ key', '\n__proto__: x'],
  ])('leaves %s to the full reader', (_name, block) => {
    expect(parseSimpleYaml(block, TEXT_KEYS)).toBeNull();
  });

  it('keeps scalars of name keys as written, like the full reader', () => {
    const block = '\ntitle: true\ncategories:\n- TRUE\n- ~\ncomments: false';
    expect(parseSimpleYaml(block, TEXT_KEYS)).toEqual({ title: 'true', categories: ['TRUE', null], comments: false });
    expect(expectSameAsFullReader(block)).toBe(true);
  });
});
