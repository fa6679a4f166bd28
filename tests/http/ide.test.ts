/** GraphiQL over HTTP: when it answers, what it sends, and that it needs no other host. */
import { loadTrustedDocuments } from '../../src/server/plugins/trusted-documents';
import { startTestServer, withTestServer, type TestServer } from '../helpers/harness';
import { PROJECT_ROOT } from '../helpers/cli';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const openPage = (url: string) => fetch(url, { headers: { accept: BROWSER_ACCEPT } });

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('the IDE, where it is on', () => {
  let server: TestServer;
  let html: string;
  let response: Response;
  beforeAll(async () => {
    server = await startTestServer({ debug: false });
    response = await openPage(server.url);
    html = await response.text();
  });
  afterAll(() => server.close());

  const assetUrls = () => [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);

  it('answers a browser opening the endpoint with the GraphiQL page', () => {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('<div id="graphiql">');
  });

  it('sends a policy that lets only the gateway provide code, styles and connections', () => {
    const policy = directives(response.headers.get('content-security-policy') ?? '');
    expect(policy.get('default-src')).toBe("'none'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('style-src')).toMatch(/^'self' 'nonce-[A-Za-z0-9+/]+=*'$/);
    expect(policy.get('connect-src')).toBe("'self'");
    expect(policy.get('img-src')).toBe("'self' data:");
    expect(policy.get('font-src')).toBe("'self' data:");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
  });

  it('uses a fresh style nonce for every page and hands it to the page script', async () => {
    const nonceOf = (policy: string | null) => /'nonce-([^']+)'/.exec(policy ?? '')?.[1];
    const config = JSON.parse(/<script type="application\/json" id="ide-config">(.*?)<\/script>/s.exec(html)![1]) as {
      nonce: string;
      endpoint: string;
      defaultQuery: string;
    };
    expect(config.nonce).toBe(nonceOf(response.headers.get('content-security-policy')));
    const again = await openPage(server.url);
    expect(nonceOf(again.headers.get('content-security-policy'))).not.toBe(config.nonce);
    expect(config.endpoint).toBe('/graphql');
    expect(config.defaultQuery).toMatch(/articles\(first: 1, orderBy: DATE_DESC\)[\s\S]*sections/);
  });

  it('has no inline script and refers only to its own assets', () => {
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((match) => match[1]);
    for (const attributes of scripts) expect(attributes).toMatch(/src="\/graphql\/ide\/|type="application\/json"/);
    expect(assetUrls().length).toBe(5);
    for (const url of assetUrls()) expect(url).toMatch(/^\/graphql\/ide\/[0-9a-f]{16}\/[\w.-]+$/);
  });

  it('serves the assets for a year, immutable, with their media types', async () => {
    for (const url of assetUrls()) {
      const asset = await fetch(new URL(url, server.url));
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('content-type')).toBe(url.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('ships a stylesheet whose fonts and images are all inline', async () => {
    const css = await (
      await fetch(
        new URL(
          assetUrls().find((url) => url.endsWith('.css'))!,
          server.url,
        ),
      )
    ).text();
    expect(css).not.toMatch(/@import/);
    const urls = [...css.matchAll(/url\(\s*["']?([^"')]*)/g)].map((match) => match[1]);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^data:/);
  });

  it('refuses other versions and unknown files', async () => {
    const url = assetUrls().find((candidate) => candidate.endsWith('graphiql.min.js'))!;
    const version = url.split('/')[3];
    expect((await fetch(new URL(url.replace(version, '0123456789abcdef'), server.url))).status).toBe(404);
    expect((await fetch(new URL(url.replace('graphiql.min.js', 'nope.js'), server.url))).status).toBe(404);
  });

  it('leaves API requests alone: JSON clients and GETs that carry a query', async () => {
    const json = await fetch(server.url, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).not.toMatch(/html/);
    expect(json.status).toBe(400);
    const query = await fetch(`${server.url}?query=${encodeURIComponent('{ contentStatus { articles } }')}`, {
      headers: { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true' },
    });
    expect(query.status).toBe(200);
    expect(await query.json()).toEqual({ data: { contentStatus: { articles: 29 } } });
    const blocked = await fetch(`${server.url}?query=${encodeURIComponent('{ contentStatus { articles } }')}`, {
      headers: { accept: BROWSER_ACCEPT },
    });
    expect(blocked.status).toBe(400);
    expect(await blocked.text()).toMatch(/CSRF/);
  });
});

describe('the IDE, where it is off', () => {
  const expectNoIde = async (server: TestServer) => {
    const response = await openPage(server.url);
    expect(response.headers.get('content-type') ?? '').not.toMatch(/html/);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  };

  it('is off when switched off', () => withTestServer({ ide: false }, expectNoIde));
  it('is off by default in production', () => withTestServer({ production: true }, expectNoIde));
  it('is off by default when only trusted documents run, as it could not run its own queries', async () => {
    const trustedDocuments = await loadTrustedDocuments(`${PROJECT_ROOT}/examples/generated/persisted-documents.json`);
    await withTestServer({ trustedDocuments }, expectNoIde);
  });
  it('can be switched on in production', () =>
    withTestServer({ production: true, ide: true }, async (server) => {
      expect((await openPage(server.url)).headers.get('content-type')).toBe('text/html; charset=utf-8');
    }));
});
