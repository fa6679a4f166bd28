/**
 * The IDE page's only script of its own, served as a file because the page's policy allows
 * no inline script. It reads its settings from the page's JSON data block.
 */
export const IDE_BOOTSTRAP_SCRIPT = `(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('ide-config').textContent);
  // GraphiQL's dialogs inject a <style> element and tag it with this nonce.
  window.__webpack_nonce__ = config.nonce;
  var container = document.getElementById('graphiql');
  document.body.style.margin = '0';
  container.style.height = '100vh';
  ReactDOM.createRoot(container).render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({
        url: config.endpoint,
        // Subscriptions use the graphql-ws protocol on the same path; the socket opens on first use.
        subscriptionUrl: (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + config.endpoint,
      }),
      defaultQuery: config.defaultQuery,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
    }),
  );
})();
`;
