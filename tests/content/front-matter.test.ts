import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import matter from 'gray-matter';
import { normaliseMeta, splitFrontMatter, type FileDiagnostic, type MetaContext, type SplitResult } from '../../src/content/front-matter';

const LIMITS = { maxFrontMatterBytes: 64 * 1024, maxFrontMatterDepth: 32 };
const split = (source: string, limits = LIMITS): SplitResult => splitFrontMatter(source, limits);
const MODIFIED_AT = new Date('2024-05-06T07:08:09Z');
const context = (overrides: Partial<MetaContext> = {}): MetaContext => ({
  fileStem: 'my-post',
  timeZone: 'UTC',
  updatedOption: 'date',
  modifiedAt: MODIFIED_AT,
  ...overrides,
});
const meta = (data: Record<string, unknown>, timeZone = 'UTC') => normaliseMeta(data, context({ timeZone }));
const codes = (diagnostics: FileDiagnostic[]) => diagnostics.map((diagnostic) => diagnostic.code);

function expectOk(result: SplitResult): Extract<SplitResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.diagnostics)}`);
  return result;
}

function expectError(result: SplitResult, code: string): FileDiagnostic {
  expect(result.ok).toBe(false);
  const [diagnostic] = result.diagnostics;
  expect(diagnostic).toMatchObject({ severity: 'error', code });
  return diagnostic;
}

describe('splitFrontMatter: delimiters and positions', () => {
  it('splits YAML front matter from the body and says where the body starts', () => {
    const result = expectOk(split('---\ntitle: Hello\ncomments: false\n---\nFirst line\nSecond line\n'));
    expect(result.data).toEqual({ title: 'Hello', comments: false });
    expect(result.body).toBe('First line\nSecond line\n');
    expect(result.bodyLine).toBe(5);
    expect(result.diagnostics).toEqual([]);
  });

  it('accepts a BOM before the opening delimiter', () => {
    const result = expectOk(split('\uFEFF---\ntitle: With BOM\n---\nBody'));
    expect(result.data).toEqual({ title: 'With BOM' });
    expect(result.body).toBe('Body');
    expect(result.bodyLine).toBe(4);
  });

  it('accepts blank lines and spaces before the opening delimiter and counts them in line numbers', () => {
    const result = expectOk(split('\n\n   \n  ---\ntitle: Late start\n---\n\nBody'));
    expect(result.data).toEqual({ title: 'Late start' });
    expect(result.body).toBe('\nBody');
    expect(result.bodyLine).toBe(7);
  });

  it('points YAML errors at the line of the real file', () => {
    const diagnostic = expectError(split('\n\n---\ntitle: fine\nauthor: [unclosed\n---\nBody'), 'FRONT_MATTER_INVALID');
    expect(diagnostic.line).toBe(5);
    expect(diagnostic.message).toMatch(/^YAML: /);
  });

  it('treats a file without front matter as all body', () => {
    const source = '\n# Just markdown\n\n---\n\nafter a rule\n';
    expect(split(source)).toEqual({ ok: true, data: {}, body: source, bodyLine: 1, diagnostics: [] });
    expect(split('')).toEqual({ ok: true, data: {}, body: '', bodyLine: 1, diagnostics: [] });
  });

  it('reads a line of four dashes as a rule in the body, not as front matter', () => {
    const source = '----\ntitle: no\n----\n';
    expect(expectOk(split(source)).body).toBe(source);
  });

  it('accepts empty front matter', () => {
    const result = expectOk(split('---\n---\nBody'));
    expect(result.data).toEqual({});
    expect(result.body).toBe('Body');
    expect(result.bodyLine).toBe(3);
  });

  it('handles CRLF line endings', () => {
    const result = expectOk(split('\r\n---\r\ntitle: Windows\r\n---\r\nBody\r\n'));
    expect(result.data).toEqual({ title: 'Windows' });
    expect(result.body).toBe('Body\r\n');
    expect(result.bodyLine).toBe(5);
  });

  it("parses Hexo's brace-less JSON front matter between ;;; lines", () => {
    const result = expectOk(split(';;;\n"title": "From JSON",\n"tags": ["a", "b"]\n;;;\nBody'));
    expect(result.data).toEqual({ title: 'From JSON', tags: ['a', 'b'] });
    expect(result.body).toBe('Body');
    expect(result.bodyLine).toBe(5);
  });

  it('parses JSON front matter that brings its own braces', () => {
    expect(expectOk(split(';;;\n{"title": "Braced"}\n;;;\nBody')).data).toEqual({ title: 'Braced' });
  });

  it('reports invalid JSON with its line when the parser gives a position', () => {
    const diagnostic = expectError(split('\n;;;\n"title": "x",\n"tags" 1\n;;;\n'), 'FRONT_MATTER_INVALID');
    expect(diagnostic.message).toMatch(/^JSON: /);
    expect(diagnostic.message).not.toMatch(/position/);
    expect(diagnostic.line).toBe(4);
  });

  it('reports invalid JSON without quoting the braces it added', () => {
    const diagnostic = expectError(split(';;;\n"tags": [1,]\n;;;\n'), 'FRONT_MATTER_INVALID');
    expect(diagnostic.message).toMatch(/^JSON: /);
    expect(diagnostic.message).not.toContain('{');
    expect(diagnostic.line).toBe(1);
  });

  it('reports front matter that is never closed', () => {
    expect(expectError(split('\n---\ntitle: open\nBody'), 'FRONT_MATTER_UNCLOSED').line).toBe(2);
  });

  it('rejects front matter that is not a mapping', () => {
    expect(expectError(split('---\n- a\n- b\n---\n'), 'FRONT_MATTER_INVALID').message).toMatch(/a list/);
    expect(expectError(split('---\njust words\n---\n'), 'FRONT_MATTER_INVALID').message).toMatch(/string/);
  });

  it("never stores inputs in gray-matter's unbounded cache", () => {
    // Not in gray-matter's typings, but present in its source: every option-less call adds the input here.
    const { cache } = matter as unknown as { cache: Record<string, unknown> };
    const cachedBefore = Object.keys(cache).length;
    split(`---\ntitle: cache probe ${Math.random()}\n---\nBody`);
    expect(Object.keys(cache)).toHaveLength(cachedBefore);
  });
});

describe('splitFrontMatter: nothing is executed', () => {
  const workDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'front-matter-'));
  afterAll(() => {
    fs.rmSync(workDirectory, { recursive: true, force: true });
  });

  it.each(['js', 'javascript'])('refuses ---%s front matter that would write a file', (language) => {
    const target = path.join(workDirectory, `${language}-was-executed`);
    const payload = `{ title: require('fs').writeFileSync(${JSON.stringify(target)}, 'pwned') || 'x' }`;
    const diagnostic = expectError(split(`\n---${language}\n${payload}\n---\nBody`), 'FRONT_MATTER_ENGINE');
    expect(diagnostic.message).toContain(`"${language}"`);
    expect(diagnostic.line).toBe(2);
    expect(fs.existsSync(target)).toBe(false);
  });

  it.each(['coffee', 'toml', 'JSON', 'constructor', '__proto__', 'toString'])(
    'refuses the unknown front-matter language %s',
    (language) => {
      const diagnostic = expectError(split(`---${language}\ntitle = "x"\n---\n`), 'FRONT_MATTER_ENGINE');
      expect(diagnostic.message).toContain(`"${language}"`);
    },
  );

  it.each(['yaml', 'yml'])('accepts the explicit YAML language %s', (language) => {
    expect(expectOk(split(`---${language}\ntitle: x\n---\n`)).data).toEqual({ title: 'x' });
  });
});

describe('splitFrontMatter: bounds', () => {
  it('stops a billion-laughs alias bomb quickly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 10; level += 1) {
      const [name, previous] = [String.fromCharCode(97 + level), String.fromCharCode(96 + level)];
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    // Expanded, these 10 levels would be 9^10 strings: finishing at all proves the budget stopped it.
    expectError(split(`---\n${levels.join('\n')}\n---\n`), 'FRONT_MATTER_ALIASES');
  });

  it('still allows a few ordinary aliases', () => {
    expect(expectOk(split('---\nbase: &b [x, y]\ncopy: *b\n---\n')).data).toEqual({ base: ['x', 'y'], copy: ['x', 'y'] });
  });

  it('rejects front matter larger than maxFrontMatterBytes', () => {
    const source = `---\ntitle: big\nfiller: "${'x'.repeat(64 * 1024)}"\n---\nBody`;
    expect(expectError(split(source), 'FRONT_MATTER_TOO_LARGE').message).toMatch(/65536/);
  });

  it('measures the limit in UTF-8 bytes', () => {
    const source = `---\ntitle: "${'字'.repeat(40)}"\n---\n`;
    expectError(split(source, { ...LIMITS, maxFrontMatterBytes: 100 }), 'FRONT_MATTER_TOO_LARGE');
    expectOk(split(source, { ...LIMITS, maxFrontMatterBytes: 200 }));
  });

  const nested = (levels: number) => `${'['.repeat(levels)}leaf${']'.repeat(levels)}`;

  it('accepts nesting up to maxFrontMatterDepth, the front matter itself being the first level', () => {
    expectOk(split(`---\nvalue: ${nested(31)}\n---\n`));
  });

  it('rejects 33 levels of flow nesting', () => {
    expectError(split(`---\nvalue: ${nested(32)}\n---\n`), 'FRONT_MATTER_TOO_DEEP');
  });

  it('rejects 33 levels of block nesting', () => {
    const lines = Array.from({ length: 33 }, (_, level) => `${'  '.repeat(level)}k${level}:`);
    expectError(split(`---\n${lines.join('\n')} leaf\n---\n`), 'FRONT_MATTER_TOO_DEEP');
  });

  it('rejects extreme nesting quickly instead of exhausting memory', () => {
    expectError(split(`---\nvalue: ${nested(30000)}\n---\n`), 'FRONT_MATTER_TOO_DEEP');
  });

  it('counts nesting added by aliases, and a self-referencing alias as too deep', () => {
    expectError(split(`---\nbase: &b ${nested(20)}\nuse: ${'['.repeat(12)}*b${']'.repeat(12)}\n---\n`), 'FRONT_MATTER_TOO_DEEP');
    expectError(split('---\nloop: &x [*x]\n---\n'), 'FRONT_MATTER_TOO_DEEP');
  });

  it('rejects nesting beyond the limit in JSON too', () => {
    expectError(split(`;;;\n"value": ${JSON.stringify(JSON.parse(nested(40).replace('leaf', '"leaf"')))}\n;;;\n`), 'FRONT_MATTER_TOO_DEEP');
  });

  it('refuses huge runs of blank lines quickly', () => {
    expectError(split(`---\n${'\n'.repeat(60000)}title: x\n---\n`), 'FRONT_MATTER_BLANK_RUN');
  });

  it('accepts ordinary blank lines inside front matter', () => {
    expect(expectOk(split(`---\ntitle: x\n${'\n'.repeat(50)}author: y\n---\n`)).data).toEqual({ title: 'x', author: 'y' });
  });
});

describe('splitFrontMatter: YAML semantics', () => {
  it('keeps an unquoted YAML 1.1 timestamp as text, so normaliseMeta reads it in the configured zone', () => {
    const { data } = expectOk(split('---\ndate: 2021-03-22 04:50:45\nday: 2021-03-22\n---\n'));
    expect(data).toEqual({ date: '2021-03-22 04:50:45', day: '2021-03-22' });
    expect(meta(data, 'Asia/Shanghai').meta.date?.toISOString()).toBe('2021-03-21T20:50:45.000Z');
  });

  it('keeps numbers in name fields as written, and parses them elsewhere', () => {
    const { data } = expectOk(split('---\ntitle: 1.10\ntags: [2021, 0.50]\nrating: 8.6\n---\n'));
    expect(data).toEqual({ title: '1.10', tags: ['2021', '0.50'], rating: 8.6 });
  });

  it('reads booleans the way Hexo users expect (true/false only)', () => {
    expect(expectOk(split('---\ncomments: false\nflag: yes\n---\n')).data).toEqual({ comments: false, flag: 'yes' });
  });

  it('warns about unknown tags and keeps their value as text', () => {
    const result = expectOk(split('---\ntitle: x\ncode: !!js/function "function () {}"\n---\n'));
    expect(result.data).toEqual({ title: 'x', code: 'function () {}' });
    expect(codes(result.diagnostics)).toEqual(['FRONT_MATTER_YAML_WARNING']);
    expect(result.diagnostics[0]?.line).toBe(3);
  });

  it('rejects duplicate keys', () => {
    expectError(split('---\ntitle: a\ntitle: b\n---\n'), 'FRONT_MATTER_INVALID');
  });

  it('keeps a __proto__ key as plain data', () => {
    const { data } = expectOk(split('---\n__proto__: {polluted: true}\n---\n'));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  });
});

describe('splitFrontMatter: legacy posts YAML rejects', () => {
  const legacyTail = [
    'categories: ',
    '    - Art',
    '    - Daily drawing',
    'author: Daily drawing',
    'comments: false',
    'date: 2021-03-22 04:50:45',
    "thumbnail: 'http://example.com/a.jpg'",
  ];

  it('recovers a title wrapped in mirrored quote runs, stripping them, and says so', () => {
    const source = ['', '---', `title: """""""'sketch by someone'"""""""`, ...legacyTail, '---', '', '<div>x</div>'].join('\n');
    const result = expectOk(split(source));
    expect(result.data).toEqual({
      title: 'sketch by someone',
      categories: ['Art', 'Daily drawing'],
      author: 'Daily drawing',
      comments: false,
      date: '2021-03-22 04:50:45',
      thumbnail: 'http://example.com/a.jpg',
    });
    expect(result.bodyLine).toBe(12);
    const [diagnostic] = result.diagnostics;
    expect(diagnostic).toMatchObject({ severity: 'warning', code: 'FRONT_MATTER_RECOVERED', line: 3 });
    expect(diagnostic.message).toMatch(/YAML rejected/);
    expect(diagnostic.message).toContain('"sketch by someone"');
    expect(diagnostic.message).toContain(`"""""""'`);
  });

  it('reads a quoted title that runs over unindented lines as Hexo reads it, line breaks kept', () => {
    const source = ['---', 'title: \'@someone "', '', 'hello  there', '', '"\'', ...legacyTail, '---', 'Body'].join('\n');
    const result = expectOk(split(source));
    expect(result.data['title']).toBe('@someone "\nhello  there\n"');
    expect(result.data['categories']).toEqual(['Art', 'Daily drawing']);
    expect(result.data['date']).toBe('2021-03-22 04:50:45');
    expect(result.diagnostics[0]).toMatchObject({ code: 'FRONT_MATTER_RECOVERED', line: 3 });
    expect(result.diagnostics[0]?.message).toMatch(/Hexo's reader \(js-yaml 4\) accepts it/);
    expect(meta(result.data).meta.title).toBe('@someone "\nhello  there\n"');
  });

  it('refuses what Hexo reads when its aliases expand beyond the block', () => {
    const aliases = [
      'a: &a [x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((key, index) => `${key}: &${key} [${Array(8).fill(`*${'abcdefg'[index]}`).join(', ')}]`),
    ];
    expectError(split(['---', "title: 'broken", 'title line', "'", ...aliases, '---', ''].join('\n')), 'FRONT_MATTER_ALIASES');
  });

  it('keeps a __proto__ key as plain data in what Hexo reads', () => {
    const { data } = expectOk(split("---\ntitle: 'a\nb'\n__proto__: {polluted: true}\n---\n"));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  });

  it('recovers a plain title whose second line is at the margin', () => {
    const result = expectOk(split('---\ntitle: first half\nsecond half\nauthor: me\n---\n'));
    expect(result.data).toEqual({ title: 'first half second half', author: 'me' });
  });

  it('gives up when a key outside the usual ones is present', () => {
    const source = ['---', `title: """'x'"""`, 'layout: post', ...legacyTail, '---', ''].join('\n');
    const diagnostic = expectError(split(source), 'FRONT_MATTER_INVALID');
    expect(diagnostic.line).toBe(2);
    expect(diagnostic.message).toMatch(/^YAML: /);
  });

  it('gives up when the quote runs are not mirrored', () => {
    expectError(split(`---\ntitle: ""'x'"\n---\n`), 'FRONT_MATTER_INVALID');
  });

  it('gives up when the repaired value still does not parse', () => {
    expectError(split(`---\ntitle: 'never closed\nmore text\nauthor: me\n---\n`), 'FRONT_MATTER_INVALID');
  });

  it('gives up on text before the first key', () => {
    expectError(split(`---\nstray words: [\ntitle: """'x'"""\n---\n`), 'FRONT_MATTER_INVALID');
  });

  it('does not recover JSON front matter', () => {
    expectError(split(';;;\n"title": """x"""\n;;;\n'), 'FRONT_MATTER_INVALID');
  });
});

describe('normaliseMeta: title', () => {
  it('decodes HTML entities and trims, keeping the line breaks inside as Hexo does', () => {
    expect(meta({ title: '  &#123;x&#125; &amp; &lt;y&gt;\r\n  on two lines ' }).meta.title).toBe('{x} & <y>\n  on two lines');
  });

  it('leaves text that only resembles an entity alone', () => {
    expect(meta({ title: 'a&copy=b AT&T' }).meta.title).toBe('a&copy=b AT&T');
  });

  it('converts non-string titles to text', () => {
    expect(meta({ title: 42 }).meta.title).toBe('42');
  });

  it.each([[{}], [{ title: '' }], [{ title: '   ' }], [{ title: null }], [{ title: ['a'] }]])(
    'falls back to the file stem with a warning for %j',
    (data) => {
      const { meta: result, diagnostics } = meta(data);
      expect(result.title).toBe('my-post');
      expect(codes(diagnostics)).toEqual(['TITLE_MISSING']);
      expect(diagnostics[0]?.message).toContain('"my-post"');
    },
  );
});

describe('normaliseMeta: dates', () => {
  const dateOf = (value: unknown, timeZone = 'UTC') => meta({ title: 't', date: value }, timeZone).meta.date?.toISOString();

  it('accepts Date objects', () => {
    expect(dateOf(new Date('2021-03-22T04:50:45Z'))).toBe('2021-03-22T04:50:45.000Z');
  });

  it('reads ISO 8601 with an offset as that instant, whatever the zone', () => {
    expect(dateOf('2021-03-22T04:50:45+02:00', 'Asia/Shanghai')).toBe('2021-03-22T02:50:45.000Z');
    expect(dateOf('2021-03-22T04:50:45Z', 'America/New_York')).toBe('2021-03-22T04:50:45.000Z');
  });

  it('reads ISO 8601 without an offset in the configured zone', () => {
    expect(dateOf('2021-03-22T04:50:45', 'Asia/Shanghai')).toBe('2021-03-21T20:50:45.000Z');
  });

  it('reads RFC 1123 dates', () => {
    expect(dateOf('Sun, 09 Jan 2022 04:45:17 GMT', 'Asia/Shanghai')).toBe('2022-01-09T04:45:17.000Z');
  });

  it('reads YYYY-MM-DD HH:mm:ss in the configured zone, including daylight saving time', () => {
    expect(dateOf('2021-03-22 04:50:45')).toBe('2021-03-22T04:50:45.000Z');
    expect(dateOf('2021-03-22 04:50:45', 'Asia/Shanghai')).toBe('2021-03-21T20:50:45.000Z');
    expect(dateOf('2021-07-01 12:00:00', 'Europe/Berlin')).toBe('2021-07-01T10:00:00.000Z');
    expect(dateOf('2021-01-01 12:00:00', 'Europe/Berlin')).toBe('2021-01-01T11:00:00.000Z');
  });

  it("reads Hexo's documented YYYY/M/D H:mm:ss and a bare day in the configured zone", () => {
    expect(dateOf('2013/7/13 20:46:25', 'Asia/Shanghai')).toBe('2013-07-13T12:46:25.000Z');
    expect(dateOf('2013-07-13', 'Asia/Shanghai')).toBe('2013-07-12T16:00:00.000Z');
  });

  it.each([['Invalid Date'], ['yesterday'], ['12:30:00'], [20210322], [new Date(Number.NaN)], [['2021-03-22']]])(
    'turns %j into null with a warning naming the field and value',
    (value) => {
      const { meta: result, diagnostics } = meta({ title: 't', date: value });
      expect(result.date).toBeNull();
      expect(result.updated).toBeNull();
      expect(codes(diagnostics)).toEqual(['DATE_INVALID']);
      expect(diagnostics[0]?.message).toMatch(/^date: /);
      if (typeof value === 'string') expect(diagnostics[0]?.message).toContain(JSON.stringify(value));
    },
  );

  it('leaves missing and empty dates null without a warning', () => {
    expect(meta({ title: 't', date: '' })).toMatchObject({ meta: { date: null, updated: null }, diagnostics: [] });
  });

  it('defaults updated to date', () => {
    expect(meta({ title: 't', date: '2021-03-22 04:50:45' }).meta.updated?.toISOString()).toBe('2021-03-22T04:50:45.000Z');
  });

  it('reads updated on its own when given', () => {
    const { meta: result } = meta({ title: 't', date: '2021-03-22', updated: 'Mon, 22 Mar 2021 10:00:00 GMT' });
    expect(result.updated?.toISOString()).toBe('2021-03-22T10:00:00.000Z');
  });

  it('falls back to date, with a warning, when updated is not a date', () => {
    const { meta: result, diagnostics } = meta({ title: 't', date: '2021-03-22', updated: 'Invalid Date' });
    expect(result.updated?.toISOString()).toBe('2021-03-22T00:00:00.000Z');
    expect(codes(diagnostics)).toEqual(['DATE_INVALID']);
    expect(diagnostics[0]?.message).toMatch(/^updated: "Invalid Date"/);
  });

  it('rejects an unknown time zone, which is a configuration error', () => {
    expect(() => normaliseMeta({ title: 't' }, context({ timeZone: 'Mars/Olympus' }))).toThrow(RangeError);
  });
});

describe('normaliseMeta: categories and tags', () => {
  const categoriesOf = (data: Record<string, unknown>) => meta({ title: 't', ...data }).meta.categories;

  it('reads a string as one hierarchy of one', () => {
    expect(categoriesOf({ categories: ' News ' })).toEqual([['News']]);
  });

  it('reads a list of names as ONE hierarchy, parent first', () => {
    expect(categoriesOf({ categories: ['Media', 'Outlet', 'Section'] })).toEqual([['Media', 'Outlet', 'Section']]);
  });

  it("reads a list containing lists as several hierarchies, like Hexo's setCategories", () => {
    expect(categoriesOf({ categories: ['A', ['B', 'C'], 'D'] })).toEqual([['A'], ['B', 'C'], ['D']]);
  });

  it('trims names, drops empty ones and keeps identical hierarchies once', () => {
    expect(categoriesOf({ categories: [[' A ', '', 'B'], ['A', 'B'], [''], [null], 'C', 'C'] })).toEqual([['A', 'B'], ['C']]);
  });

  it('converts non-string names to text', () => {
    expect(categoriesOf({ categories: [2021, true] })).toEqual([['2021', 'true']]);
  });

  it('reads the category alias when categories is absent', () => {
    const { meta: result } = meta({ title: 't', category: ['A', 'B'] });
    expect(result.categories).toEqual([['A', 'B']]);
    expect(result.extra).toEqual({});
  });

  it('prefers categories over the alias and keeps the alias as data', () => {
    const { meta: result } = meta({ title: 't', categories: 'A', category: 'B' });
    expect(result.categories).toEqual([['A']]);
    expect(result.extra).toEqual({ category: 'B' });
  });

  it('drops names that are not text, with a warning', () => {
    const { meta: result, diagnostics } = meta({ title: 't', categories: ['A', ['B', ['C']], { x: 1 }] });
    expect(result.categories).toEqual([['A'], ['B']]);
    expect(codes(diagnostics)).toEqual(['CATEGORIES_INVALID']);
    expect(diagnostics[0]?.message).toMatch(/dropped 2/);
  });

  it('reads tags from a string or a list, flat, trimmed and deduplicated', () => {
    expect(meta({ title: 't', tags: ' one ' }).meta.tags).toEqual(['one']);
    expect(meta({ title: 't', tags: ['b', ' a', 'b ', '', null, 7, ['c', ['a']]] }).meta.tags).toEqual(['b', 'a', '7', 'c']);
  });

  it('reads the tag alias and warns about tags that are not text', () => {
    const { meta: result, diagnostics } = meta({ title: 't', tag: ['x', { y: 1 }] });
    expect(result.tags).toEqual(['x']);
    expect(codes(diagnostics)).toEqual(['TAGS_INVALID']);
  });
});

describe('normaliseMeta: author, URLs, flags, lang and extra', () => {
  it('reads the author from text or from an object with a name', () => {
    expect(meta({ title: 't', author: ' Jane ' }).meta.author).toBe('Jane');
    expect(meta({ title: 't', author: { name: 'Jane', link: 'https://example.com' } }).meta.author).toBe('Jane');
    expect(meta({ title: 't' }).meta.author).toBeNull();
    expect(meta({ title: 't', author: ' ' })).toMatchObject({ meta: { author: null }, diagnostics: [] });
    for (const invalid of [['Jane'], { email: 'jane@example.com' }]) {
      const result = meta({ title: 't', author: invalid });
      expect(result.meta.author).toBeNull();
      expect(codes(result.diagnostics)).toEqual(['AUTHOR_INVALID']);
    }
  });

  it('keeps http(s), protocol-relative and relative image URLs, and empty means none', () => {
    const { meta: result, diagnostics } = meta({
      title: 't',
      headimg: 'https://example.com/a.png',
      thumbnail: '/images/b.png',
      cover: '',
    });
    expect(result).toMatchObject({ headImage: 'https://example.com/a.png', thumbnail: '/images/b.png', cover: null });
    expect(meta({ title: 't', cover: '//cdn.example.com/c.png' }).meta.cover).toBe('//cdn.example.com/c.png');
    expect(diagnostics).toEqual([]);
  });

  it.each(['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x'])(
    'rejects the unsafe URL %j with a warning',
    (url) => {
      const { meta: result, diagnostics } = meta({ title: 't', headimg: url });
      expect(result.headImage).toBeNull();
      expect(codes(diagnostics)).toEqual(['URL_REJECTED']);
      expect(diagnostics[0]?.message).toMatch(/^headimg: /);
    },
  );

  it('rejects a URL that is not text', () => {
    expect(codes(meta({ title: 't', thumbnail: 42 }).diagnostics)).toEqual(['URL_REJECTED']);
  });

  it('reads comments as a boolean that defaults to true', () => {
    expect(meta({ title: 't' }).meta.comments).toBe(true);
    expect(meta({ title: 't', comments: false }).meta.comments).toBe(false);
    expect(meta({ title: 't', comments: ' False ' }).meta.comments).toBe(false);
    expect(meta({ title: 't', comments: 'true' }).meta.comments).toBe(true);
    const invalid = meta({ title: 't', comments: 'maybe' });
    expect(invalid.meta.comments).toBe(true);
    expect(codes(invalid.diagnostics)).toEqual(['BOOLEAN_INVALID']);
  });

  it('unpublishes on published: false and on draft: true', () => {
    expect(meta({ title: 't' }).meta.published).toBe(true);
    expect(meta({ title: 't', published: false }).meta.published).toBe(false);
    expect(meta({ title: 't', published: 'false' }).meta.published).toBe(false);
    expect(meta({ title: 't', draft: true }).meta.published).toBe(false);
    expect(meta({ title: 't', published: true, draft: true }).meta.published).toBe(false);
    expect(meta({ title: 't', draft: false }).meta).toMatchObject({ published: true, extra: {} });
  });

  it('reads lang as a canonical language tag', () => {
    expect(meta({ title: 't' }).meta.lang).toBeNull();
    expect(meta({ title: 't', lang: 'zh-cn' }).meta.lang).toBe('zh-CN');
    const invalid = meta({ title: 't', lang: 'not a language' });
    expect(invalid.meta.lang).toBeNull();
    expect(codes(invalid.diagnostics)).toEqual(['LANG_INVALID']);
  });

  it('keeps every other key in extra as JSON-safe data', () => {
    const data = {
      title: 't',
      layout: 'post',
      rating: 8.6,
      published_at: new Date('2021-03-22T04:50:45Z'),
      nested: { when: [new Date('2020-01-01T00:00:00Z')], ratio: Number.NaN },
      nothing: null,
    };
    const { extra } = meta(data).meta;
    expect(extra).toEqual({
      layout: 'post',
      rating: 8.6,
      published_at: '2021-03-22T04:50:45.000Z',
      nested: { when: ['2020-01-01T00:00:00.000Z'], ratio: null },
      nothing: null,
    });
    expect(JSON.parse(JSON.stringify(extra))).toEqual(extra);
  });
});

describe('front matter end to end', () => {
  it('turns a typical post into metadata', () => {
    const source = [
      '',
      '---',
      "title: 'A &#123;braced&#125; title'",
      'categories: ',
      ' - Media',
      ' - Outlet',
      "headimg: 'https://picsum.example/400/300?random=1'",
      'author: Outlet',
      'comments: false',
      'date: Sun, 09 Jan 2022 04:45:17 GMT',
      "thumbnail: ''",
      'extra_key: 1',
      '---',
      '',
      '<div>Body</div>',
    ].join('\n');
    const split = expectOk(splitFrontMatter(source, LIMITS));
    const { meta: result, diagnostics } = normaliseMeta(split.data, context({ fileStem: 'A {braced} title', timeZone: 'Asia/Shanghai' }));
    expect(diagnostics).toEqual([]);
    expect(result).toEqual({
      title: 'A {braced} title',
      date: new Date('2022-01-09T04:45:17Z'),
      updated: new Date('2022-01-09T04:45:17Z'),
      categories: [['Media', 'Outlet']],
      tags: [],
      author: 'Outlet',
      headImage: 'https://picsum.example/400/300?random=1',
      thumbnail: null,
      cover: null,
      comments: false,
      published: true,
      lang: null,
      extra: { extra_key: 1 },
    });
    expect(split.bodyLine).toBe(14);
    expect(source.split('\n')[split.bodyLine]).toBe('<div>Body</div>');
  });
});
