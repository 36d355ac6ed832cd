import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { AutoScrollController } from '../../controllers/auto-scroll-controller.js';
import type { SavedChat } from '../../controllers/persistence.js';
import type { StreamController } from '../../controllers/stream-controller.js';
import { StreamStopRequestEvent } from '../../events/stream-stop-request.js';
import { StreamErrorEvent } from '../../events/stream-error.js';
import { defineElement } from '../../internal/define-element.js';
import { chunkError, lazy } from '../../internal/lazy.js';
import { messageId, withIds } from '../../internal/message-id.js';
import { isSendKey } from '../../internal/send-key.js';
import { addVersion, showVersion, turnStart, withoutVersions } from '../../internal/versions.js';
import { createTransport, type TransportName } from '../../transports/create.js';
import type {
  ChatMessage,
  ChatTransport,
  StreamError,
  ToolDefinition,
} from '../../transports/transport.js';
import { StopButton } from '../stop-button/stop-button.js';
import { TokenView } from '../token-view/token-view.js';
import { defaultTokenViewStrings } from '../token-view/token-view.strings.js';
import { DEFAULT_ACTIONS, MessageActions } from './message-actions.js';
import { messageActionsStyles } from './message-actions.styles.js';
import {
  defaultStrings,
  type ChatOwnStrings,
  type StreamChatStrings,
} from './stream-chat.strings.js';
import { streamChatStyles } from './stream-chat.styles.js';
import { toolCardStyles } from './tool-cards.styles.js';
import { isPending, ToolLoop, type ToolHandler } from './tool-loop.js';

/** Tool cards and the sources list render from a chunk loaded with the streaming machinery. */
type Extras = typeof import('./tool-cards.js') & typeof import('./sources-list.js');

/** Messages rendered at first, and added per step as the reader scrolls back. */
const WINDOW = 50;

const streamControllerModule = lazy(() => import('../../controllers/stream-controller.js'));
const persistenceModule = lazy(() => import('../../controllers/persistence.js'));

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
 * @slot actions-<id> - The page's own buttons in the actions row of the message with that id.
 * @csspart messages - The scrolling message list (`role="log"`).
 * @csspart message - Every message.
 * @csspart user-message - A message the user sent.
 * @csspart assistant-message - An answer of the model.
 * @csspart reasoning - The collapsible reasoning ("thinking") section of an answer.
 * @csspart typing - The indicator shown until the first token arrives.
 * @csspart stopped - The mark on an answer that was stopped.
 * @csspart tool-call - A tool call's card (a `<details>`); also `tool-call-running`, `tool-call-done` or `tool-call-error`.
 * @csspart tool-call-summary - The card's summary: the tool's name and status.
 * @csspart tool-call-name - The tool's name.
 * @csspart tool-call-status - The call's status (running, done, failed).
 * @csspart tool-call-args - The arguments, as formatted JSON (or as written, when they are not JSON).
 * @csspart tool-call-note - The note under arguments that are not valid JSON.
 * @csspart tool-call-result - The collapsed result of a call.
 * @csspart sources - The numbered list of sources under an answer (a `<nav>`).
 * @csspart source - One source.
 * @csspart source-link - A source's link.
 * @csspart message-actions - The row of actions under a finished message.
 * @csspart action-button - Every button of that row (and the version buttons).
 * @csspart copy-message-button - Copies an answer as Markdown (and HTML); announces "Copied".
 * @csspart good-button - Rates an answer as good (`aria-pressed`).
 * @csspart bad-button - Rates an answer as bad (`aria-pressed`).
 * @csspart regenerate-button - Streams a new answer; the old one stays as a version.
 * @csspart edit-button - Turns a question into an inline editor.
 * @csspart versions - The ‹ 2 / 3 › controls of a turn with versions.
 * @csspart previous-version-button - Shows the previous version of the turn.
 * @csspart next-version-button - Shows the next version of the turn.
 * @csspart version-label - The "2 / 3" between them.
 * @csspart editor - The inline editor of a question (a form).
 * @csspart editor-input - Its text area.
 * @csspart editor-send-button - Sends the edited question.
 * @csspart editor-cancel-button - Closes the editor.
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
 * @cssprop [--stream-chat-tool-background=transparent] - Background of tool-call cards.
 * @cssprop [--stream-chat-tool-font-family=ui-monospace, monospace] - Font of tool names, arguments and results.
 * @cssprop [--stream-chat-tool-max-height=16em] - Height above which arguments and results scroll.
 * @cssprop [--stream-chat-action-color=var(--sce-color-muted)] - The action buttons' icons.
 * @cssprop [--stream-chat-action-hover-background=var(--sce-color-surface)] - Behind a hovered action.
 * @cssprop [--stream-chat-action-active-color=var(--sce-color-accent)] - A pressed Good or Bad.
 * @cssprop [--stream-chat-action-size=1rem] - The size of the action icons.
 * @cssprop [--stream-chat-actions-gap=0.125rem] - The gap between the actions.
 * @event {StreamOpenEvent} stream-open - The connection for a reply is open.
 * @event {StreamTokenEvent} stream-token - Text arrived; at most one event per animation frame.
 * @event {StreamEndEvent} stream-end - The reply finished normally.
 * @event {StreamErrorEvent} stream-error - The reply failed.
 * @event {StreamAbortEvent} stream-abort - The reply was stopped (Stop, Escape, `stop()`, a new send, or removal).
 * @event {StreamToolCallEvent} stream-tool-call - The model called a tool; `respondWith(result)` answers it (cancels the event).
 * @event {StreamStopRequestEvent} stream-stop-request - Escape was pressed while a reply streams; cancel it to keep the reply running.
 * @event {MessageFeedbackEvent} message-feedback - An answer was rated Good or Bad, or the rating taken back.
 * @event {MessageEditEvent} message-edit - An edited question is about to be sent as a new version; cancelable.
 * @event {MessageRegenerateEvent} message-regenerate - A new answer is about to replace one (kept as a version); cancelable.
 * @event {MessageVersionEvent} message-version - A turn is about to show another of its versions; cancelable.
 */
export class StreamChat extends LitElement {
  static override styles = [streamChatStyles, toolCardStyles, messageActionsStyles];

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

  /** Tools the page runs itself, sent with each request where the protocol has a place for them. */
  @property({ attribute: false }) tools: ToolDefinition[] = [];

  /**
   * Runs a tool the model called (unless a `stream-tool-call` listener answered it); what it
   * returns or resolves to is sent back as the result, what it throws as an error result.
   */
  @property({ attribute: false }) onToolCall: ToolHandler | undefined;

  /** How many times one turn may send tool results back and stream the continuation. */
  @property({ type: Number, attribute: 'max-tool-rounds' }) maxToolRounds = 5;

  /** The actions shown under finished messages: any of `copy feedback regenerate edit`. */
  @property() actions = DEFAULT_ACTIONS;

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
  /** Per message id: versions copy messages, the id stays. */
  #reasoning = new Map<string, string>();
  #stopped = new Set<string>();

  /** While an answer is regenerated: the conversation it replaces, and where its turn starts. */
  #branch: { at: number; previous: ChatMessage[] } | undefined;
  #actions = new MessageActions(this);

  #stream: StreamController | undefined;
  /** The saved chat of `persist` has been restored: saves wait for it (see `#save`). */
  #restored: Promise<unknown> | undefined;
  /** The next save of an empty conversation may erase the saved one (`clear()` was called). */
  #erase = false;
  /** What storage failures this chat has warned about: each is told once, not per keystroke. */
  #warned = new Set<string>();
  #extras: Extras | undefined;
  #tools = new ToolLoop(this);

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
    // Fetched early so it is there by the first send; a failure is reported by that send.
    this.#load().catch(() => undefined);
    Promise.all([import('./tool-cards.js'), import('./sources-list.js')]).then(
      ([cards, sources]) => {
        this.#extras = { ...cards, ...sources };
        this.requestUpdate();
      },
      // The answers' text still shows; only their tool cards and sources are missing.
      (error: unknown) => console.warn('stream-chat-elements: tool cards could not load:', error),
    );
  }

  /** The conversation. Set it to load a history (this stops a running reply); read it to save. */
  @property({ attribute: false })
  get messages(): ChatMessage[] {
    return this.#messages;
  }
  set messages(value: ChatMessage[]) {
    this.#branch = undefined;
    this.stop();
    this.#messages = withIds(value);
    this.#from = Math.max(0, value.length - WINDOW);
    this.#failed = this.failure = undefined;
  }

  /** Sends `text` as the user's message and streams the answer; resolves when the reply settles. */
  async send(text: string): Promise<void> {
    const content = text.trim();
    if (!content) return;
    let stream: StreamController;
    try {
      stream = await this.#load();
    } catch (error) {
      return this.#loadFailed(error, content);
    }
    this.stop();
    this.#set([...this.#messages, { role: 'user', content, id: messageId() }]);
    this.#scroll.scrollToBottom();
    return this.#run(stream);
  }

  /** Stops the running reply; what arrived stays, marked as stopped. No-op when nothing runs. */
  stop(): void {
    this.#stream?.abort();
    this.#tools.stop();
  }

  /** Regenerates the last answer, or sends again the question a failure put back. */
  async retry(): Promise<void> {
    const failed = this.#failed;
    if (failed !== undefined) {
      this.stop();
      if (this.#input?.value === failed) this.#setDraft('');
      return this.send(failed);
    }
    let stream: StreamController;
    try {
      stream = await this.#load();
    } catch (error) {
      return this.#loadFailed(error);
    }
    this.stop();
    const list = this.#messages;
    const last = list.at(-1)?.role;
    if (last === 'assistant' || last === 'tool') return this.regenerate();
    if (last !== 'user') return;
    return this.#run(stream);
  }

  /**
   * Streams a new answer in place of the answer `id` (by default the last one); the answer it
   * replaces, and what followed it, stay as an earlier version of that turn.
   */
  async regenerate(id?: string): Promise<void> {
    const stream = await this.#ready();
    if (!stream) return;
    this.stop();
    const list = this.#messages;
    const index =
      id === undefined
        ? list.findLastIndex((m) => m.role === 'assistant')
        : list.findIndex((m) => m.id === id);
    const at = turnStart(list, index);
    if (list[index]?.role !== 'assistant' || list[at - 1]?.role !== 'user') return;
    this.#branch = { at, previous: list };
    this.#set(list.slice(0, at));
    return this.#run(stream);
  }

  /**
   * Sends `content` as a new version of the question `id` and streams its answer; the question
   * as it was, and what followed it, stay as an earlier version of that turn.
   */
  async edit(id: string, content: string): Promise<void> {
    const text = content.trim();
    const stream = await this.#ready();
    const at = this.#messages.findIndex((m) => m.id === id);
    if (!stream || !text || this.#messages[at]?.role !== 'user') return;
    this.stop();
    this.#set(addVersion(this.#messages, at, { role: 'user', content: text, id: messageId() }));
    this.#scroll.scrollToBottom();
    return this.#run(stream);
  }

  /** Shows version `index` (0-based) of the turn whose shown version starts with message `id`. */
  showVersion(id: string, index: number): void {
    const at = this.#messages.findIndex((m) => m.id === id);
    if (at >= 0 && !this.streaming) this.#set(showVersion(this.#messages, at, index));
  }

  /** Sets (or, with `null`, removes) the rating of the answer `id`; returns the rated answer. */
  rate(id: string, value: 'up' | 'down' | null): ChatMessage | undefined {
    const at = this.#messages.findIndex((m) => m.id === id);
    const message = this.#messages[at];
    if (message?.role !== 'assistant') return undefined;
    const rated = { ...message };
    if (value) rated.feedback = value;
    else delete rated.feedback;
    this.#set(this.#messages.with(at, rated));
    return rated;
  }

  /** Stops any reply and empties the conversation (and its saved copy). The draft stays. */
  clear(): void {
    this.messages = [];
    this.#erase = true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('persist')) this.#restore();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.#stream?.running) this.#feed();
    const log = this.#log;
    if (this.#keep && log) {
      log.scrollTop = log.scrollHeight - this.#keep;
      this.#keep = 0;
    }
    // While an answer is regenerated, the answer it replaces is still the saved one.
    if (changed.has('messages')) this.#save({ messages: this.#branch?.previous ?? this.#messages });
  }

  protected override render() {
    const s = { ...defaultTokenViewStrings, ...defaultStrings, ...this.strings };
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
              index < this.#from
                ? nothing
                : [
                    this.#row(message, s, live && index === list.length),
                    this.#actions.render(message, index, list, s),
                  ],
            )}
          </div>
        </div>
        ${
          this.#scroll.following
            ? nothing
            : html`<button part="jump-button" @click=${this.#jump}>${s.jump}</button>`
        }
      </div>
      ${this.#actions.status(s)}
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
          this.streaming
            ? html`<stop-button part="stop-button" .label=${s.stop}></stop-button>`
            : html`<button part="send-button" ?disabled=${this.blank}>${s.send}</button>`
        }
      </form>`;
  }

  #row(message: ChatMessage, s: ChatOwnStrings, live: boolean) {
    if (message.role === 'system' || message.role === 'tool') return nothing;
    const user = message.role === 'user';
    const stream = this.#stream!;
    const reasoning = live ? stream.reasoning : this.#reasoning.get(message.id!);
    return html`<div part="message ${message.role}-message" aria-busy=${live || nothing}>
      <span class="sr">${user ? s.user : s.assistant}</span>
      ${
        user
          ? (this.#actions.editor(message, s) ??
            html`<div class="text" dir="auto">${message.content}</div>`)
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
              ${this.#extras?.toolCards(live ? stream.toolCalls : message.toolCalls, s)}
              ${this.#extras?.sourcesList(live ? stream.sources : message.sources, s)}
              ${
                this.#stopped.has(message.id!)
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
   * it is there by the first send: it keeps the embed's main file within its size budget. A
   * chunk that failed to load is fetched again by the next send or Retry.
   */
  #load(): Promise<StreamController> {
    return streamControllerModule().then(
      ({ StreamController }) =>
        (this.#stream ??= new StreamController(this, {
          transport: () => this.#transport(),
          onPart: (part) => {
            if (part.type === 'replace') {
              this.#views()[0]?.reset();
              this.#fed[0] = 0;
            }
            // A section appears (or its label changes) with the first part of its kind.
            if (this.#fed[part.type === 'reasoning' ? 1 : 0] === 0) this.requestUpdate();
            this.#feed();
          },
          onSettle: ({ status, message, reasoning, error }) => {
            this.#feed();
            this.#views().forEach((view) => view?.end());
            const last = this.#messages.at(-1);
            const input = this.#input;
            const branch = this.#branch;
            this.#branch = undefined;
            message.id ??= messageId();
            if (status === 'done' || message.content || reasoning || message.toolCalls) {
              if (reasoning) this.#reasoning.set(message.id, reasoning);
              if (status === 'aborted') this.#stopped.add(message.id);
              this.#set(
                branch
                  ? addVersion(branch.previous, branch.at, message)
                  : [...this.#messages, message],
              );
            } else if (branch) {
              // Nothing came of the regeneration: the answer it was to replace is back.
              this.#set(branch.previous);
            } else if (error && last?.role === 'user' && !last.versions && input && !input.value) {
              this.#failed = last.content;
              // The question moves back into the composer, out of the saved history too.
              this.#erase = true;
              this.#set(this.#messages.slice(0, -1));
              this.#setDraft(last.content);
            }
            this.failure = error;
            this.streaming = false;
            // The stop button is about to go: keep keyboard users in the composer.
            if (this.shadowRoot?.activeElement?.localName === 'stop-button') input?.focus();
          },
        })),
    );
  }

  /** The streaming machinery, or `undefined` when its chunk did not load (a `stream-error`). */
  async #ready(): Promise<StreamController | undefined> {
    try {
      return await this.#load();
    } catch (error) {
      this.#loadFailed(error);
      return undefined;
    }
  }

  /** A chunk the reply needs did not load: the same outcome as a reply that failed at once. */
  #loadFailed(thrown: unknown, question?: string): void {
    const error = chunkError(thrown);
    const input = this.#input;
    if (question !== undefined) {
      this.#failed = question;
      if (input && !input.value) this.#setDraft(question);
    }
    this.failure = error;
    this.dispatchEvent(new StreamErrorEvent({ error: error.toJSON(), partial: '' }));
  }

  /**
   * Streams the answer; while it ends with tool calls the page answers, sends their results and
   * streams the continuation into the same turn, up to `maxToolRounds` times.
   */
  async #run(stream: StreamController): Promise<void> {
    this.#failed = this.failure = undefined;
    for (let round = 0; ; round += 1) {
      this.#fed = [0, 0];
      this.streaming = true;
      const meta = this.#messages.findLast((m) => m.role === 'assistant')?.meta;
      await stream.run({
        messages: withoutVersions(this.#messages),
        ...(this.model ? { model: this.model } : {}),
        ...(this.tools.length ? { tools: this.tools } : {}),
        ...(meta ? { meta } : {}),
      });
      const answer = this.#messages.at(-1);
      if (stream.status !== 'done' || !answer?.toolCalls?.some(isPending)) return;
      this.streaming = true;
      const results = await this.#tools.run(answer, {
        tools: this.tools,
        handler: this.onToolCall,
        exhausted: round >= this.maxToolRounds,
        strings: { ...defaultStrings, ...this.strings },
        onResult: () => this.requestUpdate(),
      });
      // A new question, a new history or clear() took over meanwhile.
      if (this.#messages.at(-1) !== answer) return;
      this.#set([...this.#messages, ...results.messages]);
      if (!results.send) {
        this.streaming = false;
        return;
      }
    }
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

  /**
   * Loads what `persist` saved, unless the page or the reader got there first. Nothing is saved
   * before this has run: the first render's empty history must not overwrite the saved one.
   */
  #restore(): void {
    const key = this.persist;
    if (!key) {
      this.#restored = undefined;
      return;
    }
    const restored = persistenceModule().then(({ loadChat }) => {
      if (key !== this.persist) return;
      const saved = loadChat(key, this.#warned);
      if (!this.#messages.length && saved.messages.length) this.messages = saved.messages;
      if (this.#input?.value === '') this.#setDraft(saved.draft);
    });
    this.#restored = restored;
    restored.catch((error: unknown) => {
      if (this.#restored === restored) this.#restored = undefined;
      console.warn('stream-chat-elements: the chat is not saved:', error);
    });
  }

  /**
   * Saves under `persist` once the restore has run. An empty history erases the saved one only
   * after `clear()` (or a failed first question moving back into the composer).
   */
  #save(saved: Partial<SavedChat>): void {
    const erase = this.#erase;
    if (saved.messages) this.#erase = false;
    const key = this.persist;
    const restored = this.#restored;
    if (!key || !restored) return;
    if (saved.messages?.length === 0 && !erase) delete saved.messages;
    if (saved.messages === undefined && saved.draft === undefined) return;
    void restored.then(persistenceModule).then(
      (m) => key === this.persist && m.saveChat(key, saved, this.#warned),
      () => undefined,
    );
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
    if (isSendKey(event, this.#composing)) {
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
