import { useState } from 'react';
import type { ChatTransport } from 'stream-chat-elements';
import { StopButton, StreamChat } from 'stream-chat-elements/react';

/** The `@lit/react` wrappers: the same in React 18 and 19, with typed `onStream…` props. */
export function ChatPanel({ transport }: { transport: ChatTransport }) {
  const [status, setStatus] = useState('Ready');
  const [received, setReceived] = useState(0);
  return (
    <section>
      <StreamChat
        id="chat"
        transport={transport}
        placeholder="Ask anything"
        onStreamOpen={() => setStatus('Answering…')}
        onStreamToken={(event) => setReceived((count) => count + event.detail.text.length)}
        onStreamEnd={(event) => setStatus(`Answered: ${event.detail.message.content}`)}
        onStreamError={(event) => setStatus(`Failed: ${event.detail.error.code}`)}
        onStreamAbort={(event) =>
          setStatus(`Stopped after ${event.detail.partial.length} characters`)
        }
        onMessageFeedback={(event) => setStatus(`Rated ${event.detail.value ?? 'nothing'}`)}
      />
      <StopButton htmlFor="chat" />
      <p role="status">{status}</p>
      <p>{received} characters received</p>
    </section>
  );
}
