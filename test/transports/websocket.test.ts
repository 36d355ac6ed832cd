import { expect } from '@open-wc/testing';
import { webSocketTransport, type WebSocketTransportOptions } from '../../src/transports/index.js';
import { sseFramer } from '../../src/transports/sse.js';
import { newProbeId, readProbe, socketUrl } from '../helpers/server.js';
import { fixtures } from './fixtures.js';
import {
  collect,
  logged,
  open,
  request,
  script,
  timerCounter,
  until,
  type Script,
  expectStopWithinOneTurn,
} from './helpers.js';

/** A transport on a scripted socket route; the URL carries a probe to watch it from the server. */
async function scripted(value: Script, options: Omit<WebSocketTransportOptions, 'url'> = {}) {
  const id = await script(value);
  const probe = newProbeId();
  const transport = webSocketTransport({
    url: socketUrl(`/mock/t/ws?id=${id}&probe=${probe}`),
    ...options,
  });
  return { id, probe, transport };
}

const closedOnServer = (probe: string, sockets = 1) =>
  until(async () => (await readProbe(probe)).closed === sockets, 'server saw the socket close');

describe('webSocketTransport', () => {
  describe('servers that push bare text frames', () => {
    it('sends the request as JSON and ends the answer when the server closes normally', async () => {
      const { id, probe, transport } = await scripted({
        frames: ['Bon', 'jour ', '🌍'],
        close: { code: 1000 },
      });
      const outcome = await collect(transport);
      expect(outcome.text).to.equal('Bonjour 🌍');
      expect(outcome.parts.at(-1)).to.deep.equal({ type: 'finish' });
      expect(JSON.parse((await logged(id))[0]!.body)).to.deep.equal({
        model: 'test-model',
        messages: request.messages,
      });
      await closedOnServer(probe);
    });

    it('a close frame without a code is a normal end too', async () => {
      const { transport } = await scripted({ frames: ['Bye'], close: {} });
      const outcome = await collect(transport);
      expect([outcome.text, outcome.finished, outcome.error]).to.deep.equal([
        'Bye',
        true,
        undefined,
      ]);
    });

    it('ends at the configured end frame, and a body override sends a plain string', async () => {
      const { id, probe, transport } = await scripted(
        { frames: ['Hello', '[END]', 'never read'] },
        { end: '[END]', body: (chat) => chat.messages.at(-1)!.content },
      );
      const outcome = await collect(transport);
      expect([outcome.text, outcome.finished]).to.deep.equal(['Hello', true]);
      expect((await logged(id))[0]!.body).to.equal('Hi');
      await closedOnServer(probe);
    });

    it('opt-in: a silence after the answer began ends it (endAfterIdle)', async () => {
      const { transport } = await scripted({ frames: ['Quiet ', 'now'] }, { endAfterIdle: 100 });
      const outcome = await collect(transport);
      expect([outcome.text, outcome.finish]).to.deep.equal(['Quiet now', 'idle']);
    });

    it('never guesses: without an end frame or endAfterIdle, silence is an idle timeout', async () => {
      const { probe, transport } = await scripted({ frames: ['Quiet'] }, { idleTimeout: 150 });
      const timers = timerCounter();
      const outcome = await collect(transport);
      timers.restore();
      expect(outcome.text).to.equal('Quiet');
      expect(outcome.error?.code).to.equal('timeout');
      expect(timers.live, timers.report).to.equal(0);
      await closedOnServer(probe);
    });

    it('a close with an error code is a network error naming the code and reason, the text kept', async () => {
      const { transport } = await scripted({
        frames: ['Partial'],
        close: { code: 4000, reason: 'quota exceeded' },
      });
      const outcome = await collect(transport);
      expect(outcome.text).to.equal('Partial');
      expect(outcome.error?.code).to.equal('network');
      expect(outcome.error?.message).to.contain('4000').and.contain('quota exceeded');
    });
  });

  describe('protocol frames over a socket', () => {
    for (const fixture of fixtures.filter((f) => f.framing === 'sse' && f.protocol !== 'text')) {
      it(`${fixture.name}: one message per event gives the recorded parts`, async () => {
        const frames = sseFramer(() => undefined)(fixture.body).map((frame) => frame.data);
        const { probe, transport } = await scripted({ frames }, { protocol: fixture.protocol });
        const outcome = await collect(transport);
        expect(outcome.error).to.equal(undefined);
        expect(outcome.parts).to.deep.equal(fixture.parts);
        await closedOnServer(probe);
      });
    }

    it('a provider error frame fails the answer with its message', async () => {
      const { transport } = await scripted(
        {
          frames: [
            '{"type":"text-delta","delta":"So"}',
            '{"type":"error","errorText":"Upstream failed"}',
          ],
        },
        { protocol: 'ai-sdk' },
      );
      const outcome = await collect(transport);
      expect([outcome.text, outcome.error?.code, outcome.error?.message]).to.deep.equal([
        'So',
        'provider',
        'Upstream failed',
      ]);
    });

    it("a normal close before the protocol's end is a cut-off answer", async () => {
      const { transport } = await scripted(
        { frames: ['{"choices":[{"delta":{"content":"Half"}}]}'], close: { code: 1000 } },
        { protocol: 'openai' },
      );
      const outcome = await collect(transport);
      expect([outcome.text, outcome.error?.code]).to.deep.equal(['Half', 'network']);
    });
  });

  describe('stop', () => {
    it('sends {"type":"stop"} before closing, within the same turn; the server sees both', async () => {
      // Nothing follows the first frame: only the stop can end this reply.
      const { id, probe, transport } = await scripted({ frames: ['One'] });
      const controller = new AbortController();
      const timers = timerCounter();
      const iterator = open(transport, controller.signal);
      expect((await iterator.next()).value).to.deep.equal({ type: 'text', text: 'One' });
      await expectStopWithinOneTurn(iterator, controller, timers);
      await closedOnServer(probe);
      expect((await logged(id)).map((entry) => entry.body).slice(1)).to.deep.equal([
        '{"type":"stop"}',
      ]);
    });

    it('sends a configured stop frame, or none', async () => {
      const custom = await scripted(
        { frames: ['One', 'two'], frameDelay: 300, stop: 'STOP' },
        { stop: 'STOP' },
      );
      const controller = new AbortController();
      await collect(custom.transport, controller.signal, request, () => controller.abort());
      await closedOnServer(custom.probe);
      expect((await logged(custom.id)).map((entry) => entry.body).slice(1)).to.deep.equal(['STOP']);

      const silent = await scripted({ frames: ['One', 'two'], frameDelay: 300 }, { stop: null });
      const other = new AbortController();
      const outcome = await collect(silent.transport, other.signal, request, () => other.abort());
      expect(outcome.error?.code).to.equal('aborted');
      await closedOnServer(silent.probe);
      expect(await logged(silent.id)).to.have.length(1);
    });

    it('before the first frame: aborted, the socket closed, no timers left', async () => {
      const { probe, transport } = await scripted({ frames: [] });
      const controller = new AbortController();
      const timers = timerCounter();
      const pending = collect(transport, controller.signal);
      await until(async () => (await readProbe(probe)).opened === 1, 'socket opened');
      controller.abort();
      const outcome = await pending;
      timers.restore();
      expect(outcome.error?.code).to.equal('aborted');
      expect(timers.live, timers.report).to.equal(0);
      await closedOnServer(probe);
    });

    it('with an already aborted signal: no socket at all', async () => {
      const { probe, transport } = await scripted({ frames: ['never'] });
      expect((await collect(transport, AbortSignal.abort())).error?.code).to.equal('aborted');
      expect(await readProbe(probe)).to.include({ opened: 0 });
    });

    it('while connecting: aborted, no timers left', async () => {
      // An unregistered path never answers the upgrade.
      const transport = webSocketTransport({ url: socketUrl('/mock/t/ws-nowhere') });
      const controller = new AbortController();
      const timers = timerCounter();
      const pending = collect(transport, controller.signal);
      await timers.after(50);
      controller.abort();
      const outcome = await pending;
      timers.restore();
      expect(outcome.error?.code).to.equal('aborted');
      expect(timers.live, timers.report).to.equal(0);
    });

    it('after the end: nothing happens, the socket is already closed', async () => {
      const { id, probe, transport } = await scripted({ frames: ['Done'], close: { code: 1000 } });
      const controller = new AbortController();
      const outcome = await collect(transport, controller.signal);
      controller.abort();
      expect([outcome.text, outcome.error]).to.deep.equal(['Done', undefined]);
      await closedOnServer(probe);
      expect(await logged(id)).to.have.length(1);
    });
  });

  describe('heartbeat', () => {
    it('pings keep a slow answer alive when the server answers them; pongs are not text', async function () {
      this.timeout(10_000);
      // The answer waits until the server had 30 pings (at least 1.5 s): three idle timeouts
      // without one, so only the pongs can keep the reply alive, however slow the machine.
      const { id, transport } = await scripted(
        {
          ping: 'ping',
          pong: 'pong',
          afterPings: 30,
          frames: ['Late', ' answer'],
          close: { code: 1000 },
        },
        { ping: { message: 'ping', interval: 50, reply: 'pong' }, idleTimeout: 500 },
      );
      const timers = timerCounter();
      const outcome = await collect(transport);
      timers.restore();
      expect(outcome.error).to.equal(undefined);
      expect(outcome.text).to.equal('Late answer');
      expect(timers.live, timers.report).to.equal(0);
      expect((await logged(id)).filter((entry) => entry.body === 'ping').length).to.be.at.least(30);
    });

    it('a socket that never answers pings times out and is closed', async () => {
      const { id, probe, transport } = await scripted(
        { ping: 'ping', frames: [] },
        { ping: { message: 'ping', interval: 50, reply: 'pong' }, idleTimeout: 250 },
      );
      const outcome = await collect(transport);
      expect(outcome.error?.code).to.equal('timeout');
      expect((await logged(id)).some((entry) => entry.body === 'ping')).to.equal(true);
      await closedOnServer(probe);
    });
  });

  describe('reconnect', () => {
    it('reopens with backoff and re-sends the request when the socket fails before the answer', async () => {
      const { id, probe, transport } = await scripted(
        { failFirst: 2, frames: ['Third time'], close: { code: 1000 } },
        { reconnect: { attempts: 3, base: 10, cap: 40 } },
      );
      const outcome = await collect(transport);
      expect([outcome.text, outcome.error]).to.deep.equal(['Third time', undefined]);
      expect(await logged(id)).to.have.length(3);
      await closedOnServer(probe, 3);
    });

    it('is bounded: after `attempts` retries the answer fails with a network error', async () => {
      const { id, probe, transport } = await scripted(
        { failFirst: 10, frames: ['never'] },
        { reconnect: { attempts: 1, base: 10, cap: 40 } },
      );
      const outcome = await collect(transport);
      expect(outcome.error?.code).to.equal('network');
      expect(outcome.error?.message).to.contain('1011');
      expect(await logged(id)).to.have.length(2);
      await closedOnServer(probe, 2);
    });

    it('a socket that cannot connect in time is a timeout', async () => {
      const transport = webSocketTransport({
        url: socketUrl('/mock/t/ws-nowhere'),
        connectTimeout: 100,
      });
      expect((await collect(transport)).error?.code).to.equal('timeout');
    });
  });

  describe('faults', function () {
    this.timeout(15_000);
    it('decodes a character split across binary frames (a 4-byte emoji, a CJK character)', async () => {
      const transport = webSocketTransport({ url: socketUrl('/mock/faults/ws-split-utf8') });
      const outcome = await collect(transport);
      expect([outcome.text, outcome.error]).to.deep.equal(['Hi 😀 and 漢字!', undefined]);
    });

    it('a refused port fails after the retry limit with a network error naming the URL', async () => {
      const { port } = (await (await fetch('/mock/faults/free-port')).json()) as { port: number };
      const url = `ws://127.0.0.1:${port}/nothing-here`;
      const timers = timerCounter();
      const transport = webSocketTransport({ url, reconnect: { attempts: 2, base: 5, cap: 10 } });
      const outcome = await collect(transport);
      timers.restore();
      expect(outcome.error?.code).to.equal('network');
      expect(outcome.error?.message).to.contain(`Could not connect to ${url}`);
      expect(outcome.error?.message).to.contain('refused').and.contain('Gave up after 3 tries');
      expect(timers.live, timers.report).to.equal(0);
    });

    it('a rejected upgrade is a network error, retried `attempts` times and no more', async () => {
      const probe = newProbeId('rejected');
      const attempts = 2;
      const transport = webSocketTransport({
        url: socketUrl(`/mock/faults/ws-rejected?probe=${probe}`),
        reconnect: { attempts, base: 5, cap: 10 },
      });
      const connects: string[] = [];
      const { WebSocket: Native } = window;
      window.WebSocket = class extends Native {
        constructor(...args: ConstructorParameters<typeof WebSocket>) {
          super(...args);
          connects.push(String(args[0]));
        }
      };
      try {
        const outcome = await collect(transport);
        expect(outcome.error?.code).to.equal('network');
        expect(outcome.error?.message).to.contain('Could not connect to');
        expect(outcome.error?.message).to.contain('ws-rejected');
        expect(outcome.error?.message).to.contain(`Gave up after ${attempts + 1} tries`);
      } finally {
        window.WebSocket = Native;
      }
      expect(connects, 'the first try and `attempts` retries').to.have.length(attempts + 1);
    });

    it('a kept socket the server closed between replies is replaced for the next reply', async () => {
      const probe = newProbeId('between');
      const transport = webSocketTransport({
        url: socketUrl(`/mock/faults/ws-close-between?probe=${probe}`),
        end: '[DONE]',
        reuse: true,
      });
      expect((await collect(transport)).text).to.equal('One answer.');
      // The server closes the kept socket while no reply runs.
      await until(async () => (await readProbe(probe)).closed === 1, 'the server closed it');
      const second = await collect(transport);
      expect([second.text, second.error]).to.deep.equal(['One answer.', undefined]);
      expect((await readProbe(probe)).opened).to.equal(2);
      transport.close();
      await until(async () => (await readProbe(probe)).closed === 2, 'closed at the end');
    });
  });

  describe('reuse', () => {
    it('one socket serves several replies when asked; close() closes it', async () => {
      const { id, probe, transport } = await scripted(
        { frames: ['Turn', '[END]'] },
        { end: '[END]', reuse: true },
      );
      expect((await collect(transport)).text).to.equal('Turn');
      expect((await collect(transport)).text).to.equal('Turn');
      expect(await logged(id)).to.have.length(2);
      expect(await readProbe(probe)).to.include({ opened: 1, closed: 0 });
      transport.close();
      await closedOnServer(probe);
    });

    it('without reuse every reply has its own socket, closed at its end', async () => {
      const { probe, transport } = await scripted({ frames: ['Turn', '[END]'] }, { end: '[END]' });
      await collect(transport);
      await collect(transport);
      await closedOnServer(probe, 2);
      expect((await readProbe(probe)).opened).to.equal(2);
    });

    it('a stopped reply does not leave its socket for the next one', async () => {
      const { probe, transport } = await scripted(
        { frames: ['One', 'two', '[END]'], frameDelay: 200 },
        { end: '[END]', reuse: true },
      );
      const controller = new AbortController();
      await collect(transport, controller.signal, request, () => controller.abort());
      await closedOnServer(probe);
      expect((await collect(transport)).text).to.equal('Onetwo');
      expect((await readProbe(probe)).opened).to.equal(2);
      transport.close();
      await closedOnServer(probe, 2);
    });
  });
});
