/**
 * GraphiQL in real headless Chromium: it loads from the gateway alone, runs a query for a
 * fixture article's sections, shows schema descriptions and keeps a history.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium';
import { startTestServer, type TestServer } from '../helpers/harness';
import { CHROMIUM, describeWithProgram } from '../helpers/system-package';

const ARTIFACTS = path.resolve(__dirname, '../artifacts');
const SLUG = 'Engineering/Backend/GraphQL/schema-first-vs-code-first';
const QUERY = `query FixtureSections { article(slug: "${SLUG}") { title sections { index heading anchor } } }`;

jest.setTimeout(90_000);

describeWithProgram(CHROMIUM, 'GraphiQL in Chromium', (chromiumPath) => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const foreignRequests: string[] = [];
  const pageProblems: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ debug: false });
    browser = await launchChromium(chromiumPath);
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const origin = new URL(server.url).origin;
    // Anything not from the gateway is recorded and never leaves the machine.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      foreignRequests.push(url);
      return route.abort('blockedbyclient');
    });
    page = await context.newPage();
    // Routes do not see WebSockets; their addresses are checked here.
    page.on('websocket', (socket) => {
      if (new URL(socket.url()).host !== new URL(origin).host) foreignRequests.push(socket.url());
    });
    page.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageProblems.push(`console error: ${message.text()}`);
    });
    await page.goto(server.url);
    await page.locator('.graphiql-container').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Each test answers for what happened during it.
  afterEach(() => {
    expect(foreignRequests.splice(0)).toEqual([]);
    expect(pageProblems.splice(0)).toEqual([]);
  });

  /** The text of one of GraphiQL's CodeMirror editors. */
  const editorText = (selector: string) =>
    page
      .locator(`${selector} .CodeMirror`)
      .evaluate((element) => (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());

  async function waitForEditorText(selector: string, expected: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    let text = '';
    while (Date.now() < deadline) {
      text = await editorText(selector);
      if (text.includes(expected)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${selector} never showed "${expected}"; it shows:\n${text}`);
  }

  it('opens with an example query', async () => {
    expect(await page.title()).toContain('GraphiQL');
    await waitForEditorText('.graphiql-query-editor', 'query RecentArticle');
  });

  it("runs a query for a fixture article's sections and shows the result", async () => {
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(QUERY);
    // GraphiQL picks up the new operation name a moment after the edit.
    await page.locator('.graphiql-tab', { hasText: 'FixtureSections' }).waitFor();
    await page.locator('.graphiql-execute-button').click();
    await waitForEditorText('.result-window', 'What we chose');
    expect(JSON.parse(await editorText('.result-window'))).toEqual({
      data: {
        article: {
          title: expect.any(String),
          sections: [
            { index: 0, heading: 'The case for schema-first', anchor: 'the-case-for-schema-first' },
            { index: 1, heading: 'The case for code-first', anchor: 'the-case-for-code-first' },
            { index: 2, heading: 'What we chose', anchor: 'what-we-chose' },
          ],
        },
      },
    });
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'graphiql.png') });
  });

  it('keeps the query in its history', async () => {
    await page.getByRole('button', { name: /History$/ }).click();
    await expect(page.locator('.graphiql-history-item').first().textContent()).resolves.toContain('FixtureSections');
  });

  it('opens its dialogs within the page policy', async () => {
    await page.getByRole('button', { name: 'Open settings dialog' }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('subscribes over a WebSocket to the gateway itself', async () => {
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('subscription Changes { contentChanged { version } }');
    await page.locator('.graphiql-tab', { hasText: 'Changes' }).waitFor();
    const opened = page.waitForEvent('websocket');
    await page.locator('.graphiql-execute-button').click();
    const socket = await opened;
    expect(socket.url()).toBe(server!.url.replace(/^http/, 'ws'));
    await page.waitForTimeout(500);
    expect(socket.isClosed()).toBe(false);
    await page.locator('.graphiql-execute-button').click();
  });

  it('shows the schema descriptions in the docs explorer', async () => {
    await page.getByRole('button', { name: /Documentation Explorer$/ }).click();
    const explorer = page.locator('.graphiql-doc-explorer');
    await explorer.getByText('Query', { exact: true }).click();
    await explorer.getByText('Read access to the published content', { exact: false }).waitFor();
    await explorer.getByText('One article by slug or by global id', { exact: false }).waitFor();
  });
});
