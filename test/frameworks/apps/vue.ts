import { createApp, nextTick, version } from 'vue';
import type { ChatTransport } from 'stream-chat-elements';
import ChatPanel from '../../../examples/vue/ChatPanel.vue';

export { mockTransport, StreamError } from 'stream-chat-elements';
export const framework = `Vue ${version}`;

export async function mount(container: HTMLElement, transport: ChatTransport) {
  const app = createApp(ChatPanel, { transport });
  app.mount(container);
  await nextTick();
  return () => app.unmount();
}
