import { expect } from '@open-wc/testing';
import { ndjsonTransport } from '../../src/transports/index.js';
import { newProbeId, readProbe } from '../helpers/server.js';
import { fixtures, lineEndings } from './fixtures.js';
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

const NDJSON = { 'content-type': 'application/x-ndjson' };
const line = (content: string, done = false) =>
  `${JSON.stringify({ model: 'm', message: { role: 'assistant', content }, done, ...(done ? { done_reason: 'stop' } : {}) })}\n`;

describe('ndjsonTransport', () => {
  const ollama = fixtures.find((fixture) => fixture.protocol === 'ollama')!;

  it('replays the recorded Ollama stream with LF/CRLF/CR/BOM, whole, byte by byte and at random splits', async function () {
    this.timeout(20_000);
    for (const [ending, convert] of Object.entries(lineEndings)) {
      const body = convert(ollama.body);
      const length = utf8(body).length;
      const cuts: (number[] | 'bytes')[] = [
        'bytes',
        [],
        randomSplits(length, 21),
        randomSplits(length, 22),
      ];
      for (const splits of cuts) {
        const id = await script({ replies: [{ headers: NDJSON, body, splits }] });
        const outcome = await collect(ndjsonTransport({ url: playUrl(id) }));
        expect(outcome.error, ending).to.equal(undefined);
        expect(outcome.parts, ending).to.deep.equal(ollama.parts);
      }
    }
  });

  it('POSTs the Ollama body by default; a last line without newline still counts', async () => {
    const id = await script({
      replies: [{ headers: NDJSON, body: line('Hi') + line('', true).trimEnd() }],
    });
    const outcome = await collect(ndjsonTransport({ url: playUrl(id) }));
    expect(outcome.text).to.equal('Hi');
    expect(outcome.finish).to.equal('stop');
    const [sent] = await logged(id);
    expect(sent?.headers.accept).to.contain('application/x-ndjson');
    expect(JSON.parse(sent!.body)).to.deep.equal({
      model: 'test-model',
      messages: request.messages,
      stream: true,
    });
  });

  it('decodes any protocol carried as JSON lines (here OpenAI chunks)', async () => {
    const body = `${JSON.stringify({ choices: [{ delta: { content: 'Hey' } }] })}\n[DONE]\n`;
    const id = await script({ replies: [{ headers: NDJSON, body }] });
    const outcome = await collect(ndjsonTransport({ url: playUrl(id), protocol: 'openai' }));
    expect([outcome.text, outcome.finished]).to.deep.equal(['Hey', true]);
  });

  it('a mid-stream {"error"} is a provider error with the text so far', async () => {
    const id = await script({
      replies: [
        {
          headers: NDJSON,
          body: line('Part') + '{"error":"model runner has unexpectedly stopped"}\n',
        },
      ],
    });
    const outcome = await collect(ndjsonTransport({ url: playUrl(id) }));
    expect(outcome.text).to.equal('Part');
    expect([outcome.error?.code, outcome.error?.message]).to.deep.equal([
      'provider',
      'model runner has unexpectedly stopped',
    ]);
  });

  it('a malformed line is a protocol error', async () => {
    const id = await script({
      replies: [{ headers: NDJSON, body: line('Part') + '{"message":\n' }],
    });
    expect((await collect(ndjsonTransport({ url: playUrl(id) }))).error?.code).to.equal('protocol');
  });

  it('a drop before done:true is a network error that keeps the partial text', async () => {
    const id = await script({
      replies: [{ headers: NDJSON, body: line('Half'), after: 'destroy' }],
    });
    const outcome = await collect(ndjsonTransport({ url: playUrl(id) }));
    expect(outcome.text).to.equal('Half');
    expect(outcome.error?.code).to.equal('network');
    expect(outcome.error?.message).to.contain('closed before the answer finished');
  });

  it('a clean end before done:true is cut off too', async () => {
    const id = await script({ replies: [{ headers: NDJSON, body: line('Half') }] });
    expect((await collect(ndjsonTransport({ url: playUrl(id) }))).error?.code).to.equal('network');
  });

  it('HTTP errors carry the status and the server message', async () => {
    const id = await script({
      replies: [
        {
          status: 404,
          headers: { 'content-type': 'application/json' },
          body: '{"error":"model \\"x\\" not found"}',
        },
      ],
    });
    const outcome = await collect(ndjsonTransport({ url: playUrl(id) }));
    expect([outcome.error?.code, outcome.error?.status, outcome.error?.message]).to.deep.equal([
      'http',
      404,
      'model "x" not found',
    ]);
  });

  it('silence past the idle timeout is a timeout; the server sees the close; no timers left', async () => {
    const probe = newProbeId();
    const id = await script({ replies: [{ headers: NDJSON, body: line('Wait'), after: 'hang' }] });
    const timers = timerCounter();
    const outcome = await collect(ndjsonTransport({ url: playUrl(id, probe), idleTimeout: 150 }));
    timers.restore();
    expect(outcome.error?.code).to.equal('timeout');
    expect(timers.live, timers.report).to.equal(0);
    await until(async () => (await readProbe(probe)).closed === 1, 'server saw the close');
  });

  it('abort mid-stream: aborted at once, the server sees the close, no timers left', async () => {
    const probe = newProbeId();
    const id = await script({
      replies: [
        { headers: NDJSON, ...chunked(line('One'), line('two')), delay: 60_000, after: 'hang' },
      ],
    });
    const controller = new AbortController();
    const timers = timerCounter();
    const iterator = open(ndjsonTransport({ url: playUrl(id, probe) }), controller.signal);
    await iterator.next();
    await expectStopWithinOneTurn(iterator, controller, timers);
    await until(async () => (await readProbe(probe)).closed === 1, 'server saw the close');
  });
});
