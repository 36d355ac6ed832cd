import 'stream-chat-elements/define';
import { mockTransport, textSteps } from 'stream-chat-elements';

const answer = `Here is a **streamed** answer with a list and some code:

1. Tokens arrive a few characters at a time.
2. \`<token-view>\` renders them as Markdown.

\`\`\`js
const chat = document.querySelector('stream-chat');
chat.addEventListener('stream-end', (event) => console.log(event.detail.message));
\`\`\`
`;

const chat = document.querySelector('stream-chat');
if (chat !== null) chat.transport = mockTransport({ script: textSteps(answer), delay: 25 });
