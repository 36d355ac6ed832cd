import { expect } from '@open-wc/testing';
import {
  ndjsonTransport,
  sseTransport,
  textStreamTransport,
  webSocketTransport,
  type ChatTransport,
} from '../../src/transports/index.js';
import { socketUrl } from '../helpers/server.js';
import { playUrl, request, script } from './helpers.js';

/** Starts a stream, and stops it the moment the transport reports the connection open. */
async function openThenStop(transport: ChatTransport): Promise<{ opened: number; error: unknown }> {
  const controller = new AbortController();
  let opened = 0;
  const parts = transport.stream(request, {
    signal: controller.signal,
    onOpen: () => {
      opened += 1;
      controller.abort();
    },
  });
  const iterator = parts[Symbol.asyncIterator]();
  const error = await iterator.next().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  return { opened, error };
}

describe('onOpen: the connection is reported open before any data', function () {
  this.timeout(10_000);

  const http: [string, (url: string) => ChatTransport, string][] = [
    ['sseTransport', (url) => sseTransport({ url }), 'text/event-stream'],
    ['ndjsonTransport', (url) => ndjsonTransport({ url }), 'application/x-ndjson'],
    ['textStreamTransport', (url) => textStreamTransport({ url }), 'text/plain'],
  ];
  for (const [name, make, contentType] of http) {
    it(`${name}: once the response headers arrive, while the body is still silent`, async () => {
      const id = await script({
        replies: [{ headers: { 'content-type': contentType }, after: 'hang' }],
      });
      const { opened, error } = await openThenStop(make(playUrl(id)));
      expect(opened).to.equal(1);
      expect((error as { code?: string }).code).to.equal('aborted');
    });
  }

  it('sseTransport: never for a response that fails', async () => {
    const id = await script({ replies: [{ status: 503, body: 'down' }] });
    const { opened, error } = await openThenStop(sseTransport({ url: playUrl(id) }));
    expect(opened).to.equal(0);
    expect((error as { status?: number }).status).to.equal(503);
  });

  it('webSocketTransport: once the socket is open and the request sent', async () => {
    const id = await script({ frames: [] });
    const { opened, error } = await openThenStop(
      webSocketTransport({ url: socketUrl(`/mock/t/ws?id=${id}`) }),
    );
    expect(opened).to.equal(1);
    expect((error as { code?: string }).code).to.equal('aborted');
  });
});
