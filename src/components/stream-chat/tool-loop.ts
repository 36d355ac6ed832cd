import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { StreamToolCallEvent, type ToolCallRequest } from '../../events/stream-tool-call.js';
import { asText } from '../../transports/protocols/tool-calls.js';
import type { ChatMessage, ToolCall, ToolDefinition } from '../../transports/transport.js';

/** Runs a tool the model called; its return value (or promise) is the result sent back. */
export type ToolHandler = (call: ToolCallRequest) => unknown;

/** The reasons a call gets an error result without running; the chat's strings fill them. */
export interface ToolErrorStrings {
  /** `{name}` is replaced by the tool's name. */
  toolUnknown: string;
  toolNoHandler: string;
  toolNotRun: string;
  toolStopped: string;
}

/** What the chat's continuation needs: a result for every call, and whether to send them. */
export interface ToolRound {
  messages: ChatMessage[];
  send: boolean;
}

/** A call the page has not answered yet (a provider's own tools come with their results). */
export const isPending = (call: ToolCall): boolean => !('result' in call);

/**
 * Runs the page's side of tool calls for `<stream-chat>`: each pending call is offered to
 * `stream-tool-call` listeners, then to the handler; an unknown tool, a missing handler or a
 * handler that throws gives the model an error result. Every call ends with a result, so the
 * conversation stays valid for the next request even when the round is not sent (the round
 * limit, Stop, or the chat's removal).
 */
export class ToolLoop implements ReactiveController {
  readonly #host: HTMLElement;
  #turn: AbortController | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Stops the tools of the running round: their calls get the `toolStopped` result. */
  stop(): void {
    this.#turn?.abort();
  }

  async run(
    answer: ChatMessage,
    options: {
      tools: ToolDefinition[];
      handler: ToolHandler | undefined;
      /** True when the round limit is reached: calls are answered as not run, and not sent. */
      exhausted: boolean;
      strings: ToolErrorStrings;
      /** Called as results come in, to show them. */
      onResult(): void;
    },
  ): Promise<ToolRound> {
    this.#turn?.abort();
    const turn = (this.#turn = new AbortController());
    const { signal } = turn;
    const { strings } = options;
    const text = (template: string, call: ToolCall) => template.replaceAll('{name}', call.name);
    const stopped = new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(new Error(strings.toolStopped)), {
        once: true,
      }),
    );
    stopped.catch(() => undefined);
    const calls = (answer.toolCalls ?? []).filter(isPending);
    const results = calls.map(async (call): Promise<ChatMessage> => {
      try {
        if (options.exhausted) throw new Error(text(strings.toolNotRun, call));
        const result = await Promise.race([this.#result(call, options, signal, text), stopped]);
        this.#finish(call, result, false);
      } catch (error) {
        this.#finish(call, error instanceof Error ? error.message : asText(error), true);
      }
      options.onResult();
      return { role: 'tool', toolCallId: call.id, content: asText(call.result) };
    });
    const messages = await Promise.all(results);
    if (this.#turn === turn) this.#turn = undefined;
    return { messages, send: !options.exhausted && !signal.aborted };
  }

  async #result(
    call: ToolCall,
    options: {
      tools: ToolDefinition[];
      handler: ToolHandler | undefined;
      strings: ToolErrorStrings;
    },
    signal: AbortSignal,
    text: (template: string, call: ToolCall) => string,
  ): Promise<unknown> {
    let input: unknown;
    let parsed = true;
    try {
      input = JSON.parse(call.args.trim() || '{}');
    } catch {
      parsed = false;
    }
    const request: ToolCallRequest = {
      id: call.id,
      name: call.name,
      args: call.args,
      input,
      parsed,
      signal,
    };
    const event = new StreamToolCallEvent(request);
    this.#host.dispatchEvent(event);
    if (event.result) return event.result;
    const { tools, handler, strings } = options;
    if (tools.length && !tools.some((tool) => tool.name === call.name)) {
      throw new Error(text(strings.toolUnknown, call));
    }
    if (!handler)
      throw new Error(text(tools.length ? strings.toolNoHandler : strings.toolUnknown, call));
    return handler(request);
  }

  #finish(call: ToolCall, result: unknown, isError: boolean): void {
    call.result = result === undefined ? null : result;
    call.status = isError ? 'error' : 'done';
    if (isError) call.isError = true;
  }
}
