/** Hands a request to Apollo Server and writes its answer back; the last middleware of the GraphQL route. */
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { boundedAnswer } from '../plugins/response-size';
import { searchOf, type GatewayRequest, type Middleware } from './pipeline';

/**
 * `context` is given the request, which Apollo's own context function never sees: what a
 * request collects depends on its method. `maxResponseBytes` bounds every whole answer, here
 * where its text is at hand.
 */
export function graphqlHandler<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  context: (request: GatewayRequest) => Promise<Context>,
  maxResponseBytes: number,
): Middleware {
  apollo.assertStarted('graphqlHandler()');
  return async (request, response) => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method.toUpperCase(), headers, search: searchOf(request.url), body: request.body },
      context: () => context(request),
    });
    if (answer.body.kind === 'complete') {
      const sent = boundedAnswer({ status: answer.status ?? 200, headers: answer.headers, body: answer.body.string }, maxResponseBytes);
      for (const [name, value] of sent.headers) response.setHeader(name, value);
      response.statusCode = sent.status;
      request.onAnswer?.(sent);
      response.end(sent.body);
      return;
    }
    for (const [name, value] of answer.headers) response.setHeader(name, value);
    response.statusCode = answer.status ?? 200;
    for await (const chunk of answer.body.asyncIterator) response.write(chunk);
    response.end();
  };
}
