import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeHTMLStrict } from 'entities';
import { normaliseMeta, splitFrontMatter } from '../../src/content/front-matter';
import { DEFAULT_CONTENT_OPTIONS } from '../../src/content/options';

const projectRoot = path.resolve(__dirname, '..', '..');
const sampleFolders = ['../shared/corpus', '../shared/seed'].map((folder) => path.resolve(projectRoot, folder));
const samplesPresent = sampleFolders.every((folder) => fs.existsSync(folder));

function markdownFilesUnder(folder: string): string[] {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => {
      const entryPath = path.join(folder, entry.name);
      if (entry.isDirectory()) return markdownFilesUnder(entryPath);
      return entry.name.endsWith('.md') ? [entryPath] : [];
    })
    .sort();
}

const describeWithSamples = samplesPresent ? describe : describe.skip;
const title = samplesPresent
  ? 'front matter over the sample posts next to the project'
  : `front matter over the sample posts: skipped, ${sampleFolders.join(' and ')} not found`;

describeWithSamples(title, () => {
  const files = samplesPresent ? sampleFolders.flatMap(markdownFilesUnder) : [];

  it('finds sample posts', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((file) => [path.relative(projectRoot, file), file]))('reads %s', (_, file) => {
    const source = fs.readFileSync(file, 'utf8');
    const split = splitFrontMatter(source, DEFAULT_CONTENT_OPTIONS);
    if (!split.ok) {
      expect(split.diagnostics.some((diagnostic) => diagnostic.severity === 'error')).toBe(true);
      return;
    }
    expect(split.bodyLine).toBeGreaterThanOrEqual(1);
    expect(source.endsWith(split.body)).toBe(true);
    const { meta } = normaliseMeta(split.data, {
      fileStem: path.basename(file, '.md'),
      timeZone: 'Asia/Shanghai',
      updatedOption: DEFAULT_CONTENT_OPTIONS.updatedOption,
      modifiedAt: fs.statSync(file).mtime,
    });
    expect(meta.title.trim()).not.toBe('');
    expect(decodeHTMLStrict(meta.title)).toBe(meta.title);
    expect(JSON.parse(JSON.stringify(meta.extra))).toEqual(meta.extra);
  });
});
