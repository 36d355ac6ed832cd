import { ChatHandlerError } from './errors.js';
import type {
  ChatHandlerOptions,
  ServerChatRequest,
  ServerChatRole,
  ServerMessage,
} from './types.js';

export const DEFAULT_LIMITS = { bodyBytes: 1_000_000, messages: 200, contentLength: 100_000 };
const DEFAULT_ROLES: ServerChatRole[] = ['system', 'user', 'assistant', 'tool'];

/**
 * Reads and validates what `<stream-chat>` sent, whatever protocol body it uses: `messages`
 * (OpenAI, Ollama, Anthropic with its `system` string) or Dify's `query`. Only the messages,
 * the model (if allowed), Dify's conversation id and tool definitions are kept: nothing else
 * the page sends reaches the upstream. Throws {@link ChatHandlerError} with 400/405/413/415.
 */
export async function readChatRequest(
  request: Request,
  options: ChatHandlerOptions,
): Promise<ServerChatRequest> {
  if (request.method !== 'POST') {
    throw new ChatHandlerError(405, `Use POST, not ${request.method}.`, { allow: 'POST' });
  }
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type.trim())) {
    throw new ChatHandlerError(
      415,
      'The request body must be JSON (Content-Type: application/json).',
    );
  }
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const body = parseJson(await readText(request, limits.bodyBytes));
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ChatHandlerError(400, 'The request body must be a JSON object.');
  }
  const record = body as Record<string, unknown>;
  const messages = readMessages(record, options.roles ?? DEFAULT_ROLES, limits);
  const model = chooseModel(record.model, options);
  const meta = isRecord(record.meta) ? record.meta : {};
  const conversationId = record.conversation_id ?? meta.conversationId;
  return {
    messages,
    ...(model === undefined ? {} : { model }),
    ...(typeof conversationId === 'string' && conversationId !== '' ? { conversationId } : {}),
    ...(Array.isArray(record.tools) && record.tools.length > 0 ? { tools: record.tools } : {}),
  };
}

/** The body as text, refusing it (413) as soon as it passes `limit` bytes. */
async function readText(request: Request, limit: number): Promise<string> {
  const tooLarge = () =>
    new ChatHandlerError(413, `The request body is larger than ${formatBytes(limit)}.`);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ChatHandlerError(400, 'The request body is not valid JSON.');
  }
}

function readMessages(
  body: Record<string, unknown>,
  roles: ServerChatRole[],
  limits: typeof DEFAULT_LIMITS,
): ServerMessage[] {
  const raw: unknown[] = [];
  // Anthropic's body carries the system prompt outside `messages`.
  if (typeof body.system === 'string' && body.system !== '') {
    raw.push({ role: 'system', content: body.system });
  }
  if (Array.isArray(body.messages)) raw.push(...body.messages);
  else if (typeof body.query === 'string') raw.push({ role: 'user', content: body.query });
  else throw new ChatHandlerError(400, 'The request has no `messages` array.');
  if (raw.length === 0) throw new ChatHandlerError(400, 'The request has no messages.');
  if (raw.length > limits.messages) {
    throw new ChatHandlerError(
      400,
      `The request has ${raw.length} messages; at most ${limits.messages} are allowed.`,
    );
  }
  return raw.map((value, index) => readMessage(value, index, roles, limits.contentLength));
}

function readMessage(
  value: unknown,
  index: number,
  roles: ServerChatRole[],
  maxLength: number,
): ServerMessage {
  const where = `Message ${index + 1}`;
  if (!isRecord(value)) throw new ChatHandlerError(400, `${where} is not an object.`);
  const { role, content } = value;
  if (typeof role !== 'string' || !(roles as string[]).includes(role)) {
    throw new ChatHandlerError(
      400,
      `${where} has the role ${JSON.stringify(role)}; allowed: ${roles.join(', ')}.`,
    );
  }
  const toolCalls =
    Array.isArray(value.tool_calls) && role === 'assistant' ? value.tool_calls : undefined;
  if (typeof content !== 'string' && !(content === null && toolCalls)) {
    throw new ChatHandlerError(400, `${where} has no text \`content\`.`);
  }
  const text = content ?? '';
  if (text.length > maxLength) {
    throw new ChatHandlerError(
      400,
      `${where} is ${text.length} characters long; at most ${maxLength} are allowed.`,
    );
  }
  return {
    role: role as ServerChatRole,
    content: text,
    ...(toolCalls ? { tool_calls: toolCalls } : {}),
    ...(role === 'tool' && typeof value.tool_call_id === 'string'
      ? { tool_call_id: value.tool_call_id }
      : {}),
  };
}

/** The page's model if the allow-list has it; otherwise the upstream's (the page's is ignored). */
function chooseModel(asked: unknown, options: ChatHandlerOptions): string | undefined {
  const upstream = options.upstream;
  const fallback = ('model' in upstream ? upstream.model : undefined) ?? options.models?.[0];
  if (typeof asked !== 'string' || asked === '' || options.models === undefined) return fallback;
  if (!options.models.includes(asked)) {
    throw new ChatHandlerError(400, `The model ${JSON.stringify(asked)} is not available here.`);
  }
  return asked;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const formatBytes = (bytes: number) =>
  bytes >= 1_000_000 && bytes % 1_000_000 === 0
    ? `${bytes / 1_000_000} MB`
    : bytes >= 1000 && bytes % 1000 === 0
      ? `${bytes / 1000} KB`
      : `${bytes} bytes`;
