/**
 * What resolvers read of an article's body HTML, through the request's loader: at once when the page
 * fetched it ahead (`prefetchBodies`), else in one batch with every other body the same turn asks for.
 */
import type { BodyHtml } from '../content/parsed-post';
import type { GatewayContext } from './context';

export function fromBody<T>(
  { loaders }: Pick<GatewayContext, 'loaders'>,
  articleSlug: string,
  pick: (body: BodyHtml) => T,
): T | Promise<T> {
  const body = loaders.bodies.load(articleSlug);
  return body instanceof Promise ? body.then((loaded) => pick(known(loaded, articleSlug))) : pick(known(body, articleSlug));
}

function known(body: BodyHtml | null, articleSlug: string): BodyHtml {
  if (body === null) throw new Error(`article ${articleSlug} has no body in this version`);
  return body;
}
