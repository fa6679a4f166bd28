import { runCli } from '../helpers/cli';
import { makeTree, post } from '../helpers/temp-tree';

describe('content-gateway check', () => {
  let tree: Awaited<ReturnType<typeof makeTree>> | undefined;
  afterEach(() => tree?.remove());

  it('exits 0 and summarises a clean folder', async () => {
    tree = await makeTree({
      'a.md': post('A', '<div><p>Lead</p><h3>One</h3><p>x</p><h3>Two</h3><p>y</p></div>'),
      '_drafts/b.md': post('B', 'b'),
    });
    const result = await runCli(['check', tree.root, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.summary).toEqual({
      files: 2,
      articles: 1,
      unpublished: 1,
      errors: 0,
      warnings: 0,
      categories: 3,
      authors: 1,
      tags: 0,
      sections: 2,
    });
    expect(report.diagnostics).toEqual([]);
  });

  it('exits 1 and names each broken file with its reason, counting every file once', async () => {
    tree = await makeTree({
      'good.md': post('Good', 'fine'),
      'evil.md': '---js\n{ title: "x" }\n---\nbody',
      'bomb.md':
        '---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n---\nbody',
      'undated.md': post('Undated', 'x').replace(/^date: .*$/m, 'date: Invalid Date'),
    });
    const json = await runCli(['check', tree.root, '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    const paths = report.diagnostics
      .filter((d: { severity: string }) => d.severity === 'error')
      .map((d: { path: string }) => d.path)
      .sort();
    expect(paths).toEqual(['bomb.md', 'evil.md']);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ path: 'undated.md', severity: 'warning', code: 'DATE_INVALID' }));
    expect(report.summary).toMatchObject({ files: 4, articles: 2, unpublished: 0, errors: 2, warnings: 1 });

    const human = await runCli(['check', tree.root]);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/^evil\.md(:\d+)?: error [A-Z_]+: .*js/m);
    expect(human.stdout).toMatch(/4 files: 2 articles, 0 unpublished, 2 errors, 1 warnings/);
  });

  it('judges a folder with the content flags serve takes, and refuses bad values of them', async () => {
    const json = async (args: string[]) => {
      const result = await runCli(['check', 'tests/fixtures/hexo-parity', '--json', ...args]);
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout) as { summary: { articles: number; warnings: number } };
    };
    expect((await json(['--updated-option', 'mtime', '--no-markdown-typographer'])).summary).toMatchObject({ articles: 7, warnings: 5 });
    const bad = await runCli(['check', 'tests/fixtures/hexo-parity', '--updated-option', 'never']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--updated-option: expected date, mtime, empty/);
    expect(bad.stderr).toMatch(/--markdown-typographer/);
    expect((await runCli(['check', 'tests/fixtures/hexo-parity'], { UPDATED_OPTION: 'never' })).code).toBe(2);
  });

  it('exits 2 on bad usage', async () => {
    expect((await runCli(['check'])).code).toBe(2);
    const missing = await runCli(['check', '/definitely/not/here']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('usage: content-gateway check');
    expect((await runCli(['check', '.', '--bogus'])).code).toBe(2);
  });
});
