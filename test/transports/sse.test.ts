import { expect } from '@open-wc/testing';
import { sseTransport, type StreamPart } from '../../src/transports/index.js';
import { newProbeId, readProbe } from '../helpers/server.js';
import { fixtures, lineEndings } from './fixtures.js';
import {
  open,
  chunked,
  collect,
  until,
  logged,
  playUrl,
  randomSplits,
  request,
  script,
  timerCounter,
  utf8,
  type HttpReply,
} from './helpers.js';

const SSE = { 'content-type': 'text/event-stream' };
const delta = (content: string) =>
  `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;
const sse = (reply: HttpReply): HttpReply => ({ ...reply, headers: { ...SSE, ...reply.headers } });

/** Waits until the server saw every connection tagged `probe` close. */
async function serverSawClose(probe: string, connections = 1) {
  await until(async () => (await readProbe(probe)).closed === connections, 'server saw the close');
}

describe('sseTransport', () => {
  describe('recorded streams of every SSE protocol through the real channel', () => {
    for (const fixture of fixtures.filter((f) => f.framing === 'sse')) {
      it(`${fixture.name}: same parts with LF/CRLF/CR/BOM, whole, byte by byte and at random splits`, async function () {
        this.timeout(20_000);
        for (const [ending, convert] of Object.entries(lineEndings)) {
          const body = convert(fixture.body);
          const length = utf8(body).length;
          const cuts: (number[] | 'bytes')[] = [
            'bytes',
            [],
            randomSplits(length, 11),
            randomSplits(length, 12),
          ];
          for (const splits of cuts) {
            const id = await script({
              replies: [
                {
                  headers: { 'content-type': fixture.contentType },
                  body,
                  splits,
                },
              ],
            });
            const outcome = await collect(
              sseTransport({ url: playUrl(id), protocol: fixture.protocol }),
            );
            expect(outcome.error, `${ending} ${String(splits)}`).to.equal(undefined);
            expect(outcome.parts, ending).to.deep.equal(fixture.parts);
          }
        }
      });
    }
  });

  describe('the request', () => {
    it('POSTs the protocol body as JSON with Accept: text/event-stream and the given headers', async () => {
      const id = await script({ replies: [sse({ body: 'data: [DONE]\n\n' })] });
      await collect(
        sseTransport({
          url: playUrl(id),
          headers: { 'x-app': 'demo' },
          credentials: 'same-origin',
        }),
      );
      const [sent] = await logged(id);
      expect(sent?.method).to.equal('POST');
      expect(sent?.headers.accept).to.equal('text/event-stream');
      expect(sent?.headers['content-type']).to.equal('application/json');
      expect(sent?.headers['x-app']).to.equal('demo');
      expect(JSON.parse(sent!.body)).to.deep.equal({
        model: 'test-model',
        messages: request.messages,
        stream: true,
      });
    });

    it('takes headers from an async function and a body override (a string is sent as is)', async () => {
      const id = await script({ replies: [sse({ body: 'data: [DONE]\n\n' })] });
      await collect(
        sseTransport({
          url: playUrl(id),
          headers: async (chat) => ({ 'x-model': chat.model ?? '' }),
          body: (chat) => `ask: ${chat.messages.at(-1)!.content}`,
        }),
      );
      const [sent] = await logged(id);
      expect(sent?.headers['x-model']).to.equal('test-model');
      expect(sent?.body).to.equal('ask: Hi');
    });

    it('GETs without a body when asked, with the URL built from the request', async () => {
      const id = await script({ replies: [sse({ body: 'data: [DONE]\n\n' })] });
      const outcome = await collect(
        sseTransport({
          method: 'GET',
          url: (chat) => `${playUrl(id)}&q=${chat.messages.at(-1)!.content}`,
        }),
      );
      expect(outcome.finished).to.equal(true);
      const [sent] = await logged(id);
      expect(sent?.method).to.equal('GET');
      expect(sent?.body).to.equal('');
    });
  });

  describe('drops and resume', function () {
    // Each drop waits for the client to read first (200 ms on the server): several add up.
    this.timeout(15_000);
    it('a drop mid-answer without ids is a network error that keeps the partial text', async () => {
      const id = await script({
        replies: [sse({ body: delta('Half ') + delta('an answer'), after: 'destroy' })],
      });
      const outcome = await collect(sseTransport({ url: playUrl(id) }));
      expect(outcome.text).to.equal('Half an answer');
      expect(outcome.error?.code).to.equal('network');
      expect(outcome.error?.message).to.contain('closed before the answer finished');
      expect(outcome.error?.retryable).to.equal(true);
      expect(await logged(id)).to.have.length(1);
    });

    it('a clean end before [DONE] is a cut-off answer too', async () => {
      const id = await script({ replies: [sse({ body: delta('Half') })] });
      const outcome = await collect(sseTransport({ url: playUrl(id) }));
      expect(outcome.text).to.equal('Half');
      expect(outcome.error?.code).to.equal('network');
    });

    it('an end after a finish_reason without [DONE] is complete', async () => {
      const body = `${delta('All')}data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'length' }] })}\n\n`;
      const id = await script({ replies: [sse({ body })] });
      const outcome = await collect(sseTransport({ url: playUrl(id) }));
      expect(outcome.text).to.equal('All');
      expect(outcome.finish).to.equal('length');
    });

    it('reconnects with Last-Event-ID after a drop and continues without duplicating or losing text', async () => {
      const id = `resume-${newProbeId()}`;
      const probe = newProbeId();
      const outcome = await collect(
        sseTransport({ url: `/mock/t/resumable?id=${id}&drop=3&probe=${probe}` }),
      );
      expect(outcome.error).to.equal(undefined);
      expect(outcome.text).to.equal('Resumed streams lose no words and repeat none.');
      expect(outcome.finished).to.equal(true);
      expect((await logged(id)).map((entry) => entry.headers['last-event-id'])).to.deep.equal([
        undefined,
        '2',
      ]);
      await serverSawClose(probe, 2);
    });

    it('ids repeated within one connection (a message id on every event) are fine', async () => {
      const body = `id: msg-1\n${delta('Same ')}id: msg-1\n${delta('id')}id: msg-1\ndata: [DONE]\n\n`;
      const id = await script({ replies: [sse({ body })] });
      const outcome = await collect(sseTransport({ url: playUrl(id) }));
      expect([outcome.text, outcome.finished, outcome.error]).to.deep.equal([
        'Same id',
        true,
        undefined,
      ]);
    });

    it('a decoder that throws something else still fails with a StreamError', async () => {
      const id = await script({ replies: [sse({ body: 'data: x\n\n' })] });
      const protocol = {
        body: () => ({}),
        decoder: () => () => {
          throw new RangeError('custom decoder bug');
        },
      };
      const error = (await collect(sseTransport({ url: playUrl(id), protocol }))).error;
      expect([error?.name, error?.code, error?.message]).to.deep.equal([
        'StreamError',
        'protocol',
        'custom decoder bug',
      ]);
    });

    it('a server that restarts instead of resuming gives a network error, the partial text kept', async () => {
      const first = 'retry: 5\n\nid: 0\n' + delta('One ') + 'id: 1\n' + delta('two ');
      const id = await script({
        replies: [
          sse({ body: first, after: 'destroy' }),
          sse({ body: first + 'data: [DONE]\n\n' }),
        ],
      });
      const outcome = await collect(sseTransport({ url: playUrl(id) }));
      expect(outcome.text).to.equal('One two ');
      expect(outcome.error?.code).to.equal('network');
      expect(outcome.error?.message).to.contain('could not resume');
      expect((await logged(id)).map((entry) => entry.headers['last-event-id'])).to.deep.equal([
        undefined,
        '1',
      ]);
    });

    it('a server that answers the resume with an error status gives a network error with that status', async () => {
      const id = await script({
        replies: [
          sse({ body: 'retry: 5\n\nid: 7\n' + delta('Kept'), after: 'destroy' }),
          {
            status: 404,
            headers: { 'content-type': 'application/json' },
            body: '{"error":{"message":"stream expired"}}',
          },
        ],
      });
      const outcome = await collect(sseTransport({ url: playUrl(id) }));
      expect(outcome.text).to.equal('Kept');
      expect(outcome.error?.code).to.equal('network');
      expect(outcome.error?.status).to.equal(404);
      expect(outcome.error?.message).to.contain('stream expired');
    });

    it('counts resumeAttempts afresh after a resumed connection brought new events', async function () {
      this.timeout(15_000);
      // Three drops, each after one new event: one attempt each is enough.
      const drop = (n: number, text: string) =>
        sse({ body: `retry: 1\n\nid: ${n}\n${delta(text)}`, after: 'destroy' });
      const id = await script({
        replies: [
          drop(1, 'Each '),
          drop(2, 'resume '),
          drop(3, 'brings '),
          sse({ body: `id: 4\n${delta('more.')}data: [DONE]\n\n` }),
        ],
      });
      const outcome = await collect(sseTransport({ url: playUrl(id), resumeAttempts: 1 }));
      expect([outcome.text, outcome.error]).to.deep.equal(['Each resume brings more.', undefined]);
      expect((await logged(id)).map((entry) => entry.headers['last-event-id'])).to.deep.equal([
        undefined,
        '1',
        '2',
        '3',
      ]);
    });

    it('gives up after resumeAttempts reconnections that bring nothing new', async () => {
      const id = await script({
        replies: [
          sse({ body: 'retry: 1\n\nid: 1\n' + delta('Kept'), after: 'destroy' }),
          sse({ body: 'retry: 1\n\n', after: 'destroy' }),
        ],
      });
      const outcome = await collect(sseTransport({ url: playUrl(id), resumeAttempts: 2 }));
      expect(outcome.text).to.equal('Kept');
      expect(outcome.error?.code).to.equal('network');
      expect(await logged(id)).to.have.length(3);
    });
  });

  describe('HTTP errors', () => {
    const cases: [number, string, string, string][] = [
      [
        400,
        'application/json',
        '{"error":{"message":"messages: field required","type":"invalid_request_error"}}',
        'messages: field required',
      ],
      [
        401,
        'application/json',
        '{"error":{"message":"Incorrect API key provided","code":"invalid_api_key"}}',
        'Incorrect API key provided',
      ],
      [
        403,
        'application/json',
        '{"type":"error","error":{"type":"permission_error","message":"Forbidden model"}}',
        'Forbidden model',
      ],
      [
        404,
        'application/json',
        '{"error":"model \\"llama9\\" not found, try pulling it first"}',
        'model "llama9" not found, try pulling it first',
      ],
      [413, 'text/plain', 'Request Entity Too Large', 'Request Entity Too Large'],
      [
        429,
        'application/json',
        '{"code":"too_many_requests","message":"Rate limit reached","status":429}',
        'Rate limit reached',
      ],
      [500, 'application/json', '{"detail":"Internal model failure"}', 'Internal model failure'],
      [
        502,
        'text/html',
        '<html><body><h1>502 Bad Gateway</h1></body></html>',
        'HTTP 502 Bad Gateway.',
      ],
      [
        503,
        'application/json',
        '{"error":{"code":"unavailable"}}',
        'HTTP 503 Service Unavailable.',
      ],
    ];
    for (const [status, type, body, message] of cases) {
      it(`${status} becomes StreamError('http', ${status}) with the server's message`, async () => {
        const id = await script({ replies: [{ status, headers: { 'content-type': type }, body }] });
        const outcome = await collect(sseTransport({ url: playUrl(id) }));
        expect(outcome.error?.name).to.equal('StreamError');
        expect(outcome.error?.code).to.equal('http');
        expect(outcome.error?.status).to.equal(status);
        expect(outcome.error?.message).to.equal(message);
        expect(outcome.error?.retryable).to.equal(status === 429 || status >= 500);
        expect(outcome.parts).to.have.length(0);
      });
    }

    it('reads Retry-After as seconds or as an HTTP date', async () => {
      const id = await script({
        replies: [{ status: 429, headers: { 'retry-after': '7' }, body: 'slow down' }],
      });
      expect((await collect(sseTransport({ url: playUrl(id) }))).error?.retryAfter).to.equal(7000);
      const date = new Date(Date.now() + 60_000).toUTCString();
      const later = await script({
        replies: [{ status: 503, headers: { 'retry-after': date }, body: '' }],
      });
      const retryAfter =
        (await collect(sseTransport({ url: playUrl(later) }))).error?.retryAfter ?? 0;
      // An HTTP date has whole seconds, and the answer takes a moment to arrive.
      expect(retryAfter).to.be.within(55_000, 60_000);
    });

    it('a 200 that is not an event stream fails with the body message (WHATWG)', async () => {
      const id = await script({
        replies: [
          {
            headers: { 'content-type': 'application/json' },
            body: '{"error":{"message":"quota"}}',
          },
        ],
      });
      const outcome = await collect(sseTransport({ url: playUrl(id) }));
      expect(outcome.error?.code).to.equal('protocol');
      expect(outcome.error?.message).to.equal('quota');
    });

    it('an unreachable server is a retryable network error', async () => {
      const outcome = await collect(
        sseTransport({ url: 'http://127.0.0.1:9/v1/chat/completions' }),
      );
      expect(outcome.error?.code).to.equal('network');
      expect(outcome.error?.retryable).to.equal(true);
    });
  });

  describe('frames', () => {
    it('a malformed JSON frame is a protocol error, the text before it kept', async () => {
      const id = await script({
        replies: [
          sse({ body: delta('Before') + 'data: {"choices":[{"delta":\n\n' + delta('after') }),
        ],
      });
      const outcome = await collect(sseTransport({ url: playUrl(id) }));
      expect(outcome.text).to.equal('Before');
      expect(outcome.error?.code).to.equal('protocol');
      expect(outcome.error?.message).to.contain('Malformed JSON');
    });

    it('an in-stream error object is a provider error with its message', async () => {
      const body =
        delta('Partial') +
        'data: {"error":{"message":"The server had an error while processing your request."}}\n\n';
      const id = await script({ replies: [sse({ body })] });
      const outcome = await collect(sseTransport({ url: playUrl(id) }));
      expect(outcome.text).to.equal('Partial');
      expect(outcome.error?.code).to.equal('provider');
      expect(outcome.error?.message).to.equal(
        'The server had an error while processing your request.',
      );
    });

    it('a frame larger than 1 MB arrives whole', async () => {
      const big = 'é'.repeat(300_000) + 'x'.repeat(500_000);
      const id = await script({
        replies: [
          sse({ body: delta(big) + 'data: [DONE]\n\n', splits: randomSplits(1_200_000, 3, 40) }),
        ],
      });
      const outcome = await collect(sseTransport({ url: playUrl(id) }));
      expect(outcome.error).to.equal(undefined);
      expect(outcome.text.length).to.equal(big.length);
      expect(outcome.text === big).to.equal(true);
    });

    it('10,000 tiny frames give 10,000 parts in order', async function () {
      this.timeout(15_000);
      const body = Array.from({ length: 10_000 }, (_, i) => `data: ${i % 10}\n\n`).join('');
      const id = await script({
        replies: [sse({ body, splits: randomSplits(body.length, 5, 500) })],
      });
      const outcome = await collect(sseTransport({ url: playUrl(id), protocol: 'text' }));
      expect(outcome.parts).to.have.length(10_001);
      expect(outcome.text).to.equal('0123456789'.repeat(1000));
    });

    it('a slow drip of one byte per 50 ms is not an idle timeout', async function () {
      this.timeout(15_000);
      const body = 'data: Drip\n\ndata: ✓\n\n';
      const id = await script({ replies: [sse({ body, splits: 'bytes', delay: 50 })] });
      const outcome = await collect(
        sseTransport({ url: playUrl(id), protocol: 'text', idleTimeout: 1000 }),
      );
      expect(outcome.error).to.equal(undefined);
      expect(outcome.text).to.equal('Drip✓');
    });
  });

  describe('timeouts', () => {
    it('silence past the idle timeout is a timeout error, and the server sees the connection close', async () => {
      const probe = newProbeId();
      const id = await script({ replies: [sse({ body: delta('Then silence'), after: 'hang' })] });
      const timers = timerCounter();
      const outcome = await collect(sseTransport({ url: playUrl(id, probe), idleTimeout: 150 }));
      timers.restore();
      expect(outcome.text).to.equal('Then silence');
      expect(outcome.error?.code).to.equal('timeout');
      expect(outcome.error?.retryable).to.equal(true);
      expect(timers.live, timers.report).to.equal(0);
      await serverSawClose(probe);
    });

    it('no response headers within the connect timeout is a timeout error', async () => {
      const probe = newProbeId();
      const id = await script({ replies: [{ noHeaders: true }] });
      const outcome = await collect(sseTransport({ url: playUrl(id, probe), connectTimeout: 150 }));
      expect(outcome.error?.code).to.equal('timeout');
      expect(outcome.error?.message).to.contain('response');
      await serverSawClose(probe);
    });
  });

  describe('abort', () => {
    it('before the first byte: aborted, the server sees the close, nothing left running', async () => {
      const probe = newProbeId();
      const id = await script({ replies: [{ noHeaders: true }] });
      const controller = new AbortController();
      const timers = timerCounter();
      const iterator = open(sseTransport({ url: playUrl(id, probe) }), controller.signal);
      const next = iterator.next();
      await until(async () => (await readProbe(probe)).opened === 1, 'request reached the server');
      controller.abort();
      const outcome = await next.then(
        () => undefined,
        (error: { code: string }) => error.code,
      );
      timers.restore();
      expect(outcome).to.equal('aborted');
      expect(timers.live, timers.report).to.equal(0);
      await serverSawClose(probe);
    });

    it('mid-stream: the pending read settles within one turn and the server sees the close', async () => {
      const probe = newProbeId();
      const id = await script({
        // The second chunk would come a minute later: only the abort can end this read.
        replies: [
          sse({ ...chunked(delta('First'), delta('second')), delay: 60_000, after: 'hang' }),
        ],
      });
      const controller = new AbortController();
      const timers = timerCounter();
      const iterator = open(sseTransport({ url: playUrl(id, probe) }), controller.signal);
      expect((await iterator.next()).value).to.deep.equal({ type: 'text', text: 'First' });
      const next = iterator.next().then(
        () => 'value',
        (error: { code: string }) => error.code,
      );
      await timers.after(20);
      controller.abort();
      const macrotask = timers.after(0, 'macrotask');
      expect(await Promise.race([next, macrotask])).to.equal('aborted');
      timers.restore();
      expect(timers.live, timers.report).to.equal(0);
      await serverSawClose(probe);
      expect((await readProbe(probe)).finished).to.equal(0);
    });

    it('mid-stream while the caller holds a part: the connection closes without another read', async () => {
      const probe = newProbeId();
      const id = await script({
        replies: [sse({ ...chunked(delta('One'), delta('two')), delay: 60_000, after: 'hang' })],
      });
      const controller = new AbortController();
      const iterator = open(sseTransport({ url: playUrl(id, probe) }), controller.signal);
      await iterator.next();
      controller.abort();
      await serverSawClose(probe);
      await iterator.return?.();
    });

    it('after the end: nothing to abort, no error, no timers, the connection is closed', async () => {
      const probe = newProbeId();
      const id = await script({ replies: [sse({ body: delta('Done') + 'data: [DONE]\n\n' })] });
      const controller = new AbortController();
      const timers = timerCounter();
      const outcome = await collect(sseTransport({ url: playUrl(id, probe) }), controller.signal);
      controller.abort();
      timers.restore();
      expect(outcome.error).to.equal(undefined);
      expect(outcome.text).to.equal('Done');
      expect(timers.live, timers.report).to.equal(0);
      await serverSawClose(probe);
    });

    it('an already aborted signal sends nothing', async () => {
      const id = await script({ replies: [sse({ body: 'data: [DONE]\n\n' })] });
      const outcome = await collect(sseTransport({ url: playUrl(id) }), AbortSignal.abort());
      expect(outcome.error?.code).to.equal('aborted');
      expect(await logged(id)).to.have.length(0);
    });

    it('the finish ends the stream and releases the connection even if the server keeps it open', async () => {
      const probe = newProbeId();
      const body = 'data: {"type":"text-delta","delta":"Hi"}\n\ndata: {"type":"finish"}\n\n';
      const id = await script({ replies: [sse({ body, after: 'hang' })] });
      const parts: StreamPart[] = (
        await collect(sseTransport({ url: playUrl(id, probe), protocol: 'ai-sdk' }))
      ).parts;
      expect(parts).to.deep.equal([{ type: 'text', text: 'Hi' }, { type: 'finish' }]);
      await serverSawClose(probe);
    });
  });
});
