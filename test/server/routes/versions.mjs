// An OpenAI-compatible model that remembers what it was asked, for the message-action tests
// (edit, regenerate, versions): POST /mock/versions/openai?log=<id> streams
// "Answer <n> to: <question>" (n counts the requests under that id, so a regenerated answer
// differs) and GET /mock/versions/seen?log=<id> answers the request bodies it received.
// Query: `hold=1` keeps the stream open after the first word until the client goes away.

/** @type {Map<string, unknown[]>} */
const seen = new Map();

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {import('node:http').IncomingMessage} req */
async function readJson(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body ? JSON.parse(body) : {};
}

/** @type {import('../plugin.mjs').RouteModule} */
export default {
  http: {
    '/mock/versions/openai': async (req, res, url) => {
      const request = await readJson(req);
      const log = url.searchParams.get('log') ?? '';
      const requests = seen.get(log) ?? [];
      requests.push(request);
      seen.set(log, requests);
      const question = request.messages?.at(-1)?.content ?? '';
      const words = `Answer ${requests.length} to: ${question}`.split(/(?<= )/);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      for (const [index, word] of words.entries()) {
        if (res.destroyed) return;
        res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: word } }] })}\n\n`);
        if (index === 0 && url.searchParams.get('hold')) {
          await new Promise((resolve) => res.on('close', resolve));
          return;
        }
        await sleep(2);
      }
      res.write(`data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }] })}\n\n`);
      res.end('data: [DONE]\n\n');
    },
    '/mock/versions/seen': (_req, res, url) => {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(seen.get(url.searchParams.get('log') ?? '') ?? []));
    },
  },
};
