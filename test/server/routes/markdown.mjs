// Endpoints for the <token-view> tests: a pixel that counts who fetched it (to prove that model
// output made no request the image policy forbids), and pages served with a strict
// Content-Security-Policy and with Trusted Types enforced, as real response headers.

/** Hits per `id` of /mock/markdown/pixel. */
const hits = new Map();

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const CSP = "script-src 'self'; style-src 'self'";
const POLICIES = {
  csp: CSP,
  'trusted-types': `${CSP}; require-trusted-types-for 'script'; trusted-types stream-chat-elements lit-html`,
};

/** @type {import('../plugin.mjs').RouteModule} */
export default {
  http: {
    '/mock/markdown/pixel': (_req, res, url) => {
      const id = url.searchParams.get('id') ?? '';
      hits.set(id, (hits.get(id) ?? 0) + 1);
      res.writeHead(200, { 'content-type': 'image/gif', 'cache-control': 'no-store' });
      res.end(PIXEL);
    },
    // { count } of pixel requests whose id starts with `prefix`.
    '/mock/markdown/hits': (_req, res, url) => {
      const prefix = url.searchParams.get('prefix') ?? '';
      let count = 0;
      for (const [id, n] of hits) if (id.startsWith(prefix)) count += n;
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ count }));
    },
    // A page that runs test/markdown/fixtures/policy-page.ts (or, with ?page=rich,
    // rich-policy-page.ts: math and diagrams) under the named policy.
    '/mock/markdown/page': (_req, res, url) => {
      const policy =
        POLICIES[/** @type {keyof typeof POLICIES} */ (url.searchParams.get('policy'))];
      if (!policy) {
        res.writeHead(400).end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': policy,
      });
      res.end(
        '<!doctype html><html lang="en"><head><title>policy page</title>' +
          `<script type="module" src="/test/markdown/fixtures/${url.searchParams.get('page') === 'rich' ? 'rich-policy-page' : 'policy-page'}.ts"></script>` +
          '</head><body></body></html>',
      );
    },
  },
};
