import { expect } from '@open-wc/testing';
import {
  createTransport,
  retryTransport,
  StreamError,
  type ChatTransport,
} from '../../src/transports/index.js';
import { socketUrl } from '../helpers/server.js';
import { collect, logged, playUrl, script } from './helpers.js';

describe('createTransport (what <stream-chat> attributes build)', () => {
  it('sse + openai by attribute values', async () => {
    const id = await script({
      replies: [
        {
          headers: { 'content-type': 'text/event-stream' },
          body: 'data: {"choices":[{"delta":{"content":"A"}}]}\n\ndata: [DONE]\n\n',
        },
      ],
    });
    const outcome = await collect(
      createTransport({ transport: 'sse', url: playUrl(id), protocol: 'openai' }),
    );
    expect([outcome.text, outcome.finished]).to.deep.equal(['A', true]);
  });

  it('ndjson + ollama', async () => {
    const id = await script({
      replies: [{ body: '{"message":{"content":"B"},"done":false}\n{"done":true}\n' }],
    });
    const outcome = await collect(
      createTransport({ transport: 'ndjson', url: playUrl(id), protocol: 'ollama' }),
    );
    expect([outcome.text, outcome.finished]).to.deep.equal(['B', true]);
  });

  it('text, whatever the protocol attribute says', async () => {
    const id = await script({ replies: [{ body: 'C' }] });
    const outcome = await collect(
      createTransport({ transport: 'text', url: playUrl(id), protocol: 'openai' }),
    );
    expect([outcome.text, outcome.finished]).to.deep.equal(['C', true]);
  });

  it('websocket + text, with a relative http URL mapped to ws:', async () => {
    const id = await script({ frames: ['D'], close: { code: 1000 } });
    const url = new URL(socketUrl(`/mock/t/ws?id=${id}`));
    const outcome = await collect(
      createTransport({
        transport: 'websocket',
        url: `${url.pathname}${url.search}`,
        protocol: 'text',
      }),
    );
    expect([outcome.text, outcome.finished]).to.deep.equal(['D', true]);
  });

  it('unknown transport and protocol names fail the stream with a protocol error', async () => {
    const transport = createTransport({
      transport: 'carrier-pigeon' as 'sse',
      url: '/x',
      protocol: 'openai',
    });
    expect((await collect(transport)).error?.code).to.equal('protocol');
    const inherited = createTransport({
      transport: 'constructor' as 'sse',
      url: '/x',
      protocol: 'openai',
    });
    expect((await collect(inherited)).error?.code).to.equal('protocol');
    const protocol = createTransport({ transport: 'sse', url: '/x', protocol: 'klingon' });
    const error = (await collect(protocol)).error;
    expect([error?.code, error?.message]).to.deep.equal([
      'protocol',
      'Unknown protocol "klingon".',
    ]);
  });
});

describe('retryTransport', () => {
  /** A transport failing with the given errors, then answering. */
  function flaky(errors: StreamError[], started = false): ChatTransport & { calls: number } {
    const transport = {
      calls: 0,
      async *stream() {
        transport.calls += 1;
        const error = errors.shift();
        if (started) yield { type: 'text' as const, text: 'partial' };
        if (error) throw error;
        yield { type: 'text' as const, text: 'ok' };
      },
    };
    return transport;
  }

  it('retries a retryable failure that came before any part, honouring Retry-After', async () => {
    const delays: number[] = [];
    const inner = flaky([
      new StreamError('http', 'busy', { status: 429, retryAfter: 20 }),
      new StreamError('network', 'down'),
    ]);
    const outcome = await collect(
      retryTransport(inner, { base: 5, cap: 100, onRetry: (_, delay) => delays.push(delay) }),
    );
    expect([outcome.text, inner.calls]).to.deep.equal(['ok', 3]);
    expect(delays[0]).to.equal(20);
    expect(delays[1]).to.be.within(2.5, 10);
  });

  it('retries a real 503 with Retry-After: 0 from the server', async () => {
    const { sseTransport } = await import('../../src/transports/index.js');
    const id = await script({
      replies: [
        { status: 503, headers: { 'retry-after': '0' }, body: 'warming up' },
        {
          headers: { 'content-type': 'text/event-stream' },
          body: 'data: {"choices":[{"delta":{"content":"up"}}]}\n\ndata: [DONE]\n\n',
        },
      ],
    });
    const outcome = await collect(retryTransport(sseTransport({ url: playUrl(id) })));
    expect(outcome.text).to.equal('up');
    expect(await logged(id)).to.have.length(2);
  });

  it('does not retry errors that are not retryable, nor after text was shown, nor past `attempts`', async () => {
    const auth = flaky([new StreamError('http', 'no', { status: 401 })]);
    expect((await collect(retryTransport(auth))).error?.status).to.equal(401);
    expect(auth.calls).to.equal(1);

    const partial = flaky([new StreamError('network', 'cut')], true);
    const outcome = await collect(retryTransport(partial, { base: 1 }));
    expect([outcome.text, outcome.error?.code, partial.calls]).to.deep.equal([
      'partial',
      'network',
      1,
    ]);

    const down = flaky([1, 2, 3, 4].map(() => new StreamError('network', 'down')));
    expect((await collect(retryTransport(down, { attempts: 2, base: 1 }))).error?.code).to.equal(
      'network',
    );
    expect(down.calls).to.equal(3);
  });

  it('gives up at once when Retry-After asks for longer than the cap', async () => {
    const inner = flaky([new StreamError('http', 'later', { status: 429, retryAfter: 60_000 })]);
    const outcome = await collect(retryTransport(inner, { cap: 1000 }));
    expect([outcome.error?.retryAfter, inner.calls]).to.deep.equal([60_000, 1]);
  });

  it('an abort during the wait stops at once', async () => {
    const controller = new AbortController();
    const inner = flaky([new StreamError('network', 'down')]);
    const pending = collect(
      retryTransport(inner, { base: 10_000, cap: 20_000, onRetry: () => controller.abort() }),
      controller.signal,
    );
    expect((await pending).error?.code).to.equal('aborted');
  });
});
