import { flushSync, mount as mountComponent, unmount } from 'svelte';
import { version } from 'svelte/package.json';
import type { ChatTransport } from 'stream-chat-elements';
import ChatPanel from '../../../examples/svelte/ChatPanel.svelte';

export { mockTransport, StreamError } from 'stream-chat-elements';
export const framework = `Svelte ${version}`;

export async function mount(container: HTMLElement, transport: ChatTransport) {
  const app = mountComponent(ChatPanel, { target: container, props: { transport } });
  flushSync();
  return () => void unmount(app);
}
