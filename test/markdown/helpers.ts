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
  /** How many finished blocks a late reference definition patched. */
  patched: number;
}

/** Streams `chunks` through the DOM-free core, rendering after each one, then ends. */
export function streamCore(chunks: string[], keepFrames = false): Streamed {
  const core = new MarkdownStream(new Marked());
  const finished: string[] = [];
  let patched = 0;
  const frames: string[] = [];
  const render = (final: boolean) => {
    const frame = core.render(final ? undefined : repairTail);
    for (const { index, html } of frame.patches) finished[index] = html;
    patched += frame.patches.length;
    finished.push(...frame.finished.map(({ html }) => html));
    return finished.join('') + frame.tail.map(({ html }) => html).join('');
  };
  for (const chunk of chunks) {
    core.append(chunk);
    const html = render(false);
    if (keepFrames) frames.push(html);
  }
  return { html: render(true), frames, patched };
}

/** marked's rendering of the whole document at once. */
export const wholeHtml = (doc: string) => new Marked().parse(doc.replace(/^\uFEFF/, '')) as string;
