import { expect } from '@open-wc/testing';
import { eventSourceTransport } from '../../src/transports/index.js';
import { newProbeId, readProbe } from '../helpers/server.js';
import { fixtures } from './fixtures.js';
import {
  chunked,
  collect,
  logged,
  open,
  playUrl,
  randomSplits,
  request,
  script,
  timerCounter,
  until,
  utf8,
  type HttpReply,
  expectStopWithinOneTurn,
} from './helpers.js';

const sse = (reply: HttpReply): HttpReply => ({
  ...reply,
  headers: { 'content-type': 'text/event-stream' },
});
const delta = (content: string) =>
  `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;

describe('eventSourceTransport', () => {
  for (const fixture of fixtures.filter((f) => f.framing === 'sse')) {
    it(`${fixture.name}: the recorded stream through the browser's EventSource, whole and at random splits`, async () => {
      for (const body of [fixture.body, fixture.body.replaceAll('\n', '\r\n')]) {
        for (const splits of [[], randomSplits(utf8(body).length, 41)]) {
          const id = await script({ replies: [sse({ body, splits })] });
          const outcome = await collect(
            eventSourceTransport({ url: playUrl(id), protocol: fixture.protocol }),
          );
          expect(outcome.error).to.equal(undefined);
          expect(outcome.parts).to.deep.equal(fixture.parts);
        }
      }
    });
  }

  it('sends the request as JSON in the `request` query parameter (or the one named), with GET', async () => {
    const id = await script({ replies: [sse({ body: 'data: [DONE]\n\n' })] });
    await collect(eventSourceTransport({ url: playUrl(id) }));
    await collect(
      eventSourceTransport({
        url: playUrl(id),
        param: 'q',
        body: (chat) => chat.messages.at(-1)!.content,
      }),
    );
    const [first, second] = await logged(id);
    const query = (url = '') => new URL(url, location.href).searchParams;
    expect(first?.method).to.equal('GET');
    expect(first?.headers.accept).to.equal('text/event-stream');
    expect(JSON.parse(query(first?.url).get('request')!)).to.deep.equal({
      model: 'test-model',
      messages: request.messages,
      stream: true,
    });
    expect(query(second?.url).get('q')).to.equal('Hi');
  });

  it('a URL function builds the whole URL from the request', async () => {
    const id = await script({ replies: [sse({ body: 'data: [DONE]\n\n' })] });
    const outcome = await collect(
      eventSourceTransport({
        url: (chat) => `${playUrl(id)}&ask=${encodeURIComponent(chat.messages.at(-1)!.content)}`,
      }),
    );
    expect(outcome.finished).to.equal(true);
  });

  it('reconnects natively with Last-Event-ID after a drop and continues without duplicates', async () => {
    const id = `es-${newProbeId()}`;
    const outcome = await collect(
      eventSourceTransport({ url: `/mock/t/resumable?id=${id}&drop=4` }),
    );
    expect(outcome.error).to.equal(undefined);
    expect(outcome.text).to.equal('Resumed streams lose no words and repeat none.');
    expect((await logged(id)).map((entry) => entry.headers['last-event-id'])).to.deep.equal([
      undefined,
      '3',
    ]);
  });

  it('bounds the native reconnection: a server that keeps dropping fails after `reconnects` tries', async () => {
    const id = await script({
      replies: [
        sse({ body: 'retry: 5\n\nid: 1\n' + delta('Kept'), after: 'destroy' }),
        sse({ body: 'retry: 5\n\n', after: 'destroy' }),
      ],
    });
    const outcome = await collect(eventSourceTransport({ url: playUrl(id), reconnects: 2 }));
    expect(outcome.text).to.equal('Kept');
    expect(outcome.error?.code).to.equal('network');
    expect(await logged(id)).to.have.length(3);
  });

  it('a server that replays ids it already sent cannot resume: network error, partial kept', async () => {
    const first = 'retry: 5\n\nid: 0\n' + delta('One ');
    const id = await script({
      replies: [sse({ body: first, after: 'destroy' }), sse({ body: first + 'data: [DONE]\n\n' })],
    });
    const outcome = await collect(eventSourceTransport({ url: playUrl(id) }));
    expect(outcome.text).to.equal('One ');
    expect(outcome.error?.message).to.contain('could not resume');
  });

  it('a drop without event ids fails at once instead of letting the server start over', async () => {
    const id = await script({
      replies: [sse({ body: 'retry: 5\n\n' + delta('Half'), after: 'destroy' })],
    });
    const outcome = await collect(eventSourceTransport({ url: playUrl(id) }));
    expect(outcome.text).to.equal('Half');
    expect(outcome.error?.code).to.equal('network');
    expect(await logged(id)).to.have.length(1);
  });

  it('an HTTP error is a network error (EventSource hides the status)', async () => {
    const id = await script({ replies: [{ status: 401, body: 'nope' }] });
    const outcome = await collect(eventSourceTransport({ url: playUrl(id) }));
    expect(outcome.error?.code).to.equal('network');
    expect(await logged(id)).to.have.length(1);
  });

  it('an `event: error` from the server is a provider error, not a connection failure', async () => {
    const body =
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const id = await script({ replies: [sse({ body })] });
    const outcome = await collect(
      eventSourceTransport({ url: playUrl(id), protocol: 'anthropic' }),
    );
    expect([outcome.error?.code, outcome.error?.message]).to.deep.equal(['provider', 'Overloaded']);
  });

  it('with the text protocol the end of the stream ends the answer', async () => {
    const id = await script({ replies: [sse({ body: 'data: Just text\n\n' })] });
    const outcome = await collect(eventSourceTransport({ url: playUrl(id), protocol: 'text' }));
    expect([outcome.text, outcome.finished]).to.deep.equal(['Just text', true]);
  });

  it('an already aborted signal opens no connection', async () => {
    const id = await script({ replies: [sse({ body: 'data: [DONE]\n\n' })] });
    const outcome = await collect(eventSourceTransport({ url: playUrl(id) }), AbortSignal.abort());
    expect(outcome.error?.code).to.equal('aborted');
    expect(await logged(id)).to.have.length(0);
  });

  it('silence past the idle timeout is a timeout; the server sees the close; no timers left', async () => {
    const probe = newProbeId();
    const id = await script({ replies: [sse({ body: delta('Wait'), after: 'hang' })] });
    const timers = timerCounter();
    const outcome = await collect(
      eventSourceTransport({ url: playUrl(id, probe), idleTimeout: 150 }),
    );
    timers.restore();
    expect(outcome.error?.code).to.equal('timeout');
    expect(timers.live, timers.report).to.equal(0);
    await until(async () => (await readProbe(probe)).closed === 1, 'server saw the close');
  });

  it('abort mid-stream: aborted at once, the server sees the close, no timers left', async () => {
    const probe = newProbeId();
    const id = await script({
      replies: [sse({ ...chunked(delta('One'), delta('two')), delay: 60_000, after: 'hang' })],
    });
    const controller = new AbortController();
    const timers = timerCounter();
    const iterator = open(
      eventSourceTransport({ url: playUrl(id, probe) }),
      controller.signal,
      request,
    );
    await iterator.next();
    await expectStopWithinOneTurn(iterator, controller, timers);
    await until(async () => (await readProbe(probe)).closed === 1, 'server saw the close');
  });
});
