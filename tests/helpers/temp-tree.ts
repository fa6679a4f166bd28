import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A throwaway content root; `files` maps relative paths to text or bytes. */
export async function makeTree(files: Record<string, string | Buffer>): Promise<{ root: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'content-gateway-'));
  await writeTree(root, files);
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

export async function writeTree(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(root, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** A post in the generator's usual shape. */
export function post(title: string, body: string, extra = ''): string {
  return `\n---\ntitle: '${title}'\ncategories: \n - News\n - Wire\n - Latest\nauthor: Wire Desk\ncomments: false\ndate: Sun, 09 Jan 2022 04:45:17 GMT\n${extra}---\n\n${body}\n`;
}
