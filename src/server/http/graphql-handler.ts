/** Hands a request to Apollo Server and writes its answer back; the last middleware of the GraphQL route. */
import { HeaderMap, type ApolloServer, type BaseContext, type ContextThunk } from '@apollo/server';
import { searchOf, type Middleware } from './pipeline';

export function graphqlHandler<Context extends BaseContext>(apollo: ApolloServer<Context>, context: ContextThunk<Context>): Middleware {
  apollo.assertStarted('graphqlHandler()');
  return async (request, response) => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method.toUpperCase(), headers, search: searchOf(request.url), body: request.body },
      context,
    });
    for (const [name, value] of answer.headers) response.setHeader(name, value);
    response.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      request.onAnswer?.({ status: response.statusCode, headers: answer.headers, body: answer.body.string });
      response.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) response.write(chunk);
    response.end();
  };
}
