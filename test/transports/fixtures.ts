/**
 * Recorded-style streams of every protocol, written the way the real servers write them
 * (LF line endings here; tests derive CRLF, CR and BOM variants), with the parts they must give.
 * The text holds multi-byte UTF-8 (accents, CJK, an emoji) so byte-level splits cut characters.
 */
import type { ProtocolName, StreamPart } from '../../src/transports/index.js';

export interface Fixture {
  name: string;
  protocol: ProtocolName;
  /** `sse`, `ndjson` or `text` (a raw body). */
  framing: 'sse' | 'ndjson' | 'text';
  contentType: string;
  body: string;
  parts: StreamPart[];
}

const sse = (events: ([string, unknown] | [unknown] | string)[]) =>
  events
    .map((event) => {
      if (typeof event === 'string') return event;
      const [name, data] = event.length === 2 ? event : [undefined, event[0]];
      const payload = typeof data === 'string' ? data : JSON.stringify(data);
      return `${name ? `event: ${name as string}\n` : ''}data: ${payload}\n\n`;
    })
    .join('');

const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1_735_000_000,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
});

export const fixtures: Fixture[] = [
  {
    name: 'openai chat completions',
    protocol: 'openai',
    framing: 'sse',
    contentType: 'text/event-stream; charset=utf-8',
    body: sse([
      ': OPENROUTER PROCESSING\n\n',
      [chunk({ role: 'assistant', content: '' })],
      [chunk({ reasoning_content: 'Think… ' })],
      [chunk({ reasoning_content: 'done.' })],
      [chunk({ content: 'Héllo' })],
      [chunk({ content: ' 日本' })],
      [chunk({ content: ' 😀!' })],
      [chunk({}, 'stop')],
      [
        {
          id: 'chatcmpl-1',
          object: 'chat.completion.chunk',
          choices: [],
          usage: { total_tokens: 9 },
        },
      ],
      ['[DONE]'],
    ]),
    parts: [
      { type: 'reasoning', text: 'Think… ' },
      { type: 'reasoning', text: 'done.' },
      { type: 'text', text: 'Héllo' },
      { type: 'text', text: ' 日本' },
      { type: 'text', text: ' 😀!' },
      { type: 'finish', reason: 'stop' },
    ],
  },
  {
    name: 'openai responses',
    protocol: 'openai-responses',
    framing: 'sse',
    contentType: 'text/event-stream',
    body: sse([
      [
        'response.created',
        {
          type: 'response.created',
          sequence_number: 0,
          response: { id: 'resp_1', status: 'in_progress' },
        },
      ],
      [
        'response.reasoning_summary_text.delta',
        {
          type: 'response.reasoning_summary_text.delta',
          sequence_number: 1,
          item_id: 'rs_1',
          output_index: 0,
          summary_index: 0,
          delta: 'Plan: greet.',
        },
      ],
      [
        'response.output_item.added',
        {
          type: 'response.output_item.added',
          sequence_number: 2,
          output_index: 1,
          item: { id: 'msg_1', type: 'message', role: 'assistant', content: [] },
        },
      ],
      [
        'response.output_text.delta',
        {
          type: 'response.output_text.delta',
          sequence_number: 3,
          item_id: 'msg_1',
          output_index: 1,
          content_index: 0,
          delta: 'Grüße',
        },
      ],
      [
        'response.output_text.delta',
        {
          type: 'response.output_text.delta',
          sequence_number: 4,
          item_id: 'msg_1',
          output_index: 1,
          content_index: 0,
          delta: ' 🌍',
        },
      ],
      [
        'response.output_text.done',
        {
          type: 'response.output_text.done',
          sequence_number: 5,
          item_id: 'msg_1',
          output_index: 1,
          content_index: 0,
          text: 'Grüße 🌍',
        },
      ],
      [
        'response.completed',
        {
          type: 'response.completed',
          sequence_number: 6,
          response: { id: 'resp_1', status: 'completed' },
        },
      ],
    ]),
    parts: [
      { type: 'meta', responseId: 'resp_1' },
      { type: 'reasoning', text: 'Plan: greet.' },
      { type: 'text', text: 'Grüße' },
      { type: 'text', text: ' 🌍' },
      { type: 'finish', reason: 'stop' },
    ],
  },
  {
    name: 'anthropic messages',
    protocol: 'anthropic',
    framing: 'sse',
    contentType: 'text/event-stream; charset=utf-8',
    body: sse([
      [
        'message_start',
        {
          type: 'message_start',
          message: {
            id: 'msg_1',
            type: 'message',
            role: 'assistant',
            content: [],
            model: 'claude-sonnet-4-5',
            stop_reason: null,
            usage: { input_tokens: 12, output_tokens: 1 },
          },
        },
      ],
      [
        'content_block_start',
        {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'thinking', thinking: '' },
        },
      ],
      [
        'content_block_delta',
        {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'thinking_delta', thinking: 'User greets; ' },
        },
      ],
      [
        'content_block_delta',
        {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM' },
        },
      ],
      ['content_block_stop', { type: 'content_block_stop', index: 0 }],
      ['ping', { type: 'ping' }],
      [
        'content_block_start',
        { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      ],
      [
        'content_block_delta',
        { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Bonjour ' } },
      ],
      [
        'content_block_delta',
        { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'à vous ✨' } },
      ],
      ['content_block_stop', { type: 'content_block_stop', index: 1 }],
      [
        'message_delta',
        {
          type: 'message_delta',
          delta: { stop_reason: 'end_turn', stop_sequence: null },
          usage: { output_tokens: 15 },
        },
      ],
      ['message_stop', { type: 'message_stop' }],
    ]),
    parts: [
      { type: 'meta', messageId: 'msg_1' },
      { type: 'reasoning', text: 'User greets; ' },
      { type: 'text', text: 'Bonjour ' },
      { type: 'text', text: 'à vous ✨' },
      { type: 'usage', inputTokens: 12, outputTokens: 15 },
      { type: 'finish', reason: 'end_turn' },
    ],
  },
  {
    name: 'dify chat-messages',
    protocol: 'dify',
    framing: 'sse',
    contentType: 'text/event-stream',
    body: sse([
      'event: ping\n\n',
      [
        {
          event: 'message',
          task_id: 't1',
          message_id: 'm1',
          conversation_id: 'c1',
          answer: 'Hola',
          created_at: 1_735_000_000,
        },
      ],
      [{ event: 'agent_thought', id: 'a1', thought: 'internal', position: 1 }],
      [
        {
          event: 'agent_message',
          task_id: 't1',
          message_id: 'm1',
          conversation_id: 'c1',
          answer: ', señor 🎩',
        },
      ],
      [
        {
          event: 'message_end',
          task_id: 't1',
          message_id: 'm1',
          conversation_id: 'c1',
          metadata: { usage: { total_tokens: 9 } },
        },
      ],
    ]),
    parts: [
      { type: 'meta', conversationId: 'c1', messageId: 'm1' },
      { type: 'text', text: 'Hola' },
      { type: 'text', text: ', señor 🎩' },
      { type: 'finish', reason: 'stop' },
    ],
  },
  {
    name: 'dify workflow',
    protocol: 'dify',
    framing: 'sse',
    contentType: 'text/event-stream',
    body: sse([
      [{ event: 'workflow_started', task_id: 't1', workflow_run_id: 'w1', data: { id: 'w1' } }],
      [{ event: 'node_started', task_id: 't1', workflow_run_id: 'w1', data: { node_id: 'llm' } }],
      [
        {
          event: 'text_chunk',
          task_id: 't1',
          workflow_run_id: 'w1',
          data: { text: '結果: ', from_variable_selector: ['llm', 'text'] },
        },
      ],
      [
        {
          event: 'text_chunk',
          task_id: 't1',
          workflow_run_id: 'w1',
          data: { text: 'ok', from_variable_selector: ['llm', 'text'] },
        },
      ],
      [
        {
          event: 'workflow_finished',
          task_id: 't1',
          workflow_run_id: 'w1',
          data: { id: 'w1', status: 'succeeded', outputs: {}, error: null },
        },
      ],
    ]),
    parts: [
      { type: 'text', text: '結果: ' },
      { type: 'text', text: 'ok' },
      { type: 'finish', reason: 'succeeded' },
    ],
  },
  {
    name: 'ai sdk ui message stream',
    protocol: 'ai-sdk',
    framing: 'sse',
    contentType: 'text/event-stream',
    body: sse([
      [{ type: 'start', messageId: 'msg-1' }],
      [{ type: 'start-step' }],
      [{ type: 'reasoning-start', id: 'r1' }],
      [{ type: 'reasoning-delta', id: 'r1', delta: 'Hmm… ' }],
      [{ type: 'reasoning-end', id: 'r1' }],
      [{ type: 'text-start', id: 't1' }],
      [{ type: 'text-delta', id: 't1', delta: 'Olá' }],
      [{ type: 'text-delta', id: 't1', delta: ' mundo 🚀' }],
      [{ type: 'text-end', id: 't1' }],
      [{ type: 'finish-step' }],
      [{ type: 'finish', finishReason: 'stop' }],
      ['[DONE]'],
    ]),
    parts: [
      { type: 'meta', messageId: 'msg-1' },
      { type: 'reasoning', text: 'Hmm… ' },
      { type: 'text', text: 'Olá' },
      { type: 'text', text: ' mundo 🚀' },
      { type: 'finish', reason: 'stop' },
    ],
  },
  {
    name: 'text over sse (multi-line data, comments)',
    protocol: 'text',
    framing: 'sse',
    contentType: 'text/event-stream',
    body: ': a comment\n\ndata: # Title\ndata: \ndata: line two é\n\n: another\ndata:  spaced\n\n',
    parts: [
      { type: 'text', text: '# Title\n\nline two é' },
      { type: 'text', text: ' spaced' },
      { type: 'finish' },
    ],
  },
  {
    name: 'ollama /api/chat',
    protocol: 'ollama',
    framing: 'ndjson',
    contentType: 'application/x-ndjson',
    body: [
      {
        model: 'qwen3',
        created_at: '2025-01-01T00:00:00Z',
        message: { role: 'assistant', content: '', thinking: 'Greeting. ' },
        done: false,
      },
      {
        model: 'qwen3',
        created_at: '2025-01-01T00:00:00Z',
        message: { role: 'assistant', content: 'Привет' },
        done: false,
      },
      {
        model: 'qwen3',
        created_at: '2025-01-01T00:00:00Z',
        message: { role: 'assistant', content: ', 世界 👋' },
        done: false,
      },
      {
        model: 'qwen3',
        created_at: '2025-01-01T00:00:00Z',
        message: { role: 'assistant', content: '' },
        done_reason: 'stop',
        done: true,
        total_duration: 1,
      },
    ]
      .map((line) => `${JSON.stringify(line)}\n`)
      .join(''),
    parts: [
      { type: 'reasoning', text: 'Greeting. ' },
      { type: 'text', text: 'Привет' },
      { type: 'text', text: ', 世界 👋' },
      { type: 'finish', reason: 'stop' },
    ],
  },
];

/** A plain text body, for the text stream channel: every chunk is text, the end is the finish. */
export const textBody = 'Plain ✓ text,\nstreamed 🙂 raw.';

/** Line-ending variants of a body; JSON payloads hold no raw line breaks, so all can be replaced. */
export const lineEndings: Record<string, (body: string) => string> = {
  LF: (body) => body,
  CRLF: (body) => body.replaceAll('\n', '\r\n'),
  CR: (body) => body.replaceAll('\n', '\r'),
  'BOM + CRLF': (body) => `\uFEFF${body.replaceAll('\n', '\r\n')}`,
};
