import { expect } from '@open-wc/testing';
import {
  eventSourceTransport,
  retryTransport,
  sseTransport,
  textStreamTransport,
  type StreamError,
} from '../../src/transports/index.js';
import { newProbeId, readProbe } from '../helpers/server.js';
import {
  collect,
  logged,
  open,
  playUrl,
  script,
  timerCounter,
  until,
  type HttpReply,
} from './helpers.js';

const SSE = { 'content-type': 'text/event-stream' };
const delta = (content: string) =>
  `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;
const sse = (reply: HttpReply): HttpReply => ({ ...reply, headers: { ...SSE, ...reply.headers } });

/** A port on 127.0.0.1 nothing listens on (the server bound it and let it go). */
async function refusedUrl(): Promise<string> {
  const { port } = (await (await fetch('/mock/faults/free-port')).json()) as { port: number };
  return `http://127.0.0.1:${port}/v1/chat/completions`;
}

describe('HTTP channel faults', function () {
  this.timeout(15_000);
  it('headers() rejecting fails the reply with its message; nothing is sent, no timer left', async () => {
    const id = await script({ replies: [sse({ body: 'data: [DONE]\n\n' })] });
    const timers = timerCounter();
    const outcome = await collect(
      sseTransport({
        url: playUrl(id),
        headers: () => Promise.reject(new Error('The token could not be refreshed.')),
      }),
    );
    timers.restore();
    expect(outcome.error?.name).to.equal('StreamError');
    expect(outcome.error?.message).to.equal('The token could not be refreshed.');
    expect(timers.live, timers.report).to.equal(0);
    expect(await logged(id)).to.have.length(0);
  });

  it('body() throwing fails the reply with its message; nothing is sent, no timer left', async () => {
    const id = await script({ replies: [sse({ body: 'data: [DONE]\n\n' })] });
    const timers = timerCounter();
    const outcome = await collect(
      sseTransport({
        url: playUrl(id),
        body: () => {
          throw new Error('Cannot build the body.');
        },
      }),
    );
    timers.restore();
    expect(outcome.error?.name).to.equal('StreamError');
    expect(outcome.error?.message).to.equal('Cannot build the body.');
    expect(timers.live, timers.report).to.equal(0);
    expect(await logged(id)).to.have.length(0);
  });

  it('the fetch option is the one used, with the request the channel built', async () => {
    const id = await script({
      replies: [sse({ body: delta('Via my fetch') + 'data: [DONE]\n\n' })],
    });
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const custom: typeof fetch = (input, init) => {
      seen.push({ url: String(input), init });
      const headers = new Headers(init?.headers);
      headers.set('x-proxied', 'yes');
      return fetch(input, { ...init, headers });
    };
    const outcome = await collect(sseTransport({ url: playUrl(id), fetch: custom }));
    expect([outcome.text, outcome.error]).to.deep.equal(['Via my fetch', undefined]);
    expect(seen).to.have.length(1);
    expect(seen[0]!.init?.method).to.equal('POST');
    expect(JSON.parse(String(seen[0]!.init?.body))).to.deep.include({ model: 'test-model' });
    expect((await logged(id))[0]!.headers['x-proxied']).to.equal('yes');
  });

  it('a response without a body is a cut-off answer (network), for SSE and for plain text', async () => {
    const empty: typeof fetch = () =>
      Promise.resolve(new Response(null, { status: 200, headers: SSE }));
    const outcome = await collect(sseTransport({ url: '/nowhere', fetch: empty }));
    expect(outcome.error?.code).to.equal('network');
    expect(outcome.error?.message).to.contain('closed before the answer finished');
    const text = await collect(textStreamTransport({ url: '/nowhere', fetch: empty }));
    expect([text.text, text.error?.code]).to.deep.equal(['', undefined]);
    expect(text.finished).to.equal(true);
  });

  it('connectTimeout: 0 and idleTimeout: 0 arm no timer: only an abort ends the wait', async () => {
    const probe = newProbeId();
    const silent = await script({ replies: [{ noHeaders: true }] });
    const timers = timerCounter();
    const controller = new AbortController();
    const pending = collect(
      sseTransport({ url: playUrl(silent, probe), connectTimeout: 0, idleTimeout: 0 }),
      controller.signal,
    );
    await until(async () => (await logged(silent)).length === 1, 'the server has the request');
    expect(timers.live, `a timer while connecting:\n${timers.report}`).to.equal(0);
    controller.abort();
    expect((await pending).error?.code).to.equal('aborted');

    const hanging = await script({
      replies: [sse({ body: delta('Then nothing'), after: 'hang' })],
    });
    const other = new AbortController();
    const iterator = open(
      sseTransport({ url: playUrl(hanging), connectTimeout: 0, idleTimeout: 0 }),
      other.signal,
    );
    expect((await iterator.next()).value).to.deep.equal({ type: 'text', text: 'Then nothing' });
    const next = iterator.next().then(
      () => 'value',
      (error: StreamError) => error.code,
    );
    expect(timers.live, `a timer while reading:\n${timers.report}`).to.equal(0);
    other.abort();
    expect(await next).to.equal('aborted');
    timers.restore();
    expect(timers.live, timers.report).to.equal(0);
  });
});

describe('EventSource channel options', function () {
  this.timeout(15_000);
  it('connectTimeout: a server that never answers is a timeout, the connection closed', async () => {
    const probe = newProbeId();
    const id = await script({ replies: [{ noHeaders: true }] });
    const timers = timerCounter();
    const outcome = await collect(
      eventSourceTransport({ url: playUrl(id, probe), connectTimeout: 100 }),
    );
    timers.restore();
    expect(outcome.error?.code).to.equal('timeout');
    expect(outcome.error?.message).to.contain('connection');
    expect(timers.live, timers.report).to.equal(0);
    await until(async () => (await readProbe(probe)).closed === 1, 'the server saw the close');
  });

  it('withCredentials is passed to the EventSource', async () => {
    const id = await script({ replies: [sse({ body: delta('Hi') + 'data: [DONE]\n\n' })] });
    const Native = window.EventSource;
    const made: EventSource[] = [];
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        made.push(this);
      }
    };
    try {
      const outcome = await collect(
        eventSourceTransport({ url: playUrl(id), withCredentials: true }),
      );
      expect(outcome.text).to.equal('Hi');
      const plain = await collect(eventSourceTransport({ url: playUrl(id) }));
      expect(plain.text).to.equal('Hi');
    } finally {
      window.EventSource = Native;
    }
    expect(made.map((source) => source.withCredentials)).to.deep.equal([true, false]);
  });

  it('events: the named events listed are heard, others are not', async () => {
    const body =
      'event: answer\ndata: Heard\n\n' +
      'event: other\ndata: Ignored\n\n' +
      'event: answer\ndata: !\n\n';
    const id = await script({ replies: [sse({ body })] });
    const outcome = await collect(
      eventSourceTransport({ url: playUrl(id), protocol: 'text', events: ['answer'] }),
    );
    expect([outcome.text, outcome.error]).to.deep.equal(['Heard!', undefined]);
  });
});

describe('retryTransport over real connections', function () {
  this.timeout(15_000);
  it('a refused connection is retried `attempts` times, then fails with a network error', async () => {
    const url = await refusedUrl();
    const retries: string[] = [];
    const outcome = await collect(
      retryTransport(sseTransport({ url }), {
        attempts: 2,
        base: 5,
        cap: 20,
        onRetry: (error) => retries.push(error.code),
      }),
    );
    expect(outcome.error?.code).to.equal('network');
    expect(retries).to.deep.equal(['network', 'network']);
  });

  it('a connection dropped before any text is retried, and the next answer comes through', async () => {
    const id = await script({
      replies: [
        sse({ body: '', after: 'destroy' }),
        sse({ body: delta('Second time lucky') + 'data: [DONE]\n\n' }),
      ],
    });
    const retries: string[] = [];
    const outcome = await collect(
      retryTransport(sseTransport({ url: playUrl(id) }), {
        base: 5,
        cap: 20,
        onRetry: (error) => retries.push(error.code),
      }),
    );
    expect([outcome.text, outcome.error]).to.deep.equal(['Second time lucky', undefined]);
    expect(retries).to.deep.equal(['network']);
    expect(await logged(id)).to.have.length(2);
  });

  it('a connection dropped after text arrived is not retried (it would repeat the text)', async () => {
    const id = await script({
      replies: [
        sse({ body: delta('Half'), after: 'destroy' }),
        sse({ body: delta('Again') + 'data: [DONE]\n\n' }),
      ],
    });
    const retries: string[] = [];
    const outcome = await collect(
      retryTransport(sseTransport({ url: playUrl(id) }), {
        base: 5,
        onRetry: (error) => retries.push(error.code),
      }),
    );
    expect([outcome.text, outcome.error?.code]).to.deep.equal(['Half', 'network']);
    expect(retries).to.deep.equal([]);
    expect(await logged(id)).to.have.length(1);
  });
});
