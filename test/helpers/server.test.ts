import { expect } from '@open-wc/testing';
import { until } from '../transports/helpers.js';
import { newProbeId, readProbe, socketUrl } from './server.js';

describe('helper servers', function () {
  // Room for the shared 5 s `until` on a loaded machine (mocha's own default is 3 s).
  this.timeout(15_000);
  it('serve plain HTTP routes on the runner origin', async () => {
    const response = await fetch('/mock/hello');
    expect(response.status).to.equal(200);
    expect(await response.text()).to.equal('hello');
  });

  it('answer 404 with a JSON error for unknown routes', async () => {
    const response = await fetch('/mock/nothing-here');
    expect(response.status).to.equal(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).to.contain(
      '/mock/nothing-here',
    );
  });

  it('stream server-sent events and report the finished connection', async () => {
    const probe = newProbeId();
    const response = await fetch(`/mock/sse/ticks?count=3&probe=${probe}`);
    expect(response.headers.get('content-type')).to.equal('text/event-stream');
    const body = await response.text();
    expect(body).to.equal('id: 0\ndata: tick 0\n\nid: 1\ndata: tick 1\n\nid: 2\ndata: tick 2\n\n');
    await until(async () => (await readProbe(probe)).finished === 1, 'server saw the end');
  });

  it('see a client that goes away mid-stream', async () => {
    const probe = newProbeId();
    const controller = new AbortController();
    const response = await fetch(`/mock/sse/ticks?count=1000&probe=${probe}`, {
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await until(async () => (await readProbe(probe)).closed === 1, 'server saw the close');
    expect((await readProbe(probe)).finished).to.equal(0);
  });

  it('accept WebSocket upgrades on registered paths', async () => {
    const socket = new WebSocket(socketUrl('/mock/ws/echo'));
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    const reply = new Promise<string>((resolve) => {
      socket.onmessage = (event) => resolve(String(event.data));
    });
    socket.send('ping');
    expect(await reply).to.equal('ping');
    socket.close();
  });
});
