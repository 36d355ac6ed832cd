// The wire dialects the mock model speaks. Each protocol turns one reply (reasoning deltas,
// text deltas, a finish or an error) into the frames the real service would send, field for
// field, so the kit's decoders meet the same shapes here as in production.

/**
 * One frame: for SSE an event (optional `event:` name, `data:` payload; `data` undefined for a
 * bare `event: ping`), for NDJSON one line, for plain text a piece of the body, for WebSocket
 * one message.
 * @typedef {{ event?: string, data?: string }} Frame
 *
 * The frames of one reply, built incrementally; reasoning deltas come before text deltas.
 * @typedef {object} Encoder
 * @property {() => Frame[]} start
 * @property {(delta: string) => Frame[]} reasoning
 * @property {(delta: string) => Frame[]} text
 * @property {(reason: string) => Frame[]} finish
 * @property {(message: string, status: number) => Frame[]} error - an error reported mid-stream
 * @property {() => Frame[]} malformed - a frame a strict decoder must reject
 * @property {(id: string, name: string, args: string) => Frame[]} toolCall - a call of a tool
 *   the client runs, its JSON arguments streamed in two pieces (none where the service has no
 *   client-side tools); `finish('tool_calls')` ends the reply after it
 *
 * @typedef {{ model: string, includeUsage: boolean, conversationId?: string }} ReplyContext
 *   `conversationId`: the conversation the request continues (Dify keeps its id).
 *
 * @typedef {object} Protocol
 * @property {'sse' | 'ndjson' | 'text'} framing
 * @property {string} contentType
 * @property {Record<string, string>} [headers] - extra response headers the real service sends
 * @property {(message: string, status: number) => unknown} errorBody - the JSON of an HTTP error
 * @property {(context: ReplyContext) => Encoder} encoder
 */

let idCounter = 0;
/** @param {string} prefix */
const newId = (prefix) => `${prefix}${Date.now().toString(36)}${(idCounter += 1).toString(36)}`;
const now = () => Math.floor(Date.now() / 1000);
/** @param {unknown} value @returns {Frame} */
const json = (value) => ({ data: JSON.stringify(value) });
/** Arguments as two streamed pieces. @param {string} args */
const halves = (args) => [args.slice(0, args.length >> 1), args.slice(args.length >> 1)];
/** @param {string} event @param {Record<string, unknown>} value @returns {Frame} */
const typed = (event, value) => ({ event, data: JSON.stringify({ type: event, ...value }) });

/** @param {string} message @param {number} status */
const openAiError = (message, status) => ({
  error: {
    message,
    type:
      status === 429
        ? 'rate_limit_exceeded'
        : status >= 500
          ? 'server_error'
          : 'invalid_request_error',
    code: status,
  },
});

/** OpenAI Chat Completions (`POST /v1/chat/completions`, `stream: true`). */
const openai = {
  framing: 'sse',
  contentType: 'text/event-stream; charset=utf-8',
  errorBody: openAiError,
  /** @param {ReplyContext} context @returns {Encoder} */
  encoder({ model, includeUsage }) {
    const base = { id: newId('chatcmpl-'), object: 'chat.completion.chunk', created: now(), model };
    let tokens = 0;
    let calls = 0;
    /** @param {Record<string, unknown>} delta @param {string | null} finish */
    const chunk = (delta, finish = null) =>
      json({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
    return {
      start: () => [chunk({ role: 'assistant', content: '' })],
      reasoning: (delta) => {
        tokens += 1;
        return [chunk({ reasoning_content: delta })];
      },
      text: (delta) => {
        tokens += 1;
        return [chunk({ content: delta })];
      },
      finish: (reason) => [
        chunk({}, reason),
        ...(includeUsage
          ? [
              json({
                ...base,
                choices: [],
                usage: { prompt_tokens: 12, completion_tokens: tokens, total_tokens: 12 + tokens },
              }),
            ]
          : []),
        { data: '[DONE]' },
      ],
      error: (message, status) => [json(openAiError(message, status))],
      malformed: () => [{ data: `{"id":"${base.id}","choices":[{"delta":{"content":"trunc` }],
      toolCall: (id, name, args) => {
        const index = calls++;
        return [
          chunk({
            tool_calls: [{ index, id, type: 'function', function: { name, arguments: '' } }],
          }),
          ...halves(args).map((piece) =>
            chunk({ tool_calls: [{ index, function: { arguments: piece } }] }),
          ),
        ];
      },
    };
  },
};

/** OpenAI Responses (`POST /v1/responses`, `stream: true`). */
const openaiResponses = {
  framing: 'sse',
  contentType: 'text/event-stream; charset=utf-8',
  errorBody: openAiError,
  /** @param {ReplyContext} context @returns {Encoder} */
  encoder({ model }) {
    const response = { id: newId('resp_'), object: 'response', created_at: now(), model };
    const reasoningId = newId('rs_');
    const messageId = newId('msg_');
    let sequence = 0;
    let reasoningText = '';
    let answer = '';
    let messageOpen = false;
    /** @type {unknown[]} */
    const output = [];
    /** @param {string} type @param {Record<string, unknown>} value */
    const event = (type, value) => typed(type, { sequence_number: sequence++, ...value });
    const reasoningItem = () => ({
      id: reasoningId,
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: reasoningText }],
    });
    const messageItem = (/** @type {string} */ status) => ({
      id: messageId,
      type: 'message',
      status,
      role: 'assistant',
      content:
        status === 'completed' ? [{ type: 'output_text', text: answer, annotations: [] }] : [],
    });
    const closeReasoning = () => {
      if (reasoningText === '' || output.length > 0) return [];
      output.push(reasoningItem());
      const ids = { item_id: reasoningId, output_index: 0, summary_index: 0 };
      return [
        event('response.reasoning_summary_text.done', { ...ids, text: reasoningText }),
        event('response.reasoning_summary_part.done', {
          ...ids,
          part: { type: 'summary_text', text: reasoningText },
        }),
        event('response.output_item.done', { output_index: 0, item: reasoningItem() }),
      ];
    };
    const textIds = () => ({ item_id: messageId, output_index: output.length, content_index: 0 });
    return {
      start: () => [
        event('response.created', { response: { ...response, status: 'in_progress', output: [] } }),
        event('response.in_progress', {
          response: { ...response, status: 'in_progress', output: [] },
        }),
      ],
      reasoning: (delta) => {
        const frames = [];
        if (reasoningText === '') {
          frames.push(
            event('response.output_item.added', {
              output_index: 0,
              item: { id: reasoningId, type: 'reasoning', summary: [] },
            }),
            event('response.reasoning_summary_part.added', {
              item_id: reasoningId,
              output_index: 0,
              summary_index: 0,
              part: { type: 'summary_text', text: '' },
            }),
          );
        }
        reasoningText += delta;
        frames.push(
          event('response.reasoning_summary_text.delta', {
            item_id: reasoningId,
            output_index: 0,
            summary_index: 0,
            delta,
          }),
        );
        return frames;
      },
      text: (delta) => {
        const frames = closeReasoning();
        if (!messageOpen) {
          messageOpen = true;
          frames.push(
            event('response.output_item.added', {
              output_index: output.length,
              item: messageItem('in_progress'),
            }),
            event('response.content_part.added', {
              ...textIds(),
              part: { type: 'output_text', text: '', annotations: [] },
            }),
          );
        }
        answer += delta;
        frames.push(event('response.output_text.delta', { ...textIds(), delta }));
        return frames;
      },
      toolCall: (id, name, args) => {
        const item = {
          id: newId('fc_'),
          type: 'function_call',
          call_id: id,
          name,
          status: 'in_progress',
        };
        const ids = { item_id: item.id, output_index: output.length };
        const done = { ...item, arguments: args, status: 'completed' };
        output.push(done);
        return [
          ...closeReasoning(),
          event('response.output_item.added', {
            output_index: ids.output_index,
            item: { ...item, arguments: '' },
          }),
          ...halves(args).map((delta) =>
            event('response.function_call_arguments.delta', { ...ids, delta }),
          ),
          event('response.function_call_arguments.done', { ...ids, arguments: args }),
          event('response.output_item.done', { output_index: ids.output_index, item: done }),
        ];
      },
      finish: () => {
        const frames = closeReasoning();
        const ids = textIds();
        if (messageOpen)
          frames.push(
            event('response.output_text.done', { ...ids, text: answer }),
            event('response.content_part.done', {
              ...ids,
              part: { type: 'output_text', text: answer, annotations: [] },
            }),
            event('response.output_item.done', {
              output_index: ids.output_index,
              item: messageItem('completed'),
            }),
          );
        if (messageOpen) output.push(messageItem('completed'));
        frames.push(
          event('response.completed', { response: { ...response, status: 'completed', output } }),
        );
        return frames;
      },
      error: (message, status) => [
        event('response.failed', {
          response: {
            ...response,
            status: 'failed',
            output,
            error: { code: status === 429 ? 'rate_limit_exceeded' : 'server_error', message },
          },
        }),
      ],
      malformed: () => [{ event: 'response.output_text.delta', data: '{"type":"response.output' }],
    };
  },
};

/** @param {number} status */
const anthropicErrorType = (status) =>
  status === 429
    ? 'rate_limit_error'
    : status === 529
      ? 'overloaded_error'
      : status >= 500
        ? 'api_error'
        : 'invalid_request_error';

/** Anthropic Messages (`POST /v1/messages`, `stream: true`). */
const anthropic = {
  framing: 'sse',
  contentType: 'text/event-stream; charset=utf-8',
  /** @param {string} message @param {number} status */
  errorBody: (message, status) => ({
    type: 'error',
    error: { type: anthropicErrorType(status), message },
  }),
  /** @param {ReplyContext} context @returns {Encoder} */
  encoder({ model }) {
    /** @type {'thinking' | 'text' | null} */
    let open = null;
    let index = -1;
    let tokens = 0;
    /** @param {'thinking' | 'text'} kind */
    const switchTo = (kind) => {
      if (open === kind) return [];
      const frames = open === null ? [] : [typed('content_block_stop', { index })];
      open = kind;
      index += 1;
      frames.push(
        typed('content_block_start', {
          index,
          content_block:
            kind === 'thinking' ? { type: 'thinking', thinking: '' } : { type: 'text', text: '' },
        }),
      );
      return frames;
    };
    return {
      start: () => [
        typed('message_start', {
          message: {
            id: newId('msg_'),
            type: 'message',
            role: 'assistant',
            content: [],
            model,
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: 12, output_tokens: 1 },
          },
        }),
        typed('ping', {}),
      ],
      reasoning: (delta) => {
        tokens += 1;
        return [
          ...switchTo('thinking'),
          typed('content_block_delta', {
            index,
            delta: { type: 'thinking_delta', thinking: delta },
          }),
        ];
      },
      text: (delta) => {
        /** @type {Frame[]} */
        const frames = [];
        if (open === 'thinking') {
          // Real thinking blocks end with a signature the client must send back verbatim.
          frames.push(
            typed('content_block_delta', {
              index,
              delta: { type: 'signature_delta', signature: 'bW9jay1zaWduYXR1cmU=' },
            }),
          );
        }
        tokens += 1;
        return [
          ...frames,
          ...switchTo('text'),
          typed('content_block_delta', { index, delta: { type: 'text_delta', text: delta } }),
        ];
      },
      toolCall: (id, name, args) => {
        const frames = open === null ? [] : [typed('content_block_stop', { index })];
        open = null;
        index += 1;
        return [
          ...frames,
          typed('content_block_start', {
            index,
            content_block: { type: 'tool_use', id, name, input: {} },
          }),
          ...halves(args).map((partial_json) =>
            typed('content_block_delta', {
              index,
              delta: { type: 'input_json_delta', partial_json },
            }),
          ),
          typed('content_block_stop', { index }),
        ];
      },
      finish: (reason) => [
        ...(open === null ? [] : [typed('content_block_stop', { index })]),
        typed('message_delta', {
          delta: {
            stop_reason: { stop: 'end_turn', tool_calls: 'tool_use' }[reason] ?? reason,
            stop_sequence: null,
          },
          usage: { output_tokens: tokens },
        }),
        typed('message_stop', {}),
      ],
      error: (message, status) => [
        typed('error', { error: { type: anthropicErrorType(status), message } }),
      ],
      malformed: () => [{ event: 'content_block_delta', data: '{"type":"content_block_delta",' }],
    };
  },
};

/** Dify (`POST /v1/chat-messages`, `response_mode: "streaming"`): no reasoning channel. */
const dify = {
  framing: 'sse',
  contentType: 'text/event-stream; charset=utf-8',
  /** @param {string} message @param {number} status */
  errorBody: (message, status) => ({
    code:
      status === 429
        ? 'too_many_requests'
        : status >= 500
          ? 'internal_server_error'
          : 'invalid_param',
    message,
    status,
  }),
  /** @param {ReplyContext} context @returns {Encoder} */
  encoder({ conversationId }) {
    const ids = {
      task_id: newId('task-'),
      message_id: newId('msg-'),
      conversation_id: conversationId ?? newId('conv-'),
    };
    return {
      start: () => [{ event: 'ping' }],
      reasoning: () => [],
      text: (answer) => [
        json({ event: 'message', ...ids, id: ids.message_id, answer, created_at: now() }),
      ],
      finish: () => [
        json({
          event: 'message_end',
          ...ids,
          id: ids.message_id,
          metadata: { usage: { prompt_tokens: 12, currency: 'USD' } },
        }),
      ],
      error: (message, status) => [
        json({ event: 'error', ...ids, status, code: 'internal_server_error', message }),
      ],
      malformed: () => [{ data: '{"event": "message", "answer": "half a fr' }],
      // Dify runs an app's tools itself (agent thoughts): nothing for the client to call.
      toolCall: () => [],
    };
  },
};

/** Ollama's native chat API (`POST /api/chat`): newline-delimited JSON. */
const ollama = {
  framing: 'ndjson',
  contentType: 'application/x-ndjson',
  /** @param {string} message */
  errorBody: (message) => ({ error: message }),
  /** @param {ReplyContext} context @returns {Encoder} */
  encoder({ model }) {
    let tokens = 0;
    /** @param {Record<string, unknown>} message @param {Record<string, unknown>} [extra] */
    const line = (message, extra = { done: false }) =>
      json({
        model,
        created_at: new Date().toISOString(),
        message: { role: 'assistant', content: '', ...message },
        ...extra,
      });
    return {
      start: () => [],
      reasoning: (thinking) => {
        tokens += 1;
        return [line({ thinking })];
      },
      text: (content) => {
        tokens += 1;
        return [line({ content })];
      },
      finish: (reason) => [
        line(
          {},
          {
            done: true,
            done_reason: reason,
            total_duration: 0,
            prompt_eval_count: 12,
            eval_count: tokens,
          },
        ),
      ],
      error: (message) => [json({ error: message })],
      malformed: () => [{ data: '{"model":"mock","message":{"role":"assistant","content":"tru' }],
      // Ollama sends a call whole, its arguments as an object.
      toolCall: (_id, name, args) => [
        line({ tool_calls: [{ function: { name, arguments: JSON.parse(args) } }] }),
      ],
    };
  },
};

/** Vercel AI SDK UI message stream (v5: SSE of typed parts, `[DONE]` at the end). */
const aiSdk = {
  framing: 'sse',
  contentType: 'text/event-stream; charset=utf-8',
  headers: { 'x-vercel-ai-ui-message-stream': 'v1' },
  /** @param {string} message */
  errorBody: (message) => ({ error: message }),
  /** @returns {Encoder} */
  encoder() {
    /** @type {'reasoning' | 'text' | null} */
    let open = null;
    let part = 0;
    /** @param {'reasoning' | 'text'} kind */
    const switchTo = (kind) => {
      if (open === kind) return [];
      const frames = open === null ? [] : [json({ type: `${open}-end`, id: `${open}-${part}` })];
      open = kind;
      part += 1;
      frames.push(json({ type: `${kind}-start`, id: `${kind}-${part}` }));
      return frames;
    };
    return {
      start: () => [
        json({ type: 'start', messageId: newId('msg-') }),
        json({ type: 'start-step' }),
      ],
      reasoning: (delta) => [
        ...switchTo('reasoning'),
        json({ type: 'reasoning-delta', id: `reasoning-${part}`, delta }),
      ],
      text: (delta) => [
        ...switchTo('text'),
        json({ type: 'text-delta', id: `text-${part}`, delta }),
      ],
      finish: () => [
        ...(open === null ? [] : [json({ type: `${open}-end`, id: `${open}-${part}` })]),
        json({ type: 'finish-step' }),
        json({ type: 'finish' }),
        { data: '[DONE]' },
      ],
      error: (message) => [json({ type: 'error', errorText: message })],
      malformed: () => [{ data: '{"type":"text-delta","id":"text-1","del' }],
      toolCall: (toolCallId, toolName, args) => {
        const frames = open === null ? [] : [json({ type: `${open}-end`, id: `${open}-${part}` })];
        open = null;
        return [
          ...frames,
          json({ type: 'tool-input-start', toolCallId, toolName }),
          ...halves(args).map((inputTextDelta) =>
            json({ type: 'tool-input-delta', toolCallId, inputTextDelta }),
          ),
          json({ type: 'tool-input-available', toolCallId, toolName, input: JSON.parse(args) }),
        ];
      },
    };
  },
};

/** A plain text body: the answer itself, nothing else (reasoning has nowhere to go). */
const text = {
  framing: 'text',
  contentType: 'text/plain; charset=utf-8',
  /** @param {string} message */
  errorBody: (message) => ({ error: { message } }),
  /** @returns {Encoder} */
  encoder() {
    return {
      start: () => [],
      reasoning: () => [],
      text: (delta) => [{ data: delta }],
      finish: () => [],
      // A plain body has no error frame and no syntax to break: the best it can do is stop.
      error: () => [],
      malformed: () => [],
      toolCall: () => [],
    };
  },
};

/** A WebSocket inference backend's own dialect: `{token}`, `{reasoning}`, `{done}`, `{error}`. */
const tokens = {
  framing: 'ndjson',
  contentType: 'application/x-ndjson',
  /** @param {string} message */
  errorBody: (message) => ({ error: message }),
  /** @returns {Encoder} */
  encoder: () => ({
    start: () => [],
    reasoning: (reasoning) => [json({ reasoning })],
    text: (token) => [json({ token })],
    finish: (reason) => [json({ done: true, reason })],
    error: (message) => [json({ error: message })],
    malformed: () => [{ data: '{"token":"tru' }],
    // A `{token}` backend has no tool calls (the server entry's bridge relays text only).
    toolCall: () => [],
  }),
};

/** @type {Record<string, Protocol>} */
export const PROTOCOLS = {
  openai: /** @type {Protocol} */ (openai),
  'openai-responses': /** @type {Protocol} */ (openaiResponses),
  anthropic: /** @type {Protocol} */ (anthropic),
  dify: /** @type {Protocol} */ (dify),
  ollama: /** @type {Protocol} */ (ollama),
  'ai-sdk': /** @type {Protocol} */ (aiSdk),
  text: /** @type {Protocol} */ (text),
};

PROTOCOLS.tokens = /** @type {Protocol} */ (tokens);

/**
 * Serialises frames for an HTTP body of the given framing.
 * @param {Frame[]} frames
 * @param {Protocol['framing']} framing
 * @returns {string}
 */
export function serialize(frames, framing) {
  let out = '';
  for (const { event, data } of frames) {
    if (framing === 'sse') {
      if (event !== undefined) out += `event: ${event}\n`;
      if (data !== undefined) out += data.replace(/^/gm, 'data: ') + '\n';
      out += '\n';
    } else if (data !== undefined) {
      out += framing === 'ndjson' ? `${data}\n` : data;
    }
  }
  return out;
}
