import { fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { TokenView } from '../../src/index.js';
import { seeded } from '../helpers/random.js';

export const content = (el: TokenView) => el.shadowRoot!.querySelector('[part="content"]')!;

/** The rendered Markdown. */
export const markup = (el: TokenView) => content(el).innerHTML;

/** The top-level rendered blocks. */
export const blocks = (el: TokenView) => [...content(el).children];

export const nextFrame = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** A fresh `<token-view>` in the document. */
export const tokenView = () => fixture<TokenView>(html`<token-view></token-view>`);

/** The DOM of `doc` rendered at once (set as `text`), after highlighting. */
export async function renderedWhole(doc: string, setup?: (el: TokenView) => void): Promise<string> {
  const el = await tokenView();
  setup?.(el);
  el.text = doc;
  await el.updateComplete;
  const markup = content(el).innerHTML;
  el.remove();
  return markup;
}

/**
 * Streams `chunks` into `el`, letting an animation frame pass after a random number of chunks
 * (1..`perFrame`), then ends the stream and waits until everything is rendered.
 */
export async function streamInto(
  el: TokenView,
  chunks: string[],
  seed = 1,
  perFrame = 1,
): Promise<void> {
  const next = seeded(seed);
  // A render at every frame: these tests check what each frame shows, not the frame rate.
  el.throttle = 0;
  let budget = 1 + Math.floor(next() * perFrame);
  for (const chunk of chunks) {
    el.write(chunk);
    if (--budget === 0) {
      await el.updateComplete;
      budget = 1 + Math.floor(next() * perFrame);
    }
  }
  el.end();
  await el.updateComplete;
}

/** A pixel URL on another origin (the same test server under its other host name). */
export function crossOriginPixel(id: string): string {
  const host = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
  return `${location.protocol}//${host}:${location.port}/mock/markdown/pixel?id=${id}`;
}

/** How many pixel requests the server saw whose id starts with `prefix`. */
export async function pixelHits(prefix: string): Promise<number> {
  const response = await fetch(`/mock/markdown/hits?prefix=${encodeURIComponent(prefix)}`);
  return ((await response.json()) as { count: number }).count;
}

let counter = 0;
/** An id unique to this page load, for pixel URLs. */
export const uniqueId = (name: string) => `${name}-${Date.now().toString(36)}-${(counter += 1)}`;
