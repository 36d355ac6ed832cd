// The demo page: one <stream-chat> driven by a settings panel (transport, protocol, pace,
// theme), a live log of its events, a standalone <token-view> and a right-to-left chat. It
// uses only the package's public entry points.
import 'stream-chat-elements/define';
import type { StreamChat } from 'stream-chat-elements';
import { setUpBigAnswer } from './big-answer.js';
import {
  endpointFor,
  PROTOCOL_LABELS,
  PROTOCOLS_BY_TRANSPORT,
  type Transport,
} from './connections.js';

interface MockInfo {
  mode: 'mock' | 'upstream';
  upstream: string | null;
  model: string | null;
  /** A local Ollama the demo server found at start-up (see demo/server/upstream.mjs). */
  ollama?: { path: string; models: string[] } | null;
}
let ollama: MockInfo['ollama'] = null;
/** The model the mock (or the upstream) is asked for. */
let defaultModel = 'mock-1';

const chat = document.querySelector<StreamChat>('#chat')!;
const rtlChat = document.querySelector<StreamChat>('#rtl-chat')!;
const settings = document.querySelector<HTMLFormElement>('#settings')!;
const protocolSelect = settings.elements.namedItem('protocol') as HTMLSelectElement;
const field = (name: string) => (settings.elements.namedItem(name) as HTMLInputElement).value;

/** Points the chat at the endpoint the panel describes; the conversation stays. */
function applyConnection(): void {
  if (ollama && field('server') === 'ollama') {
    chat.setAttribute('transport', 'ndjson');
    chat.setAttribute('protocol', 'ollama');
    chat.setAttribute('endpoint', ollama.path);
    chat.model = ollama.models[0] ?? '';
    document.querySelector('#endpoint')!.textContent = `${ollama.path} → localhost:11434`;
    return;
  }
  chat.model = defaultModel;
  const transport = field('transport') as Transport;
  const protocols = PROTOCOLS_BY_TRANSPORT[transport];
  const current = protocolSelect.value;
  protocolSelect.replaceChildren(
    ...protocols.map((name) => new Option(PROTOCOL_LABELS[name] ?? name, name)),
  );
  if (protocols.includes(current)) protocolSelect.value = current;
  const endpoint = endpointFor(transport, protocolSelect.value, Number(field('rate')));
  chat.setAttribute('transport', transport);
  chat.setAttribute('protocol', protocolSelect.value);
  chat.setAttribute('endpoint', endpoint);
  document.querySelector('#endpoint')!.textContent = endpoint;
}

/** Light, dark, or the brand theme, which is nothing but CSS custom properties (demo.css). */
function applyTheme(): void {
  const theme = field('theme');
  document.documentElement.dataset.theme = theme;
  for (const element of [chat, rtlChat]) element.theme = theme === 'dark' ? 'dark' : 'light';
}

settings.addEventListener('change', (event) => {
  if ((event.target as HTMLInputElement).name === 'theme') applyTheme();
  else applyConnection();
});
applyConnection();
applyTheme();

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-prompt]')) {
  button.addEventListener('click', () => void chat.send(button.dataset.prompt ?? ''));
}

// The event log: what a page hears from the chat, with the timing a product team would watch.
const log = document.querySelector<HTMLOListElement>('#events')!;
let opened = 0;
let firstToken = 0;
function logEvent(name: string, text: string, kind = ''): void {
  const item = document.createElement('li');
  item.className = kind;
  const label = document.createElement('code');
  label.textContent = name;
  item.append(label, ` ${text}`);
  log.prepend(item);
  while (log.children.length > 6) log.lastElementChild?.remove();
}
chat.addEventListener('stream-open', () => {
  opened = performance.now();
  firstToken = 0;
  logEvent('stream-open', `${chat.getAttribute('transport')} · ${chat.getAttribute('protocol')}`);
});
chat.addEventListener('stream-token', () => {
  if (firstToken === 0) firstToken = performance.now();
});
chat.addEventListener('stream-end', (event) => {
  const seconds = (performance.now() - opened) / 1000;
  const ttft = firstToken === 0 ? 0 : firstToken - opened;
  const chars = event.detail.message.content.length.toLocaleString('en');
  logEvent(
    'stream-end',
    `${chars} chars in ${seconds.toFixed(1)} s, first token after ${Math.round(ttft)} ms`,
    'ok',
  );
});
chat.addEventListener('stream-error', (event) => {
  const { code, status, message } = event.detail.error;
  logEvent('stream-error', `${code}${status ? ` ${status}` : ''}: ${message}`, 'bad');
});
chat.addEventListener('stream-abort', (event) => {
  logEvent(
    'stream-abort',
    `stopped after ${event.detail.partial.length.toLocaleString('en')} chars`,
  );
});

// Upstream mode: the demo server proxies /v1/chat/completions to a real model.
void fetch('/api/mock-info')
  .then((response) => (response.ok ? (response.json() as Promise<MockInfo>) : undefined))
  .then((info) => {
    if (info?.ollama) {
      ollama = info.ollama;
      const label = `Ollama (${info.ollama.models[0] ?? 'no model pulled'})`;
      (settings.elements.namedItem('server') as HTMLSelectElement).add(new Option(label, 'ollama'));
    }
    if (info?.mode !== 'upstream') return;
    // Without UPSTREAM_MODEL the request carries no model: the server's default answers.
    defaultModel = info.model ?? '';
    chat.model = defaultModel;
    const mode = document.querySelector('#mode')!;
    const model = info.model ?? 'the default model';
    mode.textContent = `Upstream: ${model} at ${info.upstream} (SSE · OpenAI); other protocols are mocked`;
    mode.classList.add('upstream');
  });

rtlChat.messages = [
  { role: 'user', content: 'ما هو البث المباشر للإجابات؟' },
  {
    role: 'assistant',
    content:
      'يرسل النموذج إجابته **كلمةً بكلمة**، فيبدأ المستخدم بالقراءة فوراً.\n\n1. استخدم `dir="rtl"` على العنصر.\n2. اعتمد على الخصائص المنطقية في CSS.',
  },
];

setUpBigAnswer(document);
