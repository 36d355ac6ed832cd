import { html, nothing, svg, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { MessageEditEvent } from '../../events/message-edit.js';
import { MessageFeedbackEvent } from '../../events/message-feedback.js';
import { MessageRegenerateEvent } from '../../events/message-regenerate.js';
import { MessageVersionEvent } from '../../events/message-version.js';
import { clipboardHtml, copyRich } from '../../internal/rich-copy.js';
import { isSendKey } from '../../internal/send-key.js';
import { versionPosition } from '../../internal/versions.js';
import type { ChatMessage } from '../../transports/transport.js';
import type { MessageActionsStrings } from './message-actions.strings.js';

/** The actions the `actions` attribute can list. */
export type MessageAction = 'copy' | 'feedback' | 'regenerate' | 'edit';

export const DEFAULT_ACTIONS = 'copy feedback regenerate edit';

/** What the actions need of the chat: its state and the methods the actions call. */
export interface MessageActionsHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  actions: string;
  streaming: boolean;
  messages: ChatMessage[];
  rate(id: string, value: 'up' | 'down' | null): ChatMessage | undefined;
  regenerate(id?: string): Promise<void>;
  edit(id: string, content: string): Promise<void>;
  showVersion(id: string, index: number): void;
}

/** The strings the actions use, plus the announcements shared with the code blocks. */
export type ActionStrings = MessageActionsStrings & { copied: string; copyFailed: string };

const icon = (path: ReturnType<typeof svg>, flip = false) =>
  html`<svg
    class=${flip ? 'icon flip' : 'icon'}
    viewBox="0 0 24 24"
    aria-hidden="true"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
  >
    ${path}
  </svg>`;

const ICONS = {
  copy: svg`<rect x="9" y="9" width="12" height="12" rx="2"/><path d="M5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1"/>`,
  done: svg`<path d="M20 6 9 17l-5-5"/>`,
  up: svg`<path d="M7 10v11H3V10zM7 10l4-8a3 3 0 0 1 3 3v4h6a2 2 0 0 1 2 2.3l-1.4 8A2 2 0 0 1 18.6 21H7"/>`,
  down: svg`<path d="M17 14V3h4v11zM17 14l-4 8a3 3 0 0 1-3-3v-4H4a2 2 0 0 1-2-2.3l1.4-8A2 2 0 0 1 5.4 3H17"/>`,
  regenerate: svg`<path d="M21 12a9 9 0 1 1-2.6-6.4L21 8M21 3v5h-5"/>`,
  edit: svg`<path d="M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z"/>`,
  previous: svg`<path d="m15 18-6-6 6-6"/>`,
  next: svg`<path d="m9 18 6-6-6-6"/>`,
};

const fill = (template: string, index: number, count: number) =>
  template.replace('{index}', String(index + 1)).replace('{count}', String(count));

/**
 * The actions under each finished message of `<stream-chat>`: Copy, Good / Bad, Regenerate
 * under answers, Edit (an inline editor) under questions, and ‹ 2 / 3 › where a turn has
 * versions. It renders into the chat's shadow root, dispatches the `message-*` events and
 * calls the chat's methods for what they change.
 */
export class MessageActions implements ReactiveController {
  readonly #host: MessageActionsHost;
  /** The id of the question being edited. */
  #editing: string | undefined;
  /** Edited text per question, kept when the editor is cancelled or the edit vetoed. */
  #drafts = new Map<string, string>();
  #composing = false;
  /** The message whose copy button shows its result, and that result. */
  #copied: { id: string; ok: boolean } | undefined;
  #announcement = '';
  #timer = 0;
  #strings: ActionStrings | undefined;

  constructor(host: MessageActionsHost) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  /** The live region the actions announce through ("Copied"); render it once per chat. */
  status(s: ActionStrings) {
    this.#strings = s;
    return html`<span class="sr" role="status">${this.#announcement}</span>`;
  }

  /** The inline editor, in place of the text of `message` while it is edited; else `undefined`. */
  editor(message: ChatMessage, s: MessageActionsStrings) {
    const id = message.id;
    if (id === undefined || id !== this.#editing) return undefined;
    const draft = this.#drafts.get(id) ?? message.content;
    const busy = this.#host.streaming || !draft.trim();
    return html`<form part="editor" @submit=${(event: Event) => this.#submit(event, message)}>
      <textarea
        part="editor-input"
        dir="auto"
        aria-label=${s.editInput}
        .value=${draft}
        @input=${(event: InputEvent) => this.#draft(id, event)}
        @keydown=${(event: KeyboardEvent) => this.#onKeydown(event, message)}
        @compositionstart=${() => (this.#composing = true)}
        @compositionend=${() => (this.#composing = false)}
      ></textarea>
      <div class="editor-buttons">
        <button type="button" part="editor-cancel-button" @click=${() => this.#close(id)}>
          ${s.editCancel}
        </button>
        <button part="editor-send-button" ?disabled=${busy}>${s.editSend}</button>
      </div>
    </form>`;
  }

  /**
   * The row of actions to render after the message at `index` of `list` (nothing after the
   * answer that streams: it is not in `list` yet, and has no id).
   */
  render(message: ChatMessage, index: number, list: ChatMessage[], s: ActionStrings) {
    const id = message.id;
    if (id === undefined || id === this.#editing) return nothing;
    const shown = new Set(this.#host.actions.split(/\s+/));
    const next = list[index + 1]?.role;
    // A turn with tool calls has several assistant messages: the actions go under its last.
    const answer = message.role === 'assistant' && next !== 'assistant' && next !== 'tool';
    const question = message.role === 'user';
    if (!answer && !question) return nothing;
    const position = versionPosition(message);
    const buttons = answer
      ? [
          shown.has('copy') && message.content ? this.#copyButton(message, s) : nothing,
          shown.has('feedback') ? this.#feedbackButtons(message, s) : nothing,
          shown.has('regenerate') ? this.#regenerateButton(message, s) : nothing,
        ]
      : [shown.has('edit') ? this.#editButton(message, s) : nothing];
    return html`<div
      part="message-actions"
      role="group"
      aria-label=${s.messageActions}
      data-id=${id}
      class="${message.role}${position ? ' versioned' : ''}"
    >
      ${position ? this.#versions(message, position.index, position.count, s) : nothing} ${buttons}
      <slot name=${`actions-${id}`}></slot>
    </div>`;
  }

  #button(
    part: string,
    label: string,
    path: ReturnType<typeof svg>,
    onClick: (event: Event) => void,
    extra: { pressed?: boolean; disabled?: boolean } = {},
  ) {
    return html`<button
      type="button"
      part="action-button ${part}"
      aria-label=${label}
      title=${label}
      aria-pressed=${extra.pressed === undefined ? nothing : String(extra.pressed)}
      ?disabled=${extra.disabled ?? false}
      @click=${onClick}
    >
      ${icon(path)}
    </button>`;
  }

  #copyButton(message: ChatMessage, s: ActionStrings) {
    const copied = this.#copied?.id === message.id ? this.#copied : undefined;
    const label = copied ? (copied.ok ? s.copied : s.copyFailed) : s.copyMessage;
    return this.#button('copy-message-button', label, copied?.ok ? ICONS.done : ICONS.copy, (e) =>
      this.#copy(message, e),
    );
  }

  #feedbackButtons(message: ChatMessage, s: ActionStrings) {
    const rate = (value: 'up' | 'down') => () => this.#rate(message, value);
    return [
      this.#button('good-button', s.good, ICONS.up, rate('up'), {
        pressed: message.feedback === 'up',
      }),
      this.#button('bad-button', s.bad, ICONS.down, rate('down'), {
        pressed: message.feedback === 'down',
      }),
    ];
  }

  #regenerateButton(message: ChatMessage, s: ActionStrings) {
    return this.#button(
      'regenerate-button',
      s.regenerate,
      ICONS.regenerate,
      () => this.#regenerate(message),
      { disabled: this.#host.streaming },
    );
  }

  #editButton(message: ChatMessage, s: ActionStrings) {
    return this.#button('edit-button', s.edit, ICONS.edit, () => this.#open(message));
  }

  #versions(message: ChatMessage, index: number, count: number, s: ActionStrings) {
    // aria-disabled, not disabled: the focused button stays focused at the first or last version.
    const step = (to: number, part: string, label: string, path: ReturnType<typeof svg>) => {
      const off = this.#host.streaming || to < 0 || to >= count;
      return html`<button
        type="button"
        part="action-button ${part}"
        aria-label=${label}
        title=${label}
        aria-disabled=${off ? 'true' : 'false'}
        @click=${() => off || this.#switch(message, index, to, count)}
      >
        ${icon(path, true)}
      </button>`;
    };
    return html`<span part="versions">
      ${step(index - 1, 'previous-version-button', s.previousVersion, ICONS.previous)}
      <span part="version-label" aria-hidden="true">${fill(s.version, index, count)}</span>
      <span class="sr">${fill(s.versionLabel, index, count)}</span>
      ${step(index + 1, 'next-version-button', s.nextVersion, ICONS.next)}
    </span>`;
  }

  async #copy(message: ChatMessage, event: Event): Promise<void> {
    const row = (event.currentTarget as Element).closest('[part~="message-actions"]');
    const view = row?.previousElementSibling?.querySelector(':scope > token-view');
    const content = view?.shadowRoot?.querySelector('[part="content"]');
    let ok = true;
    try {
      await copyRich(message.content, clipboardHtml(content));
    } catch {
      ok = false;
    }
    this.#copied = { id: message.id!, ok };
    this.#announce(ok ? this.#strings!.copied : this.#strings!.copyFailed);
  }

  #rate(message: ChatMessage, value: 'up' | 'down'): void {
    const next = message.feedback === value ? null : value;
    const rated = this.#host.rate(message.id!, next);
    if (rated) {
      this.#host.dispatchEvent(
        new MessageFeedbackEvent({ id: message.id!, value: next, message: rated }),
      );
    }
  }

  #regenerate(message: ChatMessage): void {
    if (this.#host.streaming) return;
    if (!this.#host.dispatchEvent(new MessageRegenerateEvent({ id: message.id!, message }))) return;
    void this.#host.regenerate(message.id);
    // The answer and its button give way to the new one: keep keyboard users in the list.
    this.#host.renderRoot.querySelector<HTMLElement>('[part="messages"]')?.focus();
  }

  #switch(message: ChatMessage, from: number, to: number, count: number): void {
    const detail = { id: message.id!, message, from, to, count };
    if (this.#host.dispatchEvent(new MessageVersionEvent(detail))) {
      this.#host.showVersion(message.id!, to);
    }
  }

  async #open(message: ChatMessage): Promise<void> {
    this.#editing = message.id;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    const input = this.#host.renderRoot.querySelector<HTMLTextAreaElement>('[part="editor-input"]');
    input?.focus();
    input?.setSelectionRange(input.value.length, input.value.length);
  }

  async #close(id: string): Promise<void> {
    this.#editing = undefined;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#host.renderRoot
      .querySelector<HTMLElement>(
        `[part~="message-actions"][data-id="${id}"] [part~="edit-button"]`,
      )
      ?.focus();
  }

  #draft(id: string, event: InputEvent): void {
    const value = (event.target as HTMLTextAreaElement).value;
    const had = this.#drafts.get(id)?.trim();
    this.#drafts.set(id, value);
    // Only the send button's state depends on the text: re-render when it flips.
    if (!had !== !value.trim()) this.#host.requestUpdate();
  }

  #onKeydown(event: KeyboardEvent, message: ChatMessage): void {
    if (event.key === 'Escape' && !event.isComposing) {
      // Closing the editor is all Escape does here: it does not stop a streaming reply.
      event.stopPropagation();
      void this.#close(message.id!);
    } else if (isSendKey(event, this.#composing)) {
      this.#submit(event, message);
    }
  }

  #submit(event: Event, message: ChatMessage): void {
    event.preventDefault();
    const id = message.id!;
    const content = (this.#drafts.get(id) ?? message.content).trim();
    if (this.#host.streaming || !content) return;
    if (!this.#host.dispatchEvent(new MessageEditEvent({ id, message, content }))) return;
    this.#drafts.delete(id);
    this.#editing = undefined;
    void this.#host.edit(id, content);
    this.#host.renderRoot.querySelector<HTMLElement>('[part="input"]')?.focus();
  }

  #announce(text: string): void {
    this.#announcement = text;
    this.#host.requestUpdate();
    clearTimeout(this.#timer);
    this.#timer = window.setTimeout(() => {
      this.#announcement = '';
      this.#copied = undefined;
      this.#host.requestUpdate();
    }, 2000);
  }
}
