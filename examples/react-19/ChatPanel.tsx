import { useState } from 'react';
import 'stream-chat-elements/define';
import type { ChatMessage, ChatTransport } from 'stream-chat-elements';

const greeting: ChatMessage[] = [{ role: 'assistant', content: 'Hi! Ask me anything.' }];

/** React 19 sets `transport` and `messages` as properties and listens to `onstream-*` events. */
export function ChatPanel({ transport }: { transport: ChatTransport }) {
  const [status, setStatus] = useState('Ready');
  const [received, setReceived] = useState(0);
  return (
    <section>
      <stream-chat
        id="chat"
        transport={transport}
        messages={greeting}
        onstream-open={() => setStatus('Answering…')}
        onstream-token={(event) => setReceived((count) => count + event.detail.text.length)}
        onstream-end={(event) => setStatus(`Answered: ${event.detail.message.content}`)}
        onstream-error={(event) => setStatus(`Failed: ${event.detail.error.code}`)}
        onstream-abort={(event) =>
          setStatus(`Stopped after ${event.detail.partial.length} characters`)
        }
        onmessage-feedback={(event) => setStatus(`Rated ${event.detail.value ?? 'nothing'}`)}
      ></stream-chat>
      <stop-button for="chat"></stop-button>
      <p role="status">{status}</p>
      <p>{received} characters received</p>
    </section>
  );
}
