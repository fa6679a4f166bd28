/**
 * GraphiQL for people who open the endpoint in a browser, served entirely by the gateway
 * from the installed packages: the CDN-hosted IDE Apollo ships shows nothing offline.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { queryParameters, sendText, type GatewayRequest, type Middleware } from '../../http/pipeline';
import { APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, preferredMediaType } from '../http-spec';
import { IDE_BOOTSTRAP_SCRIPT } from './bootstrap';

const DEFAULT_IDE_QUERY = `# Ctrl-Enter runs the query; the docs explorer (book icon) describes every field.
query RecentArticle {
  articles(first: 1, orderBy: DATE_DESC) {
    nodes {
      title
      slug
      date
      categories {
        slug
      }
      sections {
        index
        heading
        anchor
        wordCount
      }
    }
  }
}
`;

interface Asset {
  body: Buffer;
  contentType: string;
}

const JAVASCRIPT = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

let loaded: Promise<{ assets: Map<string, Asset>; version: string }> | undefined;

async function loadAssets(): Promise<Map<string, Asset>> {
  const files: [string, string, string][] = [
    ['graphiql.min.css', path.join(packageDir('graphiql'), 'graphiql.min.css'), CSS],
    ['react.production.min.js', path.join(packageDir('react'), 'umd/react.production.min.js'), JAVASCRIPT],
    ['react-dom.production.min.js', path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), JAVASCRIPT],
    ['graphiql.min.js', path.join(packageDir('graphiql'), 'graphiql.min.js'), JAVASCRIPT],
  ];
  const assets = new Map<string, Asset>();
  for (const [name, file, contentType] of files) assets.set(name, { body: await readFile(file), contentType });
  assets.set('start.js', { body: Buffer.from(IDE_BOOTSTRAP_SCRIPT), contentType: JAVASCRIPT });
  return assets;
}

/** Changes whenever any asset does, so the asset URLs can be cached for good. */
function versionOf(assets: Map<string, Asset>): string {
  const hash = createHash('sha256');
  for (const [name, asset] of assets) hash.update(name).update(asset.body);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Only same-origin code and styles run, and the page talks only to its own origin ('self'
 * covers the subscriptions' WebSocket too). The nonce is for the one `<style>` element
 * GraphiQL's dialogs inject (it reads the nonce from `__webpack_nonce__`); fonts and icons are
 * data URLs inside graphiql.min.css.
 */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function jsonForScriptElement(value: unknown): string {
  // `<` cannot end the data block early once escaped.
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function page(assetBase: string, config: { endpoint: string; defaultQuery: string; nonce: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>GraphiQL · content-gateway</title>
<link rel="stylesheet" href="${assetBase}/graphiql.min.css">
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<noscript>GraphiQL needs JavaScript. The API itself answers POST requests at this address.</noscript>
<script type="application/json" id="ide-config">${jsonForScriptElement(config)}</script>
<script src="${assetBase}/react.production.min.js"></script>
<script src="${assetBase}/react-dom.production.min.js"></script>
<script src="${assetBase}/graphiql.min.js"></script>
<script src="${assetBase}/start.js"></script>
</body>
</html>
`;
}

/** A GET that carries an operation is an API call even from a browser, and goes on to the API. */
function wantsIde(request: GatewayRequest): boolean {
  const parameters = queryParameters(request);
  const carriesOperation = ['query', 'documentId', 'extensions'].some((name) => parameters.has(name));
  return (
    !carriesOperation &&
    preferredMediaType(request.headers.accept ?? '', [APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, 'text/html']) === 'text/html'
  );
}

/**
 * Goes on the GraphQL route at `endpoint`, before the API: answers browser GETs of the path
 * itself with the IDE page and serves its assets under `ide/<version>/`; everything else passes
 * through, CORS preflights included.
 */
export async function graphiqlIde(endpoint: string): Promise<Middleware> {
  // Every server in the process serves the same files; read them once.
  loaded ??= loadAssets().then((assets) => ({ assets, version: versionOf(assets) }));
  const { assets, version } = await loaded;

  return (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      next();
      return;
    }
    if (request.path === '/') {
      if (!wantsIde(request)) {
        next();
        return;
      }
      const nonce = randomBytes(16).toString('base64');
      sendText(
        response,
        200,
        'text/html; charset=utf-8',
        page(`${endpoint}/ide/${version}`, { endpoint, defaultQuery: DEFAULT_IDE_QUERY, nonce }),
        {
          'cache-control': 'no-store',
          'content-security-policy': contentSecurityPolicy(nonce),
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          vary: 'accept',
        },
      );
      return;
    }
    const assetPath = /^\/ide\/([^/]+)\/([^/]+)$/.exec(request.path);
    if (assetPath === null) {
      next();
      return;
    }
    const [, assetVersion, name] = assetPath;
    const asset = assetVersion === version ? assets.get(name) : undefined;
    if (!asset) {
      sendText(response, 404, 'text/plain; charset=utf-8', 'Not found\n');
      return;
    }
    // No ETag: the versioned URL already says everything a cache needs.
    response.writeHead(200, {
      'content-type': asset.contentType,
      'content-length': asset.body.length,
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
    response.end(asset.body);
  };
}
