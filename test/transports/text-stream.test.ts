import { expect } from '@open-wc/testing';
import { textStreamTransport } from '../../src/transports/index.js';
import { newProbeId, readProbe } from '../helpers/server.js';
import { textBody } from './fixtures.js';
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
  expectStopWithinOneTurn,
} from './helpers.js';

const TEXT = { 'content-type': 'text/plain; charset=utf-8' };

describe('textStreamTransport', () => {
  it('the body is the answer: same text whole, byte by byte, at random splits and after a BOM', async function () {
    this.timeout(10_000);
    for (const body of [textBody, `\uFEFF${textBody}`]) {
      const length = utf8(body).length;
      const cuts: (number[] | 'bytes')[] = [
        'bytes',
        [],
        randomSplits(length, 31),
        randomSplits(length, 32),
      ];
      for (const splits of cuts) {
        const id = await script({ replies: [{ headers: TEXT, body, splits }] });
        const outcome = await collect(textStreamTransport({ url: playUrl(id) }));
        expect(outcome.error).to.equal(undefined);
        expect(outcome.text).to.equal(textBody);
        expect(outcome.parts.at(-1)).to.deep.equal({ type: 'finish' });
      }
    }
  });

  it("sends { model, messages } by default, or the chosen protocol's body", async () => {
    const id = await script({ replies: [{ headers: TEXT, body: 'ok' }] });
    await collect(textStreamTransport({ url: playUrl(id) }));
    await collect(textStreamTransport({ url: playUrl(id), protocol: 'openai' }));
    const [plain, openai] = await logged(id);
    expect(JSON.parse(plain!.body)).to.deep.equal({
      model: 'test-model',
      messages: request.messages,
    });
    expect(JSON.parse(openai!.body)).to.deep.equal({
      model: 'test-model',
      messages: request.messages,
      stream: true,
    });
  });

  it('a drop (no terminating chunk) is a network error that keeps the partial text', async () => {
    const id = await script({ replies: [{ headers: TEXT, body: 'Half an', after: 'destroy' }] });
    const outcome = await collect(textStreamTransport({ url: playUrl(id) }));
    expect(outcome.text).to.equal('Half an');
    expect(outcome.error?.code).to.equal('network');
  });

  it('HTTP errors carry the plain text message', async () => {
    const id = await script({
      replies: [{ status: 401, headers: TEXT, body: 'Missing bearer token' }],
    });
    const outcome = await collect(textStreamTransport({ url: playUrl(id) }));
    expect([outcome.error?.code, outcome.error?.status, outcome.error?.message]).to.deep.equal([
      'http',
      401,
      'Missing bearer token',
    ]);
  });

  it('abort mid-stream: aborted, the server sees the close, no timers left', async () => {
    const probe = newProbeId();
    const id = await script({
      replies: [{ headers: TEXT, ...chunked('One ', 'two'), delay: 60_000, after: 'hang' }],
    });
    const controller = new AbortController();
    const timers = timerCounter();
    const iterator = open(textStreamTransport({ url: playUrl(id, probe) }), controller.signal);
    expect((await iterator.next()).value).to.deep.equal({ type: 'text', text: 'One ' });
    await expectStopWithinOneTurn(iterator, controller, timers);
    await until(async () => (await readProbe(probe)).closed === 1, 'server saw the close');
  });
});
