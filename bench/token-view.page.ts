// The browser side of bench/token-view.bench.mjs: renders one document with one strategy and
// reports what the page saw (frame gaps, long tasks, nodes removed). Main-thread busy time is
// measured from outside, with the DevTools protocol.
import { Marked } from 'marked';
import * as smd from 'streaming-markdown';
import { TokenView } from '../src/components/token-view/token-view.js';
import { sanitize } from '../src/markdown/sanitize.js';
import { documents, pseudoTokens } from './token-view-docs.js';

TokenView.define();

/** How tokens arrive: as fast as the page takes them, or at a steady rate. */
export type Delivery = 'fire-hose' | 300 | 2000;

interface Sink {
  write(token: string): void;
  end(): Promise<void>;
}

const marked = new Marked();

function tokenView(container: HTMLElement, throttle: number): Sink {
  const view = document.createElement('token-view');
  view.throttle = throttle;
  // Highlighting is work the other strategies do not do.
  view.highlighter = null;
  container.append(view);
  return {
    write: (token) => view.write(token),
    async end() {
      view.end();
      await view.updateComplete;
      await nextFrame();
    },
  };
}
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** The strategies compared; each renders into `container`. */
const variants: Record<string, (container: HTMLElement) => Sink> = {
  /** Lower bound for the delivery loop itself: tokens go nowhere. */
  'delivery only': () => ({ write() {}, end: async () => {} }),
  /**
   * The floor for any renderer that updates at every frame: each frame appends the new text as
   * a paragraph, in chunks that skip layout off screen (as <token-view>'s do). No parsing.
   */
  floor: (container) => {
    let text = '';
    let frame = 0;
    let chunk: HTMLElement | undefined;
    let count = 0;
    const paint = () => {
      frame = 0;
      const paragraph = document.createElement('p');
      paragraph.textContent = text;
      if (!chunk || count++ % 32 === 0) {
        chunk?.style.setProperty('content-visibility', 'auto');
        chunk = document.createElement('div');
        chunk.style.containIntrinsicSize = 'auto 500px';
        container.append(chunk);
      }
      chunk.append(paragraph);
      text = '';
    };
    return {
      write(token) {
        text += token;
        frame ||= requestAnimationFrame(paint);
      },
      async end() {
        if (frame) cancelAnimationFrame(frame);
        paint();
        await nextFrame();
      },
    };
  },
  /** innerHTML = marked.parse(all) after every token. */
  'naive per token': (container) => {
    let text = '';
    return {
      write(token) {
        text += token;
        container.innerHTML = marked.parse(text) as string;
      },
      end: nextFrame,
    };
  },
  /** innerHTML = marked.parse(all) once per animation frame. */
  'naive per frame': (container) => {
    let text = '';
    let frame = 0;
    const paint = () => {
      frame = 0;
      container.innerHTML = marked.parse(text) as string;
    };
    return {
      write(token) {
        text += token;
        frame ||= requestAnimationFrame(paint);
      },
      async end() {
        if (frame) cancelAnimationFrame(frame);
        paint();
        await nextFrame();
      },
    };
  },
  /** <token-view> as it ships: at most 30 renders a second while streaming. */
  '<token-view> throttle 30': (container) => tokenView(container, 30),
  /** <token-view> rendering at every animation frame. */
  '<token-view>': (container) => tokenView(container, 0),
  'streaming-markdown': (container) => {
    const parser = smd.parser(smd.default_renderer(container));
    return {
      write: (token) => smd.parser_write(parser, token),
      async end() {
        smd.parser_end(parser);
        await nextFrame();
      },
    };
  },
};

/** The whole document at once: marked.parse plus the same sanitiser, then one frame. */
async function singleShot(container: HTMLElement, text: string): Promise<void> {
  container.replaceChildren(sanitize(marked.parse(text) as string));
  await nextFrame();
}

/** Writes `tokens` into `sink`: paced by the clock, or as fast as macrotasks allow. */
async function deliver(sink: Sink, tokens: string[], delivery: Delivery): Promise<void> {
  const channel = new MessageChannel();
  const tick = () =>
    new Promise<void>((resolve) => {
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  if (delivery === 'fire-hose') {
    // Network-sized bursts: 32 tokens per task, so frames can interleave as they would.
    for (let i = 0; i < tokens.length; i += 1) {
      sink.write(tokens[i]!);
      if (i % 32 === 31) await tick();
    }
    return;
  }
  const start = performance.now();
  for (let i = 0; i < tokens.length;) {
    const due = Math.floor(((performance.now() - start) * delivery) / 1000) + 1;
    while (i < Math.min(due, tokens.length)) sink.write(tokens[i++]!);
    await new Promise((resolve) => setTimeout(resolve, 1000 / delivery));
  }
}

export interface RunResult {
  wallMs: number;
  maxFrameGapMs: number;
  longTasks: number;
  nodesRemoved: number;
  finalElements: number;
}

async function run(variant: string, doc: number, delivery: Delivery): Promise<RunResult> {
  const { text } = documents[doc]!;
  const tokens = pseudoTokens(text, doc + 1);
  const container = document.createElement('div');
  container.className = 'markdown';
  document.body.append(container);
  await nextFrame();

  let removed = 0;
  const mutations = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.removedNodes) {
        removed += 1 + (node instanceof Element ? node.getElementsByTagName('*').length : 0);
      }
    }
  });
  mutations.observe(container, { childList: true, subtree: true });
  let longTasks = 0;
  const tasks = new PerformanceObserver((list) => (longTasks += list.getEntries().length));
  tasks.observe({ type: 'longtask' });
  let maxGap = 0;
  let last = performance.now();
  let watching = true;
  const watch = (now: number) => {
    maxGap = Math.max(maxGap, now - last);
    last = now;
    if (watching) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);

  const start = performance.now();
  if (variant === 'single shot') await singleShot(container, text);
  else {
    const sink = variants[variant]!(container);
    await deliver(sink, tokens, delivery);
    await sink.end();
  }
  const wallMs = performance.now() - start;
  await nextFrame();
  watching = false;
  mutations.takeRecords();
  mutations.disconnect();
  tasks.disconnect();
  const root = container.querySelector('token-view')?.shadowRoot ?? container;
  const finalElements = root.querySelectorAll('*').length;
  container.remove();
  return { wallMs, maxFrameGapMs: maxGap, longTasks, nodesRemoved: removed, finalElements };
}

Object.assign(window, {
  bench: {
    run,
    variants: [...Object.keys(variants), 'single shot'],
    documents: documents.map(({ name, text }) => ({ name, bytes: new Blob([text]).size })),
  },
});
