import { Marked } from 'marked';
import { MarkdownStream } from '../../src/markdown/blocks.js';
import { repairTail } from '../../src/markdown/repair.js';
import { seeded } from '../helpers/random.js';

/** Splits `text` into chunks of 1..`max` UTF-16 code units (surrogate pairs may be cut). */
export function randomChunks(text: string, seed: number, max = 10): string[] {
  const next = seeded(seed);
  const chunks: string[] = [];
  for (let i = 0; i < text.length;) {
    const size = 1 + Math.floor(next() * max);
    chunks.push(text.slice(i, i + size));
    i += size;
  }
  return chunks;
}

export interface Streamed {
  /** The HTML after the final render. */
  html: string;
  /** The HTML shown after each chunk (finished blocks plus the repaired tail). */
  frames: string[];
  /** True when a render re-rendered every finished block (a new reference definition). */
  restarted: boolean;
}

/** Streams `chunks` through the DOM-free core, rendering after each one, then ends. */
export function streamCore(chunks: string[], keepFrames = false): Streamed {
  const core = new MarkdownStream(new Marked());
  let finished = '';
  let restarted = false;
  const frames: string[] = [];
  const render = (final: boolean) => {
    const frame = core.render(final ? undefined : repairTail);
    restarted ||= frame.restart;
    finished = (frame.restart ? '' : finished) + frame.finished.join('');
    return finished + frame.tail.join('');
  };
  for (const chunk of chunks) {
    core.append(chunk);
    const html = render(false);
    if (keepFrames) frames.push(html);
  }
  return { html: render(true), frames, restarted };
}

/** marked's rendering of the whole document at once. */
export const wholeHtml = (doc: string) => new Marked().parse(doc.replace(/^\uFEFF/, '')) as string;
