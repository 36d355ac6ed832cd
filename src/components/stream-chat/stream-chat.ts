import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { AutoScrollController } from '../../controllers/auto-scroll-controller.js';
import type { SavedChat } from '../../controllers/persistence.js';
import type { StreamController } from '../../controllers/stream-controller.js';
import { StreamStopRequestEvent } from '../../events/stream-stop-request.js';
import { defineElement } from '../../internal/define-element.js';
import { createTransport, type TransportName } from '../../transports/create.js';
import type { ChatMessage, ChatTransport, StreamError } from '../../transports/transport.js';
import { StopButton } from '../stop-button/stop-button.js';
import { TokenView } from '../token-view/token-view.js';
import {
  defaultStrings,
  type ChatOwnStrings,
  type StreamChatStrings,
} from './stream-chat.strings.js';
import { streamChatStyles } from './stream-chat.styles.js';

/** Messages rendered at first, and added per step as the reader scrolls back. */
const WINDOW = 50;

/**
 * A complete streaming chat: message list, composer, stop and retry. Point `endpoint` at a
 * model server (or set `transport` to a `ChatTransport`) and it works with no other code.
 *
 * The send button is disabled while the draft is blank or a reply streams; Enter does nothing
 * then either, so the draft is kept. A reply that fails before any text puts the question
 * back into the composer (when it is empty) and offers Retry.
 *
 * @summary A drop-in streaming AI chat.
 * @tag stream-chat
 * @slot header - Above the messages.
 * @slot empty - Shown while the conversation is empty.
 * @slot actions - Extra composer controls, before the send button.
 * @csspart messages - The scrolling message list (`role="log"`).
 * @csspart message - Every message.
 * @csspart user-message - A message the user sent.
 * @csspart assistant-message - An answer of the model.
 * @csspart reasoning - The collapsible reasoning ("thinking") section of an answer.
 * @csspart typing - The indicator shown until the first token arrives.
 * @csspart stopped - The mark on an answer that was stopped.
 * @csspart empty - The default empty state.
 * @csspart earlier-button - Renders older messages of a long history.
 * @csspart jump-button - "Jump to latest", shown while the reader is scrolled up.
 * @csspart error - The error row (an assertive live region with the server's message).
 * @csspart retry-button - The Retry button of the error row.
 * @csspart composer - The form holding the input and the buttons.
 * @csspart input - The text area.
 * @csspart send-button - The send button.
 * @csspart stop-button - The `<stop-button>` shown instead of the send button while a reply streams.
 * @cssprop [--sce-color-background=light-dark(#fff, #16181d)] - Background.
 * @cssprop [--sce-color-text=light-dark(#1c1e21, #e6e8eb)] - Text.
 * @cssprop [--sce-color-muted=light-dark(#596070, #a3a9b6)] - Secondary text.
 * @cssprop [--sce-color-surface=light-dark(#eef1f5, #262a31)] - User messages and hover fills.
 * @cssprop [--sce-color-border=light-dark(#d3d8e0, #3a3f49)] - Borders.
 * @cssprop [--sce-color-accent=light-dark(#2456d3, #8fb0ff)] - Send button, links, focus ring.
 * @cssprop [--sce-color-on-accent=light-dark(#fff, #0b1020)] - Text on the accent colour.
 * @cssprop [--sce-color-danger=light-dark(#b3261e, #ff8a80)] - The error row.
 * @cssprop [--sce-color-focus=var(--sce-color-accent)] - Focus ring.
 * @cssprop [--sce-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--sce-radius=12px] - Corner radius.
 * @cssprop [--sce-spacing=0.75rem] - Gap between messages and padding.
 * @cssprop [--sce-max-width=48rem] - Maximum width of the message column.
 * @cssprop [--stream-chat-input-max-height=12em] - Height up to which the text area grows.
 * @event {StreamOpenEvent} stream-open - The connection for a reply is open.
 * @event {StreamTokenEvent} stream-token - Text arrived; at most one event per animation frame.
 * @event {StreamEndEvent} stream-end - The reply finished normally.
 * @event {StreamErrorEvent} stream-error - The reply failed.
 * @event {StreamAbortEvent} stream-abort - The reply was stopped (Stop, Escape, `stop()`, a new send, or removal).
 * @event {StreamStopRequestEvent} stream-stop-request - Escape was pressed while a reply streams; cancel it to keep the reply running.
 */
export class StreamChat extends LitElement {
  static override styles = streamChatStyles;

  /** Registers the element (and the elements it uses) under `tag`; safe to call more than once. */
  static define(tag = 'stream-chat'): void {
    TokenView.define();
    StopButton.define();
    defineElement(tag, this);
  }

  /** The URL of the model server. */
  @property() endpoint = '';

  /** `sse`, `websocket`, `ndjson` or `text`, or a `ChatTransport` object that overrides the attributes. */
  @property({ converter: (value) => value ?? 'sse' })
  transport: TransportName | ChatTransport = 'sse';

  /** The wire dialect of the server: `openai`, `openai-responses`, `anthropic`, `dify`, `ollama`, `ai-sdk` or `text`. */
  @property() protocol = 'openai';

  /** The model name sent with each request. */
  @property() model = '';

  /** The text area's placeholder; defaults to `strings.placeholder`. */
  @property() placeholder = '';

  /** `light`, `dark` or `auto` (the default: follows `prefers-color-scheme`); switches live. */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto';

  /** A localStorage key: when set, the conversation and the draft survive reloads. */
  @property() persist = '';

  /** Replacements for any of the visible or announced strings (see `StreamChatStrings`). */
  @property({ attribute: false }) strings: Partial<StreamChatStrings> = {};

  /** Math in answers, typeset with KaTeX (see `<token-view>`); `math="false"` turns it off. */
  @property({ converter: (value) => value !== 'false' }) math = true;

  /** Mermaid blocks in answers drawn as diagrams (see `<token-view>`); `diagrams="false"` turns it off. */
  @property({ converter: (value) => value !== 'false' }) diagrams = true;

  /** Whether a reply is streaming (read-only; reflected for stylesheets and `<stop-button>`). */
  @property({ type: Boolean, reflect: true }) streaming = false;

  @state() private failure: StreamError | undefined;
  @state() private blank = true;

  #messages: ChatMessage[] = [];
  /** Index of the first rendered message: long histories render their tail first. */
  #from = 0;
  /** Distance from the bottom to restore after older messages were rendered above. */
  #keep = 0;
  /** The question a failure put back into the composer, for `retry()`. */
  #failed: string | undefined;
  /** How much answer and reasoning text the live views have been given. */
  #fed = [0, 0];
  #composing = false;
  #reasoning = new WeakMap<ChatMessage, string>();
  #stopped = new WeakSet<ChatMessage>();

  #stream: StreamController | undefined;
  #loading: Promise<StreamController> | undefined;

  #scroll = new AutoScrollController(this, () => this.#log);

  constructor() {
    super();
    this.addEventListener('keydown', (event) => {
      if (
        event.key === 'Escape' &&
        !event.isComposing &&
        this.streaming &&
        this.dispatchEvent(new StreamStopRequestEvent({ target: this }))
      ) {
        this.stop();
      }
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  /** The conversation. Set it to load a history (this stops a running reply); read it to save. */
  @property({ attribute: false })
  get messages(): ChatMessage[] {
    return this.#messages;
  }
  set messages(value: ChatMessage[]) {
    this.#stream?.abort();
    this.#messages = value;
    this.#from = Math.max(0, value.length - WINDOW);
    this.#failed = this.failure = undefined;
  }

  /** Sends `text` as the user's message and streams the answer; resolves when the reply settles. */
  async send(text: string): Promise<void> {
    const content = text.trim();
    if (!content) return;
    const stream = await this.#load();
    stream.abort();
    this.#set([...this.#messages, { role: 'user', content }]);
    this.#scroll.scrollToBottom();
    return this.#run(stream);
  }

  /** Stops the running reply; what arrived stays, marked as stopped. No-op when nothing runs. */
  stop(): void {
    this.#stream?.abort();
  }

  /** Regenerates the last answer, or sends again the question a failure put back. */
  async retry(): Promise<void> {
    const stream = await this.#load();
    stream.abort();
    const failed = this.#failed;
    if (failed !== undefined) {
      if (this.#input?.value === failed) this.#setDraft('');
      return this.send(failed);
    }
    const list = this.#messages;
    const question = list.at(-1)?.role === 'assistant' ? list.slice(0, -1) : list;
    if (question.at(-1)?.role !== 'user') return;
    this.#set(question);
    return this.#run(stream);
  }

  /** Stops any reply and empties the conversation (and its saved copy). The draft stays. */
  clear(): void {
    this.messages = [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const key = this.persist;
    if (changed.has('persist') && key) {
      void import('../../controllers/persistence.js').then(({ loadChat }) => {
        if (key !== this.persist) return;
        const saved = loadChat(key);
        if (!this.#messages.length && saved.messages.length) this.messages = saved.messages;
        if (this.#input?.value === '') this.#setDraft(saved.draft);
      });
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.#stream?.running) this.#feed();
    const log = this.#log;
    if (this.#keep && log) {
      log.scrollTop = log.scrollHeight - this.#keep;
      this.#keep = 0;
    }
    if (changed.has('messages')) this.#save({ messages: this.#messages });
  }

  protected override render() {
    const s = { ...defaultStrings, ...this.strings };
    const live = !!this.#stream?.running;
    const list = this.#messages;
    const rows = live ? [...list, { role: 'assistant', content: '' } as const] : list;
    const failure = this.failure;
    return html`<slot name="header"></slot>
      <div class="body">
        <div
          part="messages"
          role="log"
          tabindex="0"
          aria-label=${s.log}
          aria-busy=${live}
          @scroll=${this.#onScroll}
        >
          <div class="list">
            ${
              this.#from
                ? html`<button part="earlier-button" @click=${this.#earlier}>${s.earlier}</button>`
                : nothing
            }
            ${
              live || list.some((message) => message.role !== 'system')
                ? nothing
                : html`<slot name="empty"><p part="empty">${s.empty}</p></slot>`
            }
            ${rows.map((message, index) =>
              // Older rows of a long history stay empty parts: their positions are kept, so
              // rendering them later reuses every other row as it is.
              index < this.#from ? nothing : this.#row(message, s, live && index === list.length),
            )}
          </div>
        </div>
        ${
          this.#scroll.following
            ? nothing
            : html`<button part="jump-button" @click=${this.#jump}>${s.jump}</button>`
        }
      </div>
      <div part="error" class=${failure ? 'on' : ''}>
        <span role="alert">${failure?.message}</span>
        ${
          failure
            ? html`<button part="retry-button" @click=${() => this.retry()}>${s.retry}</button>`
            : nothing
        }
      </div>
      <form part="composer" @submit=${this.#onSubmit}>
        <textarea
          part="input"
          rows="1"
          dir="auto"
          aria-label=${s.input}
          placeholder=${this.placeholder || s.placeholder}
          @input=${this.#draftChanged}
          @keydown=${this.#onKeydown}
          @compositionstart=${() => (this.#composing = true)}
          @compositionend=${() => (this.#composing = false)}
        ></textarea>
        <slot name="actions"></slot>
        ${
          live
            ? html`<stop-button part="stop-button" .label=${s.stop}></stop-button>`
            : html`<button part="send-button" ?disabled=${this.blank}>${s.send}</button>`
        }
      </form>`;
  }

  #row(message: ChatMessage, s: ChatOwnStrings, live: boolean) {
    if (message.role === 'system') return nothing;
    const user = message.role === 'user';
    const stream = this.#stream!;
    const reasoning = live ? stream.reasoning : this.#reasoning.get(message);
    return html`<div part="message ${message.role}-message" aria-busy=${live || nothing}>
      <span class="sr">${user ? s.user : s.assistant}</span>
      ${
        user
          ? html`<div class="text" dir="auto">${message.content}</div>`
          : html`${
                reasoning
                  ? html`<details part="reasoning">
                      <summary>${live && !stream.text ? s.thinking : s.reasoning}</summary>
                      <token-view
                        .text=${live ? '' : reasoning}
                        .strings=${this.strings}
                        .math=${this.math}
                        .diagrams=${this.diagrams}
                      ></token-view>
                    </details>`
                  : nothing
              }
              ${
                live && stream.status === 'pending'
                  ? html`<span part="typing" role="img" aria-label=${s.typing}>•••</span>`
                  : nothing
              }
              <token-view
                .text=${live ? '' : message.content}
                .strings=${this.strings}
                .math=${this.math}
                .diagrams=${this.diagrams}
              ></token-view>
              ${
                this.#stopped.has(message)
                  ? html`<small part="stopped">${s.stopped}</small>`
                  : nothing
              }`
      }
    </div>`;
  }

  get #log(): HTMLElement | null | undefined {
    return this.renderRoot?.querySelector<HTMLElement>('[part=messages]');
  }

  get #input(): HTMLTextAreaElement | null | undefined {
    return this.renderRoot?.querySelector('textarea');
  }

  /** The live answer's views: [answer, reasoning]. */
  #views(): (TokenView | null | undefined)[] {
    const row = this.renderRoot?.querySelector('[aria-busy][part~=message]');
    return [row?.querySelector(':scope > token-view'), row?.querySelector('details token-view')];
  }

  /** Writes what arrived since the last call into the live views (once they are rendered). */
  #feed(): void {
    const sources = [this.#stream!.text, this.#stream!.reasoning];
    this.#views().forEach((view, index) => {
      const source = sources[index] ?? '';
      const fed = this.#fed[index] ?? 0;
      if (view && source.length > fed) {
        view.write(source.slice(fed));
        this.#fed[index] = source.length;
      }
    });
  }

  /**
   * The streaming machinery is a lazily loaded chunk, fetched as soon as the chat connects so
   * it is there by the first send: it keeps the embed's main file within its size budget.
   */
  #load(): Promise<StreamController> {
    return (this.#loading ??= import('../../controllers/stream-controller.js').then(
      ({ StreamController }) =>
        (this.#stream = new StreamController(this, {
          transport: () => this.#transport(),
          onPart: (part) => {
            // A section appears (or its label changes) with the first part of its kind.
            if (this.#fed[part.type === 'text' ? 0 : 1] === 0) this.requestUpdate();
            this.#feed();
          },
          onSettle: ({ status, message, reasoning, error }) => {
            this.#feed();
            this.#views().forEach((view) => view?.end());
            const last = this.#messages.at(-1);
            const input = this.#input;
            if (status === 'done' || message.content || reasoning) {
              if (reasoning) this.#reasoning.set(message, reasoning);
              if (status === 'aborted') this.#stopped.add(message);
              this.#set([...this.#messages, message]);
            } else if (error && last?.role === 'user' && input && !input.value) {
              this.#failed = last.content;
              this.#set(this.#messages.slice(0, -1));
              this.#setDraft(last.content);
            }
            this.failure = error;
            this.streaming = false;
            // The stop button is about to go: keep keyboard users in the composer.
            if (this.shadowRoot?.activeElement?.localName === 'stop-button') input?.focus();
          },
        })),
    ));
  }

  #run(stream: StreamController): Promise<void> {
    this.#failed = this.failure = undefined;
    this.#fed = [0, 0];
    this.streaming = true;
    return stream.run({
      messages: this.#messages,
      ...(this.model ? { model: this.model } : {}),
    });
  }

  #transport(): ChatTransport {
    const { transport, endpoint: url, protocol } = this;
    return typeof transport === 'object'
      ? transport
      : createTransport({ transport, url, protocol });
  }

  #set(messages: ChatMessage[]): void {
    const old = this.#messages;
    this.#messages = messages;
    this.requestUpdate('messages', old);
  }

  #save(saved: Partial<SavedChat>): void {
    const key = this.persist;
    if (key) void import('../../controllers/persistence.js').then((m) => m.saveChat(key, saved));
  }

  #onScroll(): void {
    const log = this.#log;
    if (this.#from && log && log.scrollTop < log.clientHeight) this.#earlier();
  }

  #earlier(): void {
    const log = this.#log!;
    this.#keep = log.scrollHeight - log.scrollTop;
    this.#from = Math.max(0, this.#from - WINDOW);
    this.requestUpdate();
  }

  #jump(): void {
    this.#scroll.scrollToBottom(true);
    // The button disappears: move focus to the list it scrolled.
    this.#log?.focus({ preventScroll: true });
  }

  #onKeydown(event: KeyboardEvent): void {
    // Enter confirms an IME composition (Chinese, Japanese, Korean input): never send then.
    // Safari reports that keydown after compositionend, with keyCode 229.
    if (
      event.key === 'Enter' &&
      !event.shiftKey &&
      !event.isComposing &&
      !this.#composing &&
      event.keyCode !== 229
    ) {
      event.preventDefault();
      this.#submit();
    }
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    this.#submit();
  }

  #submit(): void {
    const input = this.#input;
    if (!input || this.streaming || !input.value.trim()) return;
    const text = input.value;
    this.#setDraft('');
    input.focus();
    void this.send(text);
  }

  #setDraft(value: string): void {
    const input = this.#input;
    if (input) {
      input.value = value;
      this.#draftChanged();
    }
  }

  #draftChanged(): void {
    const input = this.#input!;
    this.blank = !input.value.trim();
    // Browsers without `field-sizing: content` grow the text area here.
    if (!CSS.supports('field-sizing', 'content')) {
      input.style.height = 'auto';
      input.style.height = `${input.scrollHeight + input.offsetHeight - input.clientHeight}px`;
    }
    this.#save({ draft: input.value });
  }
}
