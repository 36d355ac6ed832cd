// Tool round trips for <stream-chat>, spoken with the demo mock model's encoders
// (demo/server/protocols.mjs), so the kit's decoders and request bodies meet the same shapes as
// the demo's and the real services'.
//
// POST /mock/tools/<protocol> (openai, anthropic, openai-responses, ollama, ai-sdk): a question
// gets a call of the page tool `get_weather` {"city":"Paris"}; a request that carries that
// call and its result in the protocol's own shape (checked field by field) gets
// "Paris: <result>". Anything else gets a mid-stream error naming what was wrong.
// WS /mock/tools/ws: the same with the `openai` shape, one message per frame.
// POST /mock/tools/dify: each answer hands out a new conversation_id; a question that carries
// one the server handed out is answered "Continuing <id>", an unknown one is an error.

import { isDeepStrictEqual } from 'node:util';
import { PROTOCOLS, serialize } from '../../../demo/server/protocols.mjs';

const CALL = { id: 'call_w1', name: 'get_weather', args: '{"city":"Paris"}' };
const INPUT = { city: 'Paris' };
const PREFACE = 'Let me check. ';

/** @param {import('node:http').IncomingMessage} req @returns {Promise<any>} */
async function readJson(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body ? JSON.parse(body) : {};
}

/** @param {unknown} actual @param {unknown} expected @param {string} what */
function same(actual, expected, what) {
  if (!isDeepStrictEqual(actual, expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/**
 * The tool result a request carries in its protocol's shape, or undefined for a first question.
 * Throws when the shape is wrong.
 * @type {Record<string, (body: any) => string | undefined>}
 */
const results = {
  openai(body) {
    same(body.tools?.[0]?.function?.name, CALL.name, 'tools[0].function.name');
    const last = body.messages.at(-1);
    if (last.role !== 'tool') return undefined;
    same(
      body.messages.at(-2),
      {
        role: 'assistant',
        content: PREFACE,
        tool_calls: [
          { id: CALL.id, type: 'function', function: { name: CALL.name, arguments: CALL.args } },
        ],
      },
      'the assistant message',
    );
    same(Object.keys(last).sort(), ['content', 'role', 'tool_call_id'], 'the tool message keys');
    same(last.tool_call_id, CALL.id, 'tool_call_id');
    return last.content;
  },
  anthropic(body) {
    same(body.tools?.[0]?.name, CALL.name, 'tools[0].name');
    same(typeof body.tools[0].input_schema, 'object', 'tools[0].input_schema');
    const last = body.messages.at(-1);
    if (typeof last.content === 'string') return undefined;
    same(
      body.messages.at(-2),
      {
        role: 'assistant',
        content: [
          { type: 'text', text: PREFACE },
          { type: 'tool_use', id: CALL.id, name: CALL.name, input: INPUT },
        ],
      },
      'the assistant message',
    );
    same(last.role, 'user', 'the role of the results');
    same(last.content.length, 1, 'the number of results');
    same(last.content[0].type, 'tool_result', 'the result block');
    same(last.content[0].tool_use_id, CALL.id, 'tool_use_id');
    return last.content[0].content;
  },
  'openai-responses'(body) {
    same(
      body.tools?.[0],
      {
        type: 'function',
        name: CALL.name,
        description: 'The weather of a city',
        parameters: body.tools[0].parameters,
      },
      'tools[0]',
    );
    const last = body.input.at(-1);
    if (last.type !== 'function_call_output') return undefined;
    same(body.input.at(-3), { role: 'assistant', content: PREFACE }, 'the assistant message');
    same(
      body.input.at(-2),
      { type: 'function_call', call_id: CALL.id, name: CALL.name, arguments: CALL.args },
      'the function_call item',
    );
    same(last.call_id, CALL.id, 'call_id');
    return last.output;
  },
  ollama(body) {
    same(body.tools?.[0]?.function?.name, CALL.name, 'tools[0].function.name');
    const last = body.messages.at(-1);
    if (last.role !== 'tool') return undefined;
    same(
      body.messages.at(-2),
      {
        role: 'assistant',
        content: PREFACE,
        tool_calls: [{ function: { name: CALL.name, arguments: INPUT } }],
      },
      'the assistant message',
    );
    same(last.tool_name, CALL.name, 'tool_name');
    return last.content;
  },
  'ai-sdk'(body) {
    const last = body.messages.at(-1);
    if (last.role !== 'assistant') return undefined;
    same(last.parts.length, 2, 'the parts of the assistant message');
    same(last.parts[0], { type: 'text', text: PREFACE }, 'the text part');
    const part = last.parts[1];
    same(
      { type: part.type, toolCallId: part.toolCallId, state: part.state, input: part.input },
      { type: `tool-${CALL.name}`, toolCallId: CALL.id, state: 'output-available', input: INPUT },
      'the tool part',
    );
    return JSON.stringify(part.output);
  },
};

/**
 * The frames of the answer to a request: the tool call, or the continuation with the result.
 * @param {string} name @param {any} body
 */
function answer(name, body) {
  const protocol = PROTOCOLS[name];
  if (!protocol) throw new Error(`no protocol ${name}`);
  const encoder = protocol.encoder({ model: body.model ?? 'mock', includeUsage: true });
  try {
    const result = results[name]?.(body);
    if (result === undefined) {
      return [
        ...encoder.start(),
        ...encoder.text(PREFACE),
        ...encoder.toolCall(CALL.id, CALL.name, CALL.args),
        ...encoder.finish('tool_calls'),
      ];
    }
    return [...encoder.start(), ...encoder.text(`Paris: ${result}`), ...encoder.finish('stop')];
  } catch (error) {
    return [
      ...encoder.start(),
      ...encoder.error(`Bad request shape: ${/** @type {Error} */ (error).message}`, 400),
    ];
  }
}

/** Conversation ids the Dify route handed out. */
const conversations = new Set();

/** @type {import('../plugin.mjs').RouteModule} */
export default {
  http: {
    '/mock/tools/dify': async (req, res) => {
      const body = await readJson(req);
      const dify = /** @type {import('../../../demo/server/protocols.mjs').Protocol} */ (
        PROTOCOLS.dify
      );
      const known = conversations.has(body.conversation_id);
      const encoder = dify.encoder({
        model: 'mock',
        includeUsage: true,
        ...(known && { conversationId: body.conversation_id }),
      });
      const frames = [...encoder.start()];
      if (body.conversation_id === undefined) {
        frames.push(...encoder.text('Hello, new conversation.'));
      } else if (known) {
        frames.push(...encoder.text(`Continuing ${body.conversation_id}`));
      } else {
        frames.push(...encoder.error(`Unknown conversation ${body.conversation_id}`, 404));
      }
      frames.push(...encoder.finish('stop'));
      for (const frame of frames) {
        const id = frame.data && JSON.parse(frame.data).conversation_id;
        if (id && !body.conversation_id) conversations.add(id);
      }
      res.writeHead(200, { 'content-type': dify.contentType });
      res.end(serialize(frames, 'sse'));
    },
    ...Object.fromEntries(
      Object.keys(results).map((name) => [
        `/mock/tools/${name}`,
        /** @type {import('../plugin.mjs').HttpHandler} */
        async (req, res) => {
          const body = await readJson(req);
          const protocol = PROTOCOLS[name];
          res.writeHead(200, { 'content-type': protocol?.contentType ?? 'text/plain' });
          res.end(serialize(answer(name, body), protocol?.framing ?? 'sse'));
        },
      ]),
    ),
  },
  ws: {
    '/mock/tools/ws': (socket) => {
      socket.on('message', (data) => {
        const message = JSON.parse(String(data));
        if (message.type === 'stop') return;
        for (const frame of answer('openai', message)) if (frame.data) socket.send(frame.data);
      });
    },
  },
};
