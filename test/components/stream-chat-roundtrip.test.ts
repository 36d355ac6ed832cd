import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { StreamChat, StreamTokenEvent, TokenView } from '../../src/index.js';
import { newProbeId, readProbe } from '../helpers/server.js';
import { until } from '../controllers/manual-transport.js';
import { withoutId, withoutIds } from '../helpers/messages.js';

/** Full round trips through the real transports to the helper servers (test/server/routes/chat.mjs). */

async function lastAnswer(el: StreamChat): Promise<string> {
  await el.updateComplete;
  const views = el.shadowRoot!.querySelectorAll<TokenView>(
    '[part~=assistant-message] > token-view',
  );
  const view = views[views.length - 1]!;
  await view.updateComplete;
  return view.shadowRoot!.querySelector('[part=content]')!.textContent!.trim();
}

describe('<stream-chat> round trips', function () {
  this.timeout(15_000);
  for (const transport of ['sse', 'websocket'] as const) {
    it(`streams an OpenAI answer over ${transport === 'sse' ? 'SSE' : 'a WebSocket'}`, async () => {
      const probe = newProbeId(`chat-${transport}`);
      const path = transport === 'sse' ? '/mock/chat/openai' : '/mock/chat/ws';
      const el = await fixture<StreamChat>(
        html`<stream-chat
          .endpoint=${`${path}?reasoning=1&probe=${probe}`}
          transport=${transport}
          protocol="openai"
          model="llama3.2"
        ></stream-chat>`,
      );
      const tokens: StreamTokenEvent['detail'][] = [];
      el.addEventListener('stream-token', (event) => tokens.push(event.detail));
      const opened = oneEvent(el, 'stream-open');
      const ended = oneEvent(el, 'stream-end');
      void el.send('How are **you**?');
      const { request } = (await opened).detail;
      expect(request.messages[0]!.id).to.be.a('string').and.not.equal('');
      expect({ ...request, messages: withoutIds(request.messages) }).to.deep.equal({
        messages: [{ role: 'user', content: 'How are **you**?' }],
        model: 'llama3.2',
      });
      const end = await ended;
      const answer = 'Echo (llama3.2): How are **you**?';
      expect({ ...end.detail, message: withoutId(end.detail.message) }).to.deep.equal({
        message: { role: 'assistant', content: answer },
        reason: 'stop',
      });
      expect(tokens[0]).to.deep.equal({ kind: 'reasoning', text: 'Thinking about it.' });
      expect(
        tokens
          .filter((token) => token.kind === 'text')
          .map((token) => token.text)
          .join(''),
      ).to.equal(answer);
      expect(await lastAnswer(el)).to.equal('Echo (llama3.2): How are you?');
      expect(el.shadowRoot!.querySelector('[part=reasoning] summary')!.textContent).to.equal(
        'Reasoning',
      );
      await until(async () => (await readProbe(probe)).closed === 1, 'the connection closed');
    });
  }

  it('stop() mid-answer closes the SSE connection on the server side', async () => {
    const probe = newProbeId('chat-stop');
    const el = await fixture<StreamChat>(
      html`<stream-chat
        .endpoint=${`/mock/chat/openai?filler=2000&delay=10&probe=${probe}`}
      ></stream-chat>`,
    );
    const aborted = oneEvent(el, 'stream-abort');
    void el.send('Talk a lot');
    await oneEvent(el, 'stream-token');
    el.stop();
    const { partial } = (await aborted).detail;
    expect(partial).to.match(/^Echo/);
    expect(partial).to.not.contain('word1999');
    await until(async () => (await readProbe(probe)).closed === 1, 'the server saw the close');
    expect((await readProbe(probe)).finished).to.equal(0);
    expect(withoutId(el.messages.at(-1))).to.deep.equal({ role: 'assistant', content: partial });
  });

  it('removing the element mid-answer closes the WebSocket on the server side', async () => {
    const probe = newProbeId('chat-ws-remove');
    const el = await fixture<StreamChat>(
      html`<stream-chat
        transport="websocket"
        .endpoint=${`/mock/chat/ws?filler=2000&delay=10&probe=${probe}`}
      ></stream-chat>`,
    );
    void el.send('Talk a lot');
    await oneEvent(el, 'stream-token');
    el.remove();
    await until(async () => (await readProbe(probe)).closed === 1, 'the server saw the close');
  });

  it('shows the server’s own message for an HTTP error, and Retry asks again', async () => {
    const probe = newProbeId('chat-fail');
    const el = await fixture<StreamChat>(
      html`<stream-chat .endpoint=${`/mock/chat/fail?status=503&probe=${probe}`}></stream-chat>`,
    );
    const failed = oneEvent(el, 'stream-error');
    void el.send('Hi');
    const { error } = (await failed).detail;
    expect(error).to.include({ code: 'http', status: 503, retryable: true });
    expect(error.message).to.contain('Model overloaded, try again later');
    await el.updateComplete;
    const root = el.shadowRoot!;
    expect(root.querySelector('[role=alert]')!.textContent).to.contain('Model overloaded');
    root.querySelector<HTMLButtonElement>('[part=retry-button]')!.click();
    await oneEvent(el, 'stream-error');
    expect((await readProbe(probe)).opened).to.equal(2);
  });

  it('leaves no connection open after 200 chats are created and removed mid-answer', async function () {
    this.timeout(60_000);
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const probes = { sse: newProbeId('chat-200-sse'), websocket: newProbeId('chat-200-ws') };
    // Browsers open at most six HTTP/1.1 connections per host: start five chats at a time.
    const batch = 5;
    for (let i = 0; i < 200; i += batch) {
      await Promise.all(
        Array.from({ length: batch }, async (_, j) => {
          const transport = (i + j) % 4 === 0 ? 'websocket' : 'sse';
          const el = document.createElement('stream-chat');
          el.transport = transport;
          el.endpoint = `${transport === 'sse' ? '/mock/chat/openai' : '/mock/chat/ws'}?filler=500&delay=20&probe=${probes[transport]}`;
          host.append(el);
          const token = oneEvent(el, 'stream-token');
          void el.send(`chat ${i + j}`);
          await token;
          el.remove();
        }),
      );
    }
    for (const probe of Object.values(probes)) {
      await until(
        async () => {
          const seen = await readProbe(probe);
          return seen.opened > 0 && seen.closed === seen.opened;
        },
        `every ${probe} connection closed`,
        { timeout: 10_000 },
      );
    }
    const sse = await readProbe(probes.sse);
    const ws = await readProbe(probes.websocket);
    expect(sse.opened + ws.opened).to.equal(200);
    expect(sse.finished).to.equal(0);
  });
});
