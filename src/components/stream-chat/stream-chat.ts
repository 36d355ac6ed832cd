import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { StreamAbortEvent } from '../../events/stream-abort.js';
import { StreamEndEvent } from '../../events/stream-end.js';
import { StreamErrorEvent } from '../../events/stream-error.js';
import { StreamOpenEvent } from '../../events/stream-open.js';
import { StreamTokenEvent } from '../../events/stream-token.js';
import { defineElement } from '../../internal/define-element.js';
import { createTransport, type TransportName } from '../../transports/create.js';
import {
  toStreamError,
  type ChatMessage,
  type ChatRequest,
  type ChatTransport,
} from '../../transports/transport.js';
import { TokenView } from '../token-view/token-view.js';
import { streamChatStyles } from './stream-chat.styles.js';

/**
 * A complete streaming chat: message list, composer and stop button.
 *
 * @summary A drop-in streaming AI chat.
 * @tag stream-chat
 * @csspart messages - The message list (`role="log"`).
 * @csspart message - Every message.
 * @csspart user-message - A message the user sent.
 * @csspart assistant-message - An answer from the model.
 * @csspart error - The error row.
 * @csspart composer - The form holding the input and the buttons.
 * @csspart input - The text area.
 * @csspart send-button - The send button.
 * @cssprop [--sce-color-accent=#2563eb] - Accent colour.
 * @event {StreamOpenEvent} stream-open - The connection for a reply is open.
 * @event {StreamTokenEvent} stream-token - Text arrived.
 * @event {StreamEndEvent} stream-end - The reply finished normally.
 * @event {StreamErrorEvent} stream-error - The reply failed.
 * @event {StreamAbortEvent} stream-abort - The reply was stopped.
 */
export class StreamChat extends LitElement {
  static override styles = streamChatStyles;

  static define(tag = 'stream-chat'): void {
    TokenView.define();
    defineElement(tag, this);
  }

  /** The URL of the model server. */
  @property() endpoint = '';

  /** `sse`, `websocket`, `ndjson` or `text`, or a `ChatTransport` object that overrides them. */
  @property({
    converter: { fromAttribute: (value: string | null) => value ?? 'sse', toAttribute: () => null },
  })
  transport: TransportName | ChatTransport = 'sse';

  /** The wire dialect of the server. */
  @property() protocol = 'openai';

  /** The model name sent with each request. */
  @property() model = '';

  /** The input's placeholder. */
  @property() placeholder = 'Send a message';

  /** Whether a reply is streaming. */
  @property({ type: Boolean, reflect: true }) streaming = false;

  /** The conversation. */
  @property({ attribute: false }) messages: ChatMessage[] = [];

  @state() private error: string | null = null;
  @state() private draft = '';

  #controller: AbortController | null = null;
  #answer = '';

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#controller?.abort();
  }

  /** Sends `text` as the user's message and streams the answer. */
  async send(text: string): Promise<void> {
    const content = text.trim();
    if (content === '') return;
    this.messages = [...this.messages, { role: 'user', content }];
    await this.#run();
  }

  /** Stops the running reply, keeping what arrived. */
  stop(): void {
    this.#controller?.abort();
  }

  /** Regenerates the last answer. */
  async retry(): Promise<void> {
    const last = this.messages.at(-1);
    if (last?.role === 'assistant') this.messages = this.messages.slice(0, -1);
    await this.#run();
  }

  /** Empties the conversation. */
  clear(): void {
    this.stop();
    this.messages = [];
    this.error = null;
  }

  async #run(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const request: ChatRequest = {
      messages: this.messages,
      ...(this.model ? { model: this.model } : {}),
    };
    this.error = null;
    this.#answer = '';
    this.streaming = true;
    this.messages = [...this.messages, { role: 'assistant', content: '' }];
    await this.updateComplete;
    const view = this.#lastView();
    let reason: string | undefined;
    try {
      const iterable = this.#transport().stream(request, { signal: controller.signal });
      this.dispatchEvent(new StreamOpenEvent({ request }));
      for await (const part of iterable) {
        if (part.type === 'finish') {
          reason = part.reason;
        } else if (part.type === 'text') {
          this.#answer += part.text;
          view?.write(part.text);
          this.dispatchEvent(new StreamTokenEvent({ text: part.text, kind: 'text' }));
        }
      }
      view?.end();
      const message: ChatMessage = { role: 'assistant', content: this.#answer };
      this.#replaceLast(message);
      this.dispatchEvent(
        new StreamEndEvent(reason === undefined ? { message } : { message, reason }),
      );
    } catch (thrown) {
      view?.end();
      this.#replaceLast({ role: 'assistant', content: this.#answer });
      const error = toStreamError(thrown, controller.signal);
      if (error.code === 'aborted') {
        this.dispatchEvent(new StreamAbortEvent({ partial: this.#answer }));
      } else {
        this.error = error.message;
        this.dispatchEvent(new StreamErrorEvent({ error: error.toJSON(), partial: this.#answer }));
      }
    } finally {
      if (this.#controller === controller) {
        this.#controller = null;
        this.streaming = false;
      }
    }
  }

  #transport(): ChatTransport {
    if (typeof this.transport === 'object') return this.transport;
    return createTransport({
      transport: this.transport,
      url: this.endpoint,
      protocol: this.protocol,
    });
  }

  #replaceLast(message: ChatMessage): void {
    this.messages = [...this.messages.slice(0, -1), message];
  }

  #lastView(): TokenView | null {
    const views = this.renderRoot.querySelectorAll('token-view');
    return views[views.length - 1] ?? null;
  }

  protected override render() {
    return html`
      <div part="messages" role="log" aria-live="polite">
        ${repeat(
          this.messages,
          (_, index) => index,
          (message) =>
            message.role === 'user'
              ? html`<div part="message user-message">${message.content}</div>`
              : html`<token-view
                  part="message assistant-message"
                  .text=${message.content}
                ></token-view>`,
        )}
        ${this.error === null ? nothing : html`<div part="error" role="alert">${this.error}</div>`}
      </div>
      <form part="composer" @submit=${this.#onSubmit}>
        <textarea
          part="input"
          rows="1"
          aria-label=${this.placeholder}
          placeholder=${this.placeholder}
          .value=${this.draft}
          @input=${(event: Event) => (this.draft = (event.target as HTMLTextAreaElement).value)}
        ></textarea>
        <button
          part="send-button"
          type="submit"
          ?disabled=${this.streaming || this.draft.trim() === ''}
        >
          Send
        </button>
      </form>
    `;
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    const text = this.draft;
    this.draft = '';
    void this.send(text);
  }
}
