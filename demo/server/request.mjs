// Reads what a client asked, whatever dialect it speaks: OpenAI and Ollama `messages`, Anthropic
// content blocks, Responses `input`, AI SDK UI messages with `parts`, Dify `query`, or a bare
// `prompt`. GET requests (EventSource) carry the same JSON in `?request=`/`?body=` or the text
// in `?prompt=`/`?q=`.

/** @typedef {{ prompt: string, userTexts: string[], model?: string, includeUsage: boolean }} Conversation */

const MAX_BODY_BYTES = 1_000_000;

/**
 * The request body as JSON (or a string when it is not JSON), `undefined` when empty.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<unknown>}
 */
export async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RequestError(413, 'The request body is larger than 1 MB.');
    chunks.push(chunk);
  }
  return parseJsonOrText(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The request of a GET (EventSource cannot send a body).
 * @param {URL} url
 * @returns {unknown}
 */
export function queryBody(url) {
  const json = url.searchParams.get('request') ?? url.searchParams.get('body');
  if (json !== null) return parseJsonOrText(json);
  const messages = url.searchParams.get('messages');
  if (messages !== null) return { messages: parseJsonOrText(messages) };
  return url.searchParams.get('prompt') ?? url.searchParams.get('q') ?? undefined;
}

/** @param {string} text @returns {unknown} */
function parseJsonOrText(text) {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (!/^[[{"]/.test(trimmed)) return trimmed;
  try {
    return JSON.parse(trimmed);
  } catch {
    throw new RequestError(400, 'The request body is not valid JSON.');
  }
}

/** A client mistake, answered with its HTTP status. */
export class RequestError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * @param {unknown} body
 * @returns {Conversation}
 */
export function readConversation(body) {
  if (typeof body === 'string') return { prompt: body, userTexts: [body], includeUsage: false };
  const record = isRecord(body) ? body : {};
  const model = typeof record.model === 'string' && record.model !== '' ? record.model : undefined;
  const streamOptions = isRecord(record.stream_options) ? record.stream_options : {};
  const includeUsage = streamOptions.include_usage === true;
  const messages = Array.isArray(record.messages)
    ? record.messages
    : Array.isArray(record.input)
      ? record.input
      : [];
  const userTexts = messages
    .filter((message) => isRecord(message) && (message.role ?? 'user') === 'user')
    .map((message) => textOf(message));
  for (const key of ['input', 'query', 'prompt', 'message', 'text']) {
    if (typeof record[key] === 'string') userTexts.push(record[key]);
  }
  return {
    prompt: userTexts.at(-1) ?? '',
    userTexts,
    ...(model === undefined ? {} : { model }),
    includeUsage,
  };
}

/**
 * The text of one message in any of the dialects: a string `content`, an array of content
 * blocks (`{type: 'text' | 'input_text', text}`) or AI SDK `parts`.
 * @param {unknown} message
 * @returns {string}
 */
function textOf(message) {
  if (!isRecord(message)) return '';
  const content = message.content ?? message.parts;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block) => (isRecord(block) && typeof block.text === 'string' ? block.text : ''))
    .join('');
}

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
