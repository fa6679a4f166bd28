/**
 * `cutFrontMatter` follows gray-matter's cut step for step; over randomly assembled files it
 * must find the same block, the same body and the same empty blocks as gray-matter itself.
 */
import matter from 'gray-matter';
import { createRandom, type Random } from '../../bench/corpus/random';
import { cutFrontMatter } from '../../src/content/front-matter/split';

type Delimiter = '---' | ';;;';

function grayMatterCut(text: string, delimiter: Delimiter): { block: string | null; body: string } {
  let block: string | null = null;
  const capture = (received: string) => {
    block = received;
    return {};
  };
  const file = matter(text, { delimiters: delimiter, language: delimiter === '---' ? 'yaml' : 'json', engines: { yaml: capture, json: capture } });
  return { block, body: file.content };
}

function randomFile(random: Random, delimiter: Delimiter): string {
  const newline = () => random.pick(['\n', '\n', '\r\n']);
  const blockLines = Array.from({ length: random.int(0, 5) }, () =>
    random.pick(['title: x', '# comment', '#', '  # indented', '', '   ', '\t', 'a: 1', '#x', ' - item', '\r']),
  );
  const closing = random.pick([delimiter, `${delimiter} `, `${delimiter}\r`, `${delimiter}${delimiter[0]}`, `${delimiter}x`]);
  const body = random.pick(['', '\n', '\r\n', 'Body', '\r\rBody', '\n\nBody', '\r\n\r\nBody\r\n', `${delimiter}\nmore`]);
  const language = random.pick(['', '', ' ', 'yaml', ' yml ', 'json', '\r']);
  return `${delimiter}${language}${newline()}${blockLines.join(newline())}${newline()}${closing}${body}`;
}

describe('cutFrontMatter', () => {
  it.each(['---', ';;;'] as const)('cuts %s front matter exactly like gray-matter', (delimiter) => {
    const random = createRandom(delimiter === '---' ? 3 : 4);
    for (let round = 0; round < 3000; round++) {
      const text = randomFile(random, delimiter);
      const ours = cutFrontMatter(text, delimiter);
      const theirs = grayMatterCut(text, delimiter);
      expect({ text, body: ours.body, block: ours.empty ? null : ours.block }).toEqual({ text, ...theirs });
    }
  });
});
