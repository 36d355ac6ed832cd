import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { Marked, type MarkedExtension } from 'marked';
import { defineElement } from '../../internal/define-element.js';
import { MarkdownStream } from '../../markdown/blocks.js';
import { morph } from '../../markdown/morph.js';
import { sanitize } from '../../markdown/sanitize.js';
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

let defaultHighlighter: Promise<typeof import('../../markdown/highlight.js')> | undefined;
const loadHighlighter = () => (defaultHighlighter ??= import('../../markdown/highlight.js'));

const LANGUAGE = /language-(\S+)/;

/** Task list items get a character, not a form control: the sanitiser drops every `<input>`. */
const marked = (extensions: MarkedExtension[]) =>
  new Marked({ renderer: { checkbox: ({ checked }) => (checked ? '☑ ' : '☐ ') } }, ...extensions);

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
 * @csspart copy-button - Copies the code block's source and announces "Copied".
 * @csspart image-button - Stands for an image from an untrusted origin; loads it when clicked.
 * @cssprop [--token-view-code-background=color-mix(in srgb, currentColor 8%, transparent)] - Background of code blocks.
 * @cssprop [--token-view-content-visibility=auto] - `content-visibility` of finished blocks; `visible` turns it off.
 */
export class TokenView extends LitElement {
  static override styles = tokenViewStyles;

  static define(tag = 'token-view'): void {
    defineElement(tag, this);
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

  /** marked extensions (math, footnotes, …); the HTML they render is sanitised like the rest. */
  @property({ attribute: false }) extensions: MarkedExtension[] = [];

  #source = '';
  #fed = 0;
  #core: MarkdownStream | undefined;
  #content: HTMLElement | undefined;
  /** How many leading child nodes of the content are finished blocks. */
  #finished = 0;
  #restart = false;
  #frame = 0;
  #rendered = Promise.resolve();
  #resolveRendered = () => {};
  readonly #highlights = new Set<Promise<void>>();
  /** Image URLs the user chose to load. */
  readonly #approved = new Set<string>();

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
    const options = ['images', 'imageOrigins', 'highlighter', 'extensions'] as const;
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
    this.#restart = true;
    this.#schedule();
  }

  #schedule(): void {
    if (this.#frame !== 0) return;
    this.#rendered = new Promise((resolve) => (this.#resolveRendered = resolve));
    this.#frame = requestAnimationFrame(() => {
      void super.getUpdateComplete().then(() => {
        this.#frame = 0;
        try {
          this.#paint();
        } finally {
          this.#resolveRendered();
        }
      });
    });
  }

  #paint(): void {
    const content = this.#content;
    if (content === undefined) return;
    const core = (this.#core ??= new MarkdownStream(marked(this.extensions)));
    core.append(this.#source.slice(this.#fed));
    this.#fed = this.#source.length;
    const final = !this.streaming;
    const frame = core.render(final);
    const from = frame.restart || this.#restart ? 0 : this.#finished;
    this.#restart = false;
    const finished = this.#fragment(frame.finished);
    const count = finished.childNodes.length;
    const tail = this.#fragment(frame.tail);
    morph(content, content.childNodes[from] ?? null, [...finished.childNodes, ...tail.childNodes]);
    this.#finished = from + count;
    // Highlight each code block once, when it is finished (or when the stream ends).
    for (let node = content.childNodes[from] ?? null, index = from; node; node = node.nextSibling) {
      if (!final && index++ >= this.#finished) break;
      if (node instanceof Element) {
        for (const code of node.querySelectorAll('pre > code:not(.highlighted)'))
          this.#highlight(code);
      }
    }
  }

  /** Sanitised nodes for `markup`, with the image policy applied and code blocks decorated. */
  #fragment(markup: string | string[]): DocumentFragment {
    const fragment = document.createDocumentFragment();
    for (const html of [markup].flat()) {
      if (!html) continue;
      const nodes = sanitize(html);
      // Still inert (it belongs to DOMPurify's document): decide about each image before
      // moving it into this document starts its fetch. The sanitiser left only http(s) and
      // relative sources.
      for (const image of nodes.querySelectorAll('img')) {
        const url = image.src && new URL(image.src);
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
        const button = part('button', 'image-button', `Load image from ${url.host}`);
        button.title = image.alt;
        button.value = url.href;
        image.replaceWith(this.images === 'none' ? image.alt : button);
      }
      fragment.append(nodes);
    }
    for (const pre of fragment.querySelectorAll('pre')) {
      const block = part('div', 'code-block');
      const header = part('div', 'code-header');
      const copy = part('button', 'copy-button', 'Copy');
      copy.ariaLabel = 'Copy code';
      header.append(
        part('span', 'code-language', LANGUAGE.exec(pre.firstElementChild?.className ?? '')?.[1]),
        copy,
      );
      pre.replaceWith(block);
      block.append(header, pre);
      // Fetch the default highlighter while the first code block is still streaming.
      if (this.highlighter === undefined) loadHighlighter().catch(() => undefined);
    }
    return fragment;
  }

  #highlight(code: Element): void {
    let highlighter = this.highlighter;
    if (highlighter === null) return;
    code.classList.add('highlighted');
    const source = code.textContent ?? '';
    const lang = LANGUAGE.exec(code.className)?.[1] ?? '';
    const job = (async () => {
      // Out of the animation frame: a long block must not delay the frame that finished it.
      await new Promise((resolve) => setTimeout(resolve));
      if (!highlighter) {
        const { highlight, theme } = await loadHighlighter();
        const root = this.shadowRoot!;
        if (!root.adoptedStyleSheets.includes(theme)) root.adoptedStyleSheets.push(theme);
        highlighter = highlight;
      }
      const markup = await highlighter(source, lang);
      // Sanitised, with the image policy applied: its markup is no more trusted than the model's.
      if (markup !== undefined && code.textContent === source) {
        code.replaceChildren(this.#fragment(markup));
      }
    })()
      .catch((error: unknown) => console.warn('stream-chat-elements: highlighting failed', error))
      .finally(() => this.#highlights.delete(job));
    this.#highlights.add(job);
  }

  readonly #onClick = (event: Event): void => {
    const button = (event.target as Element).closest('button');
    if (button?.part.contains('copy-button')) {
      const code = button.parentElement?.nextElementSibling?.textContent ?? '';
      navigator.clipboard.writeText(code.replace(/\n$/, '')).then(
        () => this.#announce(button, 'Copied'),
        () => this.#announce(button, 'Copy failed'),
      );
    } else if (button?.part.contains('image-button')) {
      this.#approved.add(button.value);
      this.#rerender();
    }
  };

  #announce(button: HTMLButtonElement, message: string): void {
    const status = this.renderRoot.querySelector('[role="status"]')!;
    status.textContent = button.textContent = message;
    setTimeout(() => {
      status.textContent = '';
      button.textContent = 'Copy';
    }, 2000);
  }
}
