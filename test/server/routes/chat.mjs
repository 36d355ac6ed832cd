// A small OpenAI-compatible model for the <stream-chat> round trips: over SSE
// (POST /mock/chat/openai, Chat Completions chunks, `[DONE]`) and over WebSocket
// (/mock/chat/ws: the request as JSON, the same chunks as messages, `[DONE]`, a stop frame
// ends it early). The answer echoes the question and the model so a test sees both arrived.
// Query: `delay` (ms between chunks, default 5), `filler` (extra words, for long answers),
// `reasoning=1` (a reasoning chunk first). /mock/chat/fail answers an HTTP error with a body.

/** @typedef {{ messages?: { role: string, content: string }[], model?: string }} Request */

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The chunks of one answer, as JSON strings.
 * @param {Request} request
 * @param {URL} url
 */
function chunks(request, url) {
  const question = request.messages?.at(-1)?.content ?? '';
  const words = `Echo (${request.model ?? 'no model'}): ${question}`.split(/(?<= )/);
  const filler = Number(url.searchParams.get('filler') ?? 0);
  for (let i = 0; i < filler; i += 1) words.push(` word${i}`);
  /** @type {string[]} */
  const out = [];
  if (url.searchParams.get('reasoning')) {
    out.push(JSON.stringify({ choices: [{ delta: { reasoning_content: 'Thinking about it.' } }] }));
  }
  for (const word of words) out.push(JSON.stringify({ choices: [{ delta: { content: word } }] }));
  out.push(JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }] }));
  return out;
}

/** @param {import('node:http').IncomingMessage} req @returns {Promise<Request>} */
async function readJson(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body ? JSON.parse(body) : {};
}

/** @type {import('../plugin.mjs').RouteModule} */
export default {
  http: {
    '/mock/chat/openai': async (req, res, url) => {
      const request = await readJson(req);
      const delay = Number(url.searchParams.get('delay') ?? 5);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      for (const chunk of chunks(request, url)) {
        if (res.destroyed) return;
        res.write(`data: ${chunk}\n\n`);
        await sleep(delay);
      }
      res.end('data: [DONE]\n\n');
    },
    '/mock/chat/fail': async (req, res, url) => {
      await readJson(req);
      res.writeHead(Number(url.searchParams.get('status') ?? 500), {
        'content-type': 'application/json',
      });
      res.end(JSON.stringify({ error: { message: 'Model overloaded, try again later' } }));
    },
  },
  ws: {
    '/mock/chat/ws': (socket, _req, url) => {
      const delay = Number(url.searchParams.get('delay') ?? 5);
      let stopped = false;
      socket.on('message', async (data) => {
        /** @type {Request & { type?: string }} */
        const message = JSON.parse(String(data));
        if (message.type === 'stop') {
          stopped = true;
          return;
        }
        for (const chunk of chunks(message, url)) {
          if (stopped || socket.readyState !== socket.OPEN) return;
          socket.send(chunk);
          await sleep(delay);
        }
        socket.send('[DONE]');
      });
    },
  },
};
