import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { defineElement } from '../../internal/define-element.js';
import { tokenViewStyles } from './token-view.styles.js';

/**
 * Renders a stream of Markdown fragments as sanitised HTML, batched to animation frames.
 *
 * @summary Incremental, safe Markdown for one streamed answer.
 * @tag token-view
 * @csspart content - The element holding the rendered Markdown.
 * @cssprop [--token-view-code-background=color-mix(in srgb, currentColor 8%, transparent)] - Background of code blocks.
 */
export class TokenView extends LitElement {
  static override styles = tokenViewStyles;

  static define(tag = 'token-view'): void {
    defineElement(tag, this);
  }

  /** True from the first `write()` until `end()` or `reset()`. */
  @property({ type: Boolean, reflect: true }) streaming = false;

  #source = '';
  #frame = 0;
  #rendered: Promise<void> = Promise.resolve();
  #resolveRendered: (() => void) | undefined;
  readonly #marked = new Marked({ gfm: true });

  /** The whole Markdown source so far; setting it replaces the content. */
  get text(): string {
    return this.#source;
  }
  set text(value: string) {
    this.#source = value;
    this.#schedule();
  }

  /** Appends Markdown source; rendering happens at the next animation frame. */
  write(chunk: string): void {
    if (chunk === '') return;
    this.#source += chunk;
    this.streaming = true;
    this.#schedule();
  }

  /** The stream is over: renders the final state. */
  end(): void {
    this.streaming = false;
    this.#schedule();
  }

  /** Empties the view, ready for a new stream. */
  reset(): void {
    this.#source = '';
    this.streaming = false;
    this.#schedule();
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    await this.#rendered;
    return result;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#frame !== 0) {
      cancelAnimationFrame(this.#frame);
      this.#frame = 0;
      this.#resolveRendered?.();
    }
  }

  protected override render() {
    return html`<div part="content"></div>`;
  }

  #schedule(): void {
    if (this.#frame !== 0) return;
    this.#rendered = new Promise((resolve) => (this.#resolveRendered = resolve));
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      void super.getUpdateComplete().then(() => {
        this.#paint();
        this.#resolveRendered?.();
      });
    });
  }

  #paint(): void {
    const content = this.renderRoot.querySelector('[part="content"]');
    if (content === null) return;
    const unsafe = this.#marked.parse(this.#source, { async: false });
    content.innerHTML = DOMPurify.sanitize(unsafe);
  }
}
