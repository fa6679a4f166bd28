/**
 * Which pages may open the WebSocket. Browsers let any site open a WebSocket to any host and
 * send no preflight, so without this check a page elsewhere could read the API through a
 * visitor's browser (cross-site WebSocket hijacking). The rule follows the HTTP side's CORS
 * setting: the gateway's own pages (the IDE) always, the `--cors` origins too, any page with `*`.
 */

/**
 * Whether an upgrade from `origin` to the server named by `host` (the `Host` header) may go on.
 * No `Origin` means no browser sent it, and other clients could forge it anyway. The scheme is
 * not compared because TLS is usually ended in front of the gateway, so a page of the site itself
 * comes from `https:` while the gateway sees plain HTTP.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, corsOrigins: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (corsOrigins.includes('*') || corsOrigins.includes(origin)) return true;
  return host !== undefined && hostOf(origin) === host.toLowerCase();
}

/** `host:port` of an origin; null for `null` (sandboxed pages, files) and anything else unparsable. */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
