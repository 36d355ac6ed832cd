import { expect } from '@open-wc/testing';
import { mockTransport, StreamError, textSteps } from '../../src/transports/index.js';
import { collect, request, timerCounter } from './helpers.js';

describe('mockTransport', () => {
  it('replays scripted parts, chosen from the request when the script is a function', async () => {
    const transport = mockTransport({
      script: (chat) => textSteps(`Echo: ${chat.messages.at(-1)!.content}`, 3),
    });
    const outcome = await collect(transport);
    expect(outcome.text).to.equal('Echo: Hi');
    expect(outcome.parts).to.have.length(4);
    expect(outcome.finish).to.equal('stop');
  });

  it('throws scripted errors after the parts before them', async () => {
    const error = new StreamError('http', 'Too many requests', { status: 429 });
    const outcome = await collect(
      mockTransport({
        script: [
          { type: 'text', text: 'a' },
          { type: 'error', error },
        ],
      }),
    );
    expect([outcome.text, outcome.error]).to.deep.equal(['a', error]);
  });

  it('an abort during a wait stops at once and leaves no timer', async () => {
    const controller = new AbortController();
    const timers = timerCounter();
    const transport = mockTransport({
      script: [
        { type: 'text', text: 'a' },
        { type: 'wait', ms: 60_000 },
        { type: 'text', text: 'b' },
      ],
    });
    const outcome = await collect(transport, controller.signal, request, () => controller.abort());
    timers.restore();
    expect([outcome.text, outcome.error?.code]).to.deep.equal(['a', 'aborted']);
    expect(timers.live, timers.report).to.equal(0);
  });
});
