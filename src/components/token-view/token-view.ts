import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { MarkedExtension } from 'marked';
import { defineElement } from '../../internal/define-element.js';
import { lazy } from '../../internal/lazy.js';
import type { BlockDom } from '../../markdown/block-dom.js';
import type { MarkdownStream } from '../../markdown/blocks.js';
import { RichContent, richContentStyles } from '../../markdown/rich-content.js';
import { defaultTokenViewStrings, type TokenViewStrings } from './token-view.strings.js';
import { tokenViewStyles } from './token-view.styles.js';

/**
 * Turns the source of a finished code block into HTML, which is sanitised like the rest;
 * `undefined` leaves the block as it is.
 */
export type Highlighter = (
  code: string,
  lang: string,
) => string | undefined | Promise<string | undefined>;

/** What happens to an image from an origin that is neither this page's nor in `image-origins`. */
export type ImagePolicy = 'click' | 'allow' | 'none';

// The Markdown engine (marked, the block splitter, tail repair, the DOM side) and the sanitiser
// (the platform's HTML Sanitizer API, or DOMPurify where there is none) are chunks of their own,
// loaded in parallel, and so are copying and highlighting: the embed's main file holds only the
// element.
type Engine = [
  typeof import('../../markdown/engine.js'),
  typeof import('../../markdown/sanitize.js'),
];
let loaded: Engine | undefined;
const engine = lazy(() =>
  Promise.all([
    import('../../markdown/engine.js'),
    import('../../markdown/sanitize.js').then(async (module) => {
      await module.sanitizerReady();
      return module;
    }),
  ]).then((modules) => (loaded = modules)),
);
const codeBlocks = lazy(() => import('../../markdown/code-blocks.js'));
const defaultHighlighter = lazy(() => import('../../markdown/highlight.js'));

const LANGUAGE = /language-(\S+)/;
/** Top-level blocks from which on an answer is long: its blocks skip layout while off screen. */
const LONG = 32;

function part<K extends keyof HTMLElementTagNameMap>(tag: K, name: string, text = '') {
  const element = document.createElement(tag);
  element.setAttribute('part', name);
  element.textContent = text;
  return element;
}

/**
 * Renders a stream of Markdown fragments as sanitised HTML. `write()` only appends; rendering
 * happens at most once per animation frame. Finished blocks are rendered once and kept; only
 * the unfinished tail is lexed again, and its DOM grows in place where text was only appended.
 * Half-typed syntax at the end of the tail is closed or held back until it is complete.
 *
 * @summary Incremental, safe Markdown for one streamed answer.
 * @tag token-view
 * @csspart content - The element holding the rendered Markdown.
 * @csspart code-block - A code block: its header and its `pre`.
 * @csspart code-header - The bar above a code block: language label and copy button.
 * @csspart code-language - The language label of a code block.
 * @csspart copy-button - Copies the code block's source and announces "Copied".
 * @csspart image-button - Stands for an image from an untrusted origin; loads it when clicked.
 * @csspart diagram - A Mermaid diagram drawn from a finished `mermaid` code block.
 * @csspart diagram-toggle - Shows the diagram's Mermaid source instead of the diagram (`aria-pressed`).
 * @csspart diagram-note - Says that a Mermaid block could not be drawn (its source stays).
 * @cssprop [--token-view-code-background=color-mix(in srgb, currentColor 8%, transparent)] - Background of code blocks.
 * @cssprop [--token-view-content-visibility=auto] - `content-visibility` of each top-level block (off-screen blocks skip layout and paint); `visible` turns it off.
 */
export class TokenView extends LitElement {
  static override styles = [tokenViewStyles, richContentStyles];

  static define(tag = 'token-view'): void {
    defineElement(tag, this);
    // Fetch the engine now, so it is there by the time the first answer streams.
    engine().catch(() => undefined);
  }

  /** True from the first `write()` until `end()` or `reset()`. */
  @property({ type: Boolean, reflect: true }) streaming = false;

  /**
   * Images from origins that are not trusted: `click` shows a "Load image from <host>" button
   * and fetches the image only when it is clicked, `none` shows the alt text, `allow` loads them.
   */
  @property() images: ImagePolicy = 'click';

  /** Space-separated origins whose images always load (`https://cdn.example.com`); this page's origin is trusted too. */
  @property({ attribute: 'image-origins' }) imageOrigins = '';

  /**
   * Highlights finished code blocks. By default a small highlighter (highlight.js with common
   * languages) is loaded on demand when the first code block appears; `null` turns highlighting off.
   */
  @property({ attribute: false }) highlighter: Highlighter | null | undefined;

  /**
   * Milliseconds at least between two renders while streaming. `0` (the default) renders at the
   * next animation frame after a write; `30` caps it at about 30 renders a second, which reads as
   * smoothly for text and costs about a fifth less main-thread time on fast streams. Never more
   * than once per frame, and `end()` renders at once.
   */
  @property({ type: Number }) throttle = 0;

  /** Replacements for any of the visible or announced strings (see `TokenViewStrings`). */
  @property({ attribute: false }) strings: Partial<TokenViewStrings> = {};

  /**
   * Math between `$…$`, `\(…\)`, `$$…$$` and `\[…\]`, typeset with KaTeX (loaded when the first
   * formula appears). On by default; `math="false"` or `.math=${false}` shows the source as text.
   */
  @property({ converter: (value) => value !== 'false' }) math = true;

  /**
   * Finished `mermaid` code blocks drawn as diagrams with Mermaid (loaded when the first one
   * appears). On by default; `diagrams="false"` keeps them code blocks.
   */
  @property({ converter: (value) => value !== 'false' }) diagrams = true;

  /** marked extensions (footnotes, …); the HTML they render is sanitised like the rest. */
  @property({ attribute: false }) extensions: MarkedExtension[] = [];

  #source = '';
  #fed = 0;
  #core: MarkdownStream | undefined;
  #dom: BlockDom | undefined;
  #content: HTMLElement | undefined;
  #frame = 0;
  #timer = 0;
  #waiting = false;
  #painted = -Infinity;
  /** How many new characters one frame takes on: adapted so a frame's work stays short. */
  #budget = 8192;
  #rendered = Promise.resolve();
  #resolveRendered = () => {};
  readonly #highlights = new Set<Promise<void>>();
  /** The source of each code element that was highlighted. */
  readonly #highlighted = new WeakMap<Element, string>();
  /** Image URLs the user chose to load. */
  readonly #approved = new Set<string>();
  readonly #rich = new RichContent({
    root: () => this.shadowRoot!,
    track: (job) => this.#track(job),
    strings: () => this.#strings(),
  });

  /** The whole Markdown source so far; setting it replaces the content. */
  get text(): string {
    return this.#source;
  }
  set text(value: string) {
    this.#source = value;
    this.#rerender();
  }

  /** Appends Markdown source. Cheap: parsing and DOM work wait for the next animation frame. */
  write(chunk: string): void {
    if (chunk === '') return;
    this.#source += chunk;
    this.streaming = true;
    this.#schedule();
  }

  /** The stream is over: renders the final state (nothing held back, code highlighted). */
  end(): void {
    this.streaming = false;
    this.#schedule();
  }

  /** Empties the view, ready for a new stream. */
  reset(): void {
    this.streaming = false;
    this.text = '';
  }

  protected override render() {
    return html`<div part="content"></div>
      <div class="status" role="status"></div>`;
  }

  protected override firstUpdated(): void {
    this.#content = this.renderRoot.querySelector<HTMLElement>('[part="content"]')!;
    this.#content.addEventListener('click', this.#onClick);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const options = [
      'images',
      'imageOrigins',
      'highlighter',
      'extensions',
      'strings',
      'math',
      'diagrams',
    ] as const;
    if (this.hasUpdated && options.some((name) => changed.has(name))) this.#rerender();
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    await this.#rendered;
    while (this.#highlights.size > 0) await Promise.all(this.#highlights);
    return result;
  }

  /** Renders everything again from the source, keeping the DOM nodes that did not change. */
  #rerender(): void {
    this.#core = undefined;
    this.#fed = 0;
    this.#dom?.restart();
    this.#schedule();
  }

  #schedule(): void {
    if (!this.#waiting) {
      this.#waiting = true;
      this.#rendered = new Promise((resolve) => (this.#resolveRendered = resolve));
    }
    if (this.#frame !== 0) return;
    // While streaming, wait for the animation frame that comes after `throttle` ms.
    const delay = this.streaming ? this.#painted + this.throttle - performance.now() - 16 : 0;
    if (delay > 0) {
      this.#timer ||= window.setTimeout(() => {
        this.#timer = 0;
        this.#schedule();
      }, delay);
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = 0;
    this.#frame = requestAnimationFrame(() => {
      void Promise.all([engine(), super.getUpdateComplete()]).then(
        ([modules]) => {
          this.#frame = 0;
          let done = true;
          try {
            done = this.#paint(modules);
          } finally {
            if (done) {
              this.#waiting = false;
              this.#resolveRendered();
            } else this.#schedule();
          }
        },
        (error: unknown) => {
          // Nothing can render without the engine: say so, and try again with the next text.
          this.#frame = 0;
          this.#waiting = false;
          this.#resolveRendered();
          console.warn('stream-chat-elements: the Markdown engine failed to load', error);
        },
      );
    });
  }

  /** Renders what arrived since the last frame; false when text is left for the next frame. */
  #paint([
    { BlockDom, MarkdownStream, markdown, repairTail, mathExtension, withPendingMath },
  ]: Engine): boolean {
    const content = this.#content;
    if (content === undefined) return true;
    const start = performance.now();
    const extensions = this.math ? [mathExtension(), ...this.extensions] : this.extensions;
    const core = (this.#core ??= new MarkdownStream(markdown(extensions)));
    this.#dom ??= new BlockDom(
      content,
      (html) => this.#fragment(html),
      // A highlighted code element stands for the same code freshly rendered: a patch of its
      // block (a late reference definition) leaves it alone.
      (old, node) => this.#highlighted.get(old) === node.textContent,
    );
    const fed = Math.min(this.#source.length, this.#fed + this.#budget);
    core.append(this.#source.slice(this.#fed, fed));
    this.#fed = fed;
    const done = fed === this.#source.length;
    const final = !this.streaming && done;
    for (const block of this.#dom.apply(
      core.render(final ? undefined : this.math ? withPendingMath(repairTail) : repairTail),
    )) {
      for (const node of block) if (node.nodeType === 1) this.#finish(node as Element);
    }
    content.classList.toggle('long', content.childElementCount > LONG);
    this.#painted = performance.now();
    // About 6 ms of script per frame leaves room for style, layout and paint within 16 ms; the
    // budget at most doubles from one frame to the next, so one fast frame cannot make a long one.
    if (!done) {
      const scaled = (this.#budget * 6) / Math.max(this.#painted - start, 1);
      this.#budget = Math.max(2048, Math.min(scaled, this.#budget * 2));
    }
    return done;
  }

  /**
   * The one place where a finished block gets what only finished blocks get (a block is
   * finished once no later text can change it, and every block is at `end()`): its code is
   * highlighted. Runs again on a block that a late reference definition patched.
   */
  #finish(block: Element): void {
    const code = block.matches('pre > code') ? [block] : block.querySelectorAll('pre > code');
    for (const element of code)
      if (!element.classList.contains('highlighted')) this.#highlight(element);
  }

  /** Sanitised nodes for `html`, with the image policy applied and code blocks decorated. */
  #fragment(html: string): DocumentFragment {
    const strings = this.#strings();
    const nodes = loaded![1].sanitize(html);
    // Still inert (it belongs to DOMPurify's document): decide about each image before
    // moving it into this document starts its fetch. The sanitiser left only http(s) and
    // relative sources.
    for (const image of nodes.querySelectorAll('img')) {
      // Resolved against this page: the sanitiser's inert document may have no base URL.
      const src = image.getAttribute('src');
      const url = src && new URL(src, document.baseURI);
      image.referrerPolicy = 'no-referrer';
      if (
        !url ||
        this.images === 'allow' ||
        url.origin === location.origin ||
        this.imageOrigins.split(/\s+/).includes(url.origin) ||
        this.#approved.has(url.href)
      ) {
        continue;
      }
      const button = part('button', 'image-button', strings.loadImage.replace('{host}', url.host));
      button.title = image.alt;
      button.value = url.href;
      image.replaceWith(this.images === 'none' ? image.alt : button);
    }
    if (this.math) this.#rich.typeset(nodes);
    const fragment = document.createDocumentFragment();
    fragment.append(nodes);
    for (const pre of fragment.querySelectorAll('pre')) {
      const block = part('div', 'code-block');
      const header = part('div', 'code-header');
      const copy = part('button', 'copy-button', strings.copy);
      copy.ariaLabel = strings.copyCode;
      header.append(
        part('span', 'code-language', LANGUAGE.exec(pre.firstElementChild?.className ?? '')?.[1]),
        copy,
      );
      pre.replaceWith(block);
      block.append(header, pre);
      // Fetch the default highlighter while the first code block is still streaming.
      if (this.highlighter === undefined) defaultHighlighter().catch(() => undefined);
    }
    return fragment;
  }

  #strings(): TokenViewStrings {
    return { ...defaultTokenViewStrings, ...this.strings };
  }

  #highlight(code: Element): void {
    if (this.diagrams && code.classList.contains('language-mermaid'))
      return this.#rich.drawDiagram(code);
    const highlighter = this.highlighter;
    if (highlighter === null) return;
    code.classList.add('highlighted');
    const source = code.textContent;
    this.#highlighted.set(code, source);
    const job = codeBlocks()
      .then((module) => module.highlight(code, highlighter, this.shadowRoot!))
      .then((markup) => {
        // Sanitised, with the image policy applied: no more trusted than the model's markup.
        if (markup !== undefined && code.textContent === source) {
          code.replaceChildren(this.#fragment(markup));
        }
      })
      .catch((error: unknown) => console.warn('stream-chat-elements: highlighting failed', error));
    this.#track(job);
  }

  /** Counts `job` as rendering work that `updateComplete` waits for. */
  #track(job: Promise<unknown>): void {
    const tracked = job.then(
      () => undefined,
      () => undefined,
    );
    this.#highlights.add(tracked);
    void tracked.finally(() => this.#highlights.delete(tracked));
  }

  readonly #onClick = (event: Event): void => {
    // The only buttons in the content are the element's own: copy, load-image, diagram toggle.
    const button = (event.target as Element).closest('button');
    if (button?.part.contains('diagram-toggle')) this.#rich.toggle(button);
    else if (button?.part.contains('image-button')) {
      this.#approved.add(button.value);
      this.#rerender();
    } else if (button) {
      const status = this.renderRoot.querySelector('[role="status"]')!;
      void codeBlocks().then((module) => module.copy(button, status, this.#strings()));
    }
  };
}
