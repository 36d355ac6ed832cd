import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { StreamChat, TokenView } from '../../src/index.js';
import { until } from '../controllers/manual-transport.js';

/**
 * `<stream-chat>` end to end through stream-chat-elements/server, over every upstream kind:
 * the page talks to the handler (test/server/routes/server-entry.mjs), the handler to a real
 * model server on its own port.
 */

interface UpstreamStats {
  open: number;
  finished: number;
  aborted: number;
  sockets: number;
  last: { path: string; model?: string; authorization?: string; prompt: string } | null;
}

const stats = async (): Promise<UpstreamStats> =>
  (await fetch('/mock/server-entry/stats')).json() as Promise<UpstreamStats>;

async function lastAnswer(el: StreamChat): Promise<string> {
  await el.updateComplete;
  const views = el.shadowRoot!.querySelectorAll<TokenView>(
    '[part~=assistant-message] > token-view',
  );
  const view = views[views.length - 1]!;
  await view.updateComplete;
  return view.shadowRoot!.querySelector('[part=content]')!.textContent!.trim();
}

const KINDS = [
  { kind: 'openai', transport: 'sse', protocol: 'openai', path: '/v1/chat/completions' },
  { kind: 'anthropic', transport: 'sse', protocol: 'anthropic', path: '/v1/messages' },
  { kind: 'ollama', transport: 'ndjson', protocol: 'ollama', path: '/api/chat' },
  { kind: 'dify', transport: 'sse', protocol: 'dify', path: '/v1/chat-messages' },
  { kind: 'websocket', transport: 'sse', protocol: 'openai', path: '/ws' },
] as const;

describe('<stream-chat> through stream-chat-elements/server', function () {
  this.timeout(15_000);

  for (const { kind, transport, protocol, path } of KINDS) {
    it(`streams a whole answer from the ${kind} upstream`, async () => {
      const el = await fixture<StreamChat>(
        html`<stream-chat
          .endpoint=${`/mock/server-entry/chat?kind=${kind}`}
          transport=${transport}
          protocol=${protocol}
          model="page-model"
        ></stream-chat>`,
      );
      const ended = oneEvent(el, 'stream-end');
      void el.send('Compare the transports in a table');
      const { detail } = await ended;
      expect(detail.message.content).to.contain('| Transport |');
      expect(await lastAnswer(el)).to.contain('Transport');
      const { last } = await stats();
      expect(last?.path).to.equal(path);
      expect(last?.prompt).to.equal('Compare the transports in a table');
      expect(last?.model, 'the server picks the model').to.not.equal('page-model');
    });
  }

  for (const kind of ['openai-slow', 'websocket-slow']) {
    it(`Stop reaches the ${kind.replace('-slow', '')} upstream: it stops generating`, async () => {
      const el = await fixture<StreamChat>(
        html`<stream-chat .endpoint=${`/mock/server-entry/chat?kind=${kind}`}></stream-chat>`,
      );
      const before = await stats();
      const token = oneEvent(el, 'stream-token');
      void el.send('Explain streaming chat interfaces in detail');
      await token;
      const aborted = oneEvent(el, 'stream-abort');
      el.stop();
      expect((await aborted).detail.partial).to.not.equal('');
      await until(async () => (await stats()).aborted > before.aborted);
      expect((await stats()).open).to.equal(0);
    });
  }

  it('shows a refusal’s message and never exposes the key', async () => {
    const el = await fixture<StreamChat>(
      html`<stream-chat .endpoint=${'/mock/server-entry/chat?kind=strict'}></stream-chat>`,
    );
    const before = await stats();
    const failed = oneEvent(el, 'stream-error');
    void el.send('This question is longer than the server allows');
    const { detail } = await failed;
    expect(detail.error.status).to.equal(400);
    expect(detail.error.message).to.contain('at most 20 are allowed');
    expect(el.shadowRoot!.textContent).to.contain('at most 20 are allowed');
    expect((await stats()).last, 'the upstream was not asked').to.deep.equal(before.last);
    const response = await fetch('/mock/server-entry/chat?kind=openai', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(await response.text()).to.not.contain('sk-e2e');
    expect((await stats()).last?.authorization).to.equal('Bearer sk-e2e-secret');
  });
});
