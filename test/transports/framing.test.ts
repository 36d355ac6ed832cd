import { expect } from '@open-wc/testing';
import { ndjsonFramer } from '../../src/transports/ndjson.js';
import { loadProtocol, type Frame } from '../../src/transports/protocols/index.js';
import { sseFramer } from '../../src/transports/sse.js';
import type { StreamPart } from '../../src/transports/index.js';
import { fixtures, lineEndings } from './fixtures.js';
import { cutBytes, randomSplits, utf8 } from './helpers.js';

/** What a channel does with the bytes it reads: one streaming TextDecoder, then the framer. */
function frame(chunks: Uint8Array[], framer: (text?: string) => Frame[]): Frame[] {
  const decoder = new TextDecoder();
  const frames = chunks.flatMap((chunk) => framer(decoder.decode(chunk, { stream: true })));
  return [...frames, ...framer(decoder.decode()), ...framer()];
}

async function decodeAll(protocol: Parameters<typeof loadProtocol>[0], frames: Frame[]) {
  const decode = (await loadProtocol(protocol)).decoder();
  const parts: StreamPart[] = [];
  for (const one of frames) {
    parts.push(...decode(one));
    if (parts.at(-1)?.type === 'finish') return parts;
  }
  return [...parts, ...decode()];
}

const splitModes: Record<string, (length: number) => number[] | 'bytes'> = {
  whole: () => [],
  'one byte at a time': () => 'bytes',
  ...Object.fromEntries(
    [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => [
      `random splits (seed ${seed})`,
      (length: number) => randomSplits(length, seed),
    ]),
  ),
};

describe('framing (pure): every recorded stream, however it is cut', () => {
  for (const fixture of fixtures.filter((f) => f.framing !== 'text')) {
    describe(fixture.name, () => {
      for (const [ending, convert] of Object.entries(lineEndings)) {
        it(`${ending}: identical parts whole, byte by byte and at seeded random splits`, async () => {
          const bytes = utf8(convert(fixture.body));
          for (const [mode, splits] of Object.entries(splitModes)) {
            const framer = fixture.framing === 'sse' ? sseFramer(() => undefined) : ndjsonFramer();
            const frames = frame(cutBytes(bytes, splits(bytes.length)), framer);
            expect(await decodeAll(fixture.protocol, frames), mode).to.deep.equal(fixture.parts);
          }
        });
      }
    });
  }
});

describe('sseFramer', () => {
  const framesOf = (text: string) => {
    const retries: number[] = [];
    const framer = sseFramer((ms) => retries.push(ms));
    return { frames: [...[...text].flatMap((char) => framer(char)), ...framer()], retries };
  };

  it('gives event name, data and id, and reports retry', () => {
    const { frames, retries } = framesOf('retry: 250\nevent: delta\nid: 7\ndata: x\n\n');
    expect(frames).to.deep.equal([{ event: 'delta', id: '7', data: 'x' }]);
    expect(retries).to.deep.equal([250]);
  });

  it('never dispatches an event the stream left unterminated (WHATWG end-of-stream rule)', () => {
    expect(framesOf('data: a\n\ndata: b').frames.map((f) => f.data)).to.deep.equal(['a']);
    expect(framesOf('data: a\n\ndata: b\n').frames.map((f) => f.data)).to.deep.equal(['a']);
  });

  it('skips comments and events without data, joins multi-line data with LF, strips one leading space', () => {
    const { frames } = framesOf(': hi\n\nevent: ping\n\ndata:a\ndata:  b\r\ndata\r\r');
    expect(frames.map((f) => f.data)).to.deep.equal(['a\n b\n']);
  });

  it('drops a BOM only at the very start', () => {
    const decoder = new TextDecoder();
    const framer = sseFramer(() => undefined);
    const bytes = utf8('\uFEFFdata: a\n\ndata: \uFEFFb\n\n');
    const frames = cutBytes(bytes, 'bytes').flatMap((b) =>
      framer(decoder.decode(b, { stream: true })),
    );
    expect(frames.map((f) => f.data)).to.deep.equal(['a', '\uFEFFb']);
  });
});

describe('ndjsonFramer', () => {
  it('splits on LF, CRLF and CR, skips blank lines and flushes a last line without newline', () => {
    const framer = ndjsonFramer();
    const frames = [...'{"a":1}\r\n\n{"b":2}\r{"c":3}'].flatMap((char) => framer(char));
    expect([...frames, ...framer()].map((f) => f.data)).to.deep.equal([
      '{"a":1}',
      '{"b":2}',
      '{"c":3}',
    ]);
  });

  it('stays linear for a huge line arriving in tiny pieces', () => {
    const framer = ndjsonFramer();
    const line = JSON.stringify({ message: { content: 'x'.repeat(300_000) } });
    let early = 0;
    for (let i = 0; i < line.length; i += 3) early += framer(line.slice(i, i + 3)).length;
    expect(early).to.equal(0);
    expect(framer('\n')[0]?.data).to.equal(line);
  });
});
