import { version } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { ChatTransport } from 'stream-chat-elements';
import { ChatPanel } from '../../../examples/react-19/ChatPanel.js';

export { mockTransport, StreamError } from 'stream-chat-elements';
export const framework = `React ${version}`;

export async function mount(container: HTMLElement, transport: ChatTransport) {
  const root = createRoot(container);
  flushSync(() => root.render(<ChatPanel transport={transport} />));
  return () => root.unmount();
}
