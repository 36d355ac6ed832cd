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
 * streams. The chat is looked up when the button connects and whenever `for` changes.
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

  #observer: MutationObserver | undefined;

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
    this.#observer?.disconnect();
    const chat = this.chat;
    if (!chat) return;
    const sync = () => (this.streaming = chat.streaming);
    this.#observer = new MutationObserver(sync);
    this.#observer.observe(chat, { attributeFilter: ['streaming'] });
    sync();
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
