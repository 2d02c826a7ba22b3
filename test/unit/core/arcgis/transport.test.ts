import { createNodeFetch } from '../../../../electron/core/arcgis';
import { describeTransport } from './transport-suite';

// The Node transport trusts a profile's CA (one PEM, which may hold several certificates).
describeTransport('the Node transport', async (trustedCaPems) => {
  const fetch = createNodeFetch({ caCertPem: trustedCaPems.join('\n'), concurrency: 2 });
  return { fetch, close: () => fetch.close() };
});
