import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { StreamStopRequestEvent } from '../../events/stream-stop-request.js';
import { defineElement } from '../../internal/define-element.js';
import { stopButtonStyles } from './stop-button.styles.js';

/** What a stop button needs of the chat it controls: `streaming` reflected as an attribute. */
export interface Stoppable extends HTMLElement {
  readonly streaming: boolean;
  stop(): void;
}

/**
 * Stops the reply of the `<stream-chat>` it sits in (or is slotted into), or of the one whose
 * id `for` names. It follows that chat's `streaming` attribute and is disabled while nothing
 * streams. A `for` chat is looked up again whenever the tree around the button changes, so a
 * chat added later, or replaced by a framework, is found; an id that matches nothing a second
 * after connecting is reported once on the console.
 *
 * @summary A button that stops a streaming reply.
 * @tag stop-button
 * @csspart button - The native button.
 * @cssprop [--stop-button-background=transparent] - Background of the button.
 * @event {StreamStopRequestEvent} stream-stop-request - Clicked while a reply streams; cancel it to keep the reply running.
 */
export class StopButton extends LitElement {
  static override styles = stopButtonStyles;

  /** Registers the element (and the elements it uses) under `tag`; safe to call more than once. */
  static define(tag = 'stop-button'): void {
    defineElement(tag, this);
  }

  /** The id of the `<stream-chat>` to control when the button is not inside one. */
  @property({ attribute: 'for' }) htmlFor = '';

  /** Whether the controlled chat is streaming; the button is disabled otherwise. */
  @property({ type: Boolean, reflect: true }) streaming = false;

  /** The accessible name and visible label. */
  @property() label = 'Stop generating';

  /** Watches the controlled chat's `streaming` attribute. */
  #observer: MutationObserver | undefined;
  /** With `for`: watches the button's tree for the chat appearing, going or being replaced. */
  #tree: MutationObserver | undefined;
  #watched: Stoppable | null = null;
  #missing: ReturnType<typeof setTimeout> | undefined;
  #warned = false;

  /** The chat this button controls: the `for` target, or the closest enclosing chat. */
  get chat(): Stoppable | null {
    const root = this.getRootNode() as Document | ShadowRoot;
    const target = this.htmlFor ? root.getElementById?.(this.htmlFor) : this.#closestChat();
    return target && 'stop' in target ? (target as Stoppable) : null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#watch();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer?.disconnect();
    this.#tree?.disconnect();
    clearTimeout(this.#missing);
    this.#watched = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('htmlFor') && this.isConnected) this.#watch();
  }

  protected override render() {
    return html`<button
      part="button"
      type="button"
      ?disabled=${!this.streaming}
      @click=${this.#onClick}
    >
      <span class="icon" aria-hidden="true"></span><span>${this.label}</span>
    </button>`;
  }

  #watch(): void {
    this.#tree?.disconnect();
    this.#tree = undefined;
    if (this.htmlFor) {
      this.#tree = new MutationObserver(() => this.#follow());
      this.#tree.observe(this.getRootNode(), {
        childList: true,
        subtree: true,
        attributeFilter: ['id'],
      });
    }
    this.#watched = null;
    this.#follow(true);
  }

  /** Follows the chat `chat` names now, when it is another one than the watched one. */
  #follow(always = false): void {
    const chat = this.chat;
    if (chat === this.#watched && !always) return;
    this.#watched = chat;
    this.#observer?.disconnect();
    clearTimeout(this.#missing);
    if (!chat) {
      this.streaming = false;
      if (this.htmlFor && !this.#warned) this.#missing = setTimeout(() => this.#warn(), 1000);
      return;
    }
    const sync = () => (this.streaming = chat.streaming);
    this.#observer = new MutationObserver(sync);
    this.#observer.observe(chat, { attributeFilter: ['streaming'] });
    sync();
  }

  #warn(): void {
    if (this.#watched || !this.isConnected || this.#warned) return;
    this.#warned = true;
    console.warn(
      `stream-chat-elements: <stop-button for="${this.htmlFor}"> found no <stream-chat id="${this.htmlFor}">; it stays disabled until one appears.`,
    );
  }

  #closestChat(): Element | null {
    let node: Node | null = this.parentNode;
    while (node !== null) {
      if (node instanceof Element && node.localName === 'stream-chat') return node;
      node = node instanceof ShadowRoot ? node.host : node.parentNode;
    }
    return null;
  }

  #onClick(): void {
    const chat = this.chat;
    if (this.dispatchEvent(new StreamStopRequestEvent({ target: chat }))) chat?.stop();
  }
}
