import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { ReactiveElement } from 'lit';
import { StreamController, type StreamResult } from '../../src/controllers/stream-controller.js';
import type { StreamTokenEvent } from '../../src/events/stream-token.js';
import { StreamError, type StreamPart } from '../../src/transports/transport.js';
import { ManualTransport, frames, until } from './manual-transport.js';

class StreamHost extends ReactiveElement {
  transport = new ManualTransport();
  parts: StreamPart[] = [];
  settled: StreamResult[] = [];
  /** What the host saw of the run when the final event arrived. */
  order: string[] = [];
  stream = new StreamController(this, {
    transport: () => this.transport,
    onPart: (part) => this.parts.push(part),
    onSettle: (result) => {
      this.settled.push(result);
      this.order.push(`settle:${result.status}`);
    },
  });
  constructor() {
    super();
    for (const type of ['stream-open', 'stream-end', 'stream-error', 'stream-abort']) {
      this.addEventListener(type, () => this.order.push(type));
    }
  }
}
customElements.define('stream-host', StreamHost);

const request = { messages: [{ role: 'user', content: 'Hi' }] as const };

async function host(): Promise<StreamHost> {
  return fixture<StreamHost>(html`<stream-host></stream-host>`);
}

describe('StreamController', function () {
  this.timeout(15_000);
  it('streams a reply: open, parts, end, with status along the way', async () => {
    const el = await host();
    const run = el.stream.run({ messages: [...request.messages] });
    expect(el.stream.status).to.equal('pending');
    expect(el.stream.running).to.equal(true);
    const opened = oneEvent(el, 'stream-open');
    el.transport.push({ type: 'reasoning', text: 'hmm' });
    const open = await opened;
    expect(open.detail.request.messages).to.deep.equal(request.messages);
    el.transport.text('Hel', 'lo');
    await until(() => el.stream.text === 'Hello');
    expect(el.stream.status).to.equal('streaming');
    const ended = oneEvent(el, 'stream-end');
    el.transport.end('stop');
    const end = await ended;
    await run;
    expect(end.detail).to.deep.equal({
      message: { role: 'assistant', content: 'Hello' },
      reason: 'stop',
    });
    expect(end.detail.message).to.equal(el.settled[0]?.message);
    expect(el.stream.status).to.equal('done');
    expect(el.stream.running).to.equal(false);
    expect(el.stream.reasoning).to.equal('hmm');
    expect(el.parts.map((part) => part.type)).to.deep.equal(['reasoning', 'text', 'text']);
    expect(el.order).to.deep.equal(['stream-open', 'settle:done', 'stream-end']);
    expect(el.transport.cleanups).to.equal(1);
    expect(el.transport.signal?.aborted).to.equal(true);
  });

  it('opens before ending even when the answer is empty, and has no reason without one', async () => {
    const el = await host();
    const ended = oneEvent(el, 'stream-end');
    const run = el.stream.run(request as never);
    el.transport.push({ type: 'finish' });
    expect((await ended).detail).to.deep.equal({ message: { role: 'assistant', content: '' } });
    await run;
    expect(el.order).to.deep.equal(['stream-open', 'settle:done', 'stream-end']);
  });

  it('reports a failure as stream-error with the error value and the partial text', async () => {
    const el = await host();
    const failed = oneEvent(el, 'stream-error');
    const run = el.stream.run(request as never);
    el.transport.text('Par', 'tial');
    await until(() => el.stream.text === 'Partial');
    el.transport.fail(new StreamError('http', 'Upstream overloaded', { status: 503 }));
    const event = await failed;
    await run;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail).to.deep.equal({
      error: { code: 'http', message: 'Upstream overloaded', status: 503, retryable: true },
      partial: 'Partial',
    });
    expect(el.stream.status).to.equal('error');
    expect(el.stream.error?.code).to.equal('http');
    expect(el.settled[0]?.error?.status).to.equal(503);
  });

  it('never opens a run that fails first, and wraps what a transport throws', async () => {
    const el = await host();
    el.transport = {
      stream: () => {
        throw new Error('no such protocol');
      },
    } as never;
    const failed = oneEvent(el, 'stream-error');
    await el.stream.run(request as never);
    expect((await failed).detail.error).to.deep.equal({
      code: 'protocol',
      message: 'no such protocol',
      retryable: false,
    });
    expect(el.order).to.deep.equal(['settle:error', 'stream-error']);
  });

  it('opens when the transport reports the connection, before any part, even if it then fails', async () => {
    const el = await host();
    el.transport = {
      async *stream(_request: unknown, { onOpen }: { onOpen?: () => void }) {
        onOpen?.();
        onOpen?.();
        await frames(1);
        throw new StreamError('network', 'dropped');
        yield* [];
      },
    } as never;
    const failed = oneEvent(el, 'stream-error');
    await el.stream.run(request as never);
    await failed;
    expect(el.order).to.deep.equal(['stream-open', 'settle:error', 'stream-error']);
  });

  it('abort() before the first part stops at once and keeps nothing', async () => {
    const el = await host();
    const run = el.stream.run(request as never);
    await frames(1);
    el.stream.abort();
    expect(el.order).to.deep.equal(['settle:aborted', 'stream-abort']);
    expect(el.transport.signal?.aborted).to.equal(true);
    await run;
    expect(el.stream.status).to.equal('aborted');
    expect(el.stream.running).to.equal(false);
    el.stream.abort();
    expect(el.order).to.have.length(2);
  });

  it('abort() mid-stream flushes pending tokens, then reports the partial text', async () => {
    const el = await host();
    const tokens: string[] = [];
    el.addEventListener('stream-token', (event) => tokens.push(event.detail.text));
    const aborted = oneEvent(el, 'stream-abort');
    void el.stream.run(request as never);
    el.transport.text('one ', 'two');
    await until(() => el.stream.text === 'one two');
    el.stream.abort();
    expect((await aborted).detail).to.deep.equal({ partial: 'one two' });
    expect(tokens.join('')).to.equal('one two');
    expect(el.settled[0]?.message.content).to.equal('one two');
  });

  it('a new run aborts the previous one first', async () => {
    const el = await host();
    const first = el.stream.run(request as never);
    el.transport.text('old');
    await until(() => el.stream.text === 'old');
    const firstSignal = el.transport.signal!;
    const second = el.stream.run(request as never);
    expect(firstSignal.aborted).to.equal(true);
    expect(el.settled.map((result) => result.status)).to.deep.equal(['aborted']);
    expect(el.stream.text).to.equal('');
    await first;
    el.transport.text('new');
    el.transport.end();
    await second;
    expect(el.settled.map((result) => [result.status, result.message.content])).to.deep.equal([
      ['aborted', 'old'],
      ['done', 'new'],
    ]);
  });

  it('removing the host aborts the run and releases the transport', async () => {
    const el = await host();
    const run = el.stream.run(request as never);
    el.transport.text('a');
    await until(() => el.stream.text === 'a');
    el.remove();
    expect(el.transport.signal?.aborted).to.equal(true);
    expect(el.order.at(-1)).to.equal('stream-abort');
    await run;
    await until(() => el.transport.cleanups === 1, 'the generator ran its cleanup');
  });

  it('settles even when the transport ignores the abort signal', async () => {
    const el = await host();
    el.transport.ignoreSignal = true;
    const run = el.stream.run(request as never);
    await frames(1);
    el.stream.abort();
    await run;
    expect(el.stream.status).to.equal('aborted');
  });

  it('coalesces stream-token events to at most one per animation frame, in order', async () => {
    const el = await host();
    let frame = 0;
    let counting = true;
    const tick = () => {
      frame += 1;
      if (counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const events: { frame: number; detail: StreamTokenEvent['detail'] }[] = [];
    el.addEventListener('stream-token', (event) => {
      expect(event.bubbles && event.composed && !event.cancelable).to.equal(true);
      events.push({ frame, detail: { ...event.detail } });
    });
    const ended = oneEvent(el, 'stream-end');
    void el.stream.run(request as never);
    el.transport.push({ type: 'reasoning', text: 'think ' }, { type: 'reasoning', text: 'more' });
    for (let i = 0; i < 40; i += 1) {
      el.transport.text(`t${i} `);
      if (i % 10 === 9) await frames(1);
      else await Promise.resolve();
    }
    await frames(2);
    el.transport.text('last');
    el.transport.end();
    await ended;
    counting = false;
    const streamed = events.slice(0, -1);
    const perFrame = new Set(streamed.map((event) => event.frame));
    expect(perFrame.size, 'one event per frame').to.equal(streamed.length);
    expect(events.length).to.be.below(42);
    expect(events[0]?.detail).to.deep.equal({ kind: 'reasoning', text: 'think more' });
    const text = events
      .filter((event) => event.detail.kind === 'text')
      .map((event) => event.detail.text)
      .join('');
    expect(text).to.equal(`${Array.from({ length: 40 }, (_, i) => `t${i} `).join('')}last`);
  });
});
