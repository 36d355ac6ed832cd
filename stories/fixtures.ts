// Content and scripted transports shared by the stories: every state is reproducible, offline.
import {
  mockTransport,
  StreamError,
  textSteps,
  type ChatMessage,
  type ChatTransport,
  type MockStep,
} from 'stream-chat-elements';

export const ANSWER = `## Streaming, rendered as it arrives

\`<token-view>\` renders Markdown **incrementally**: finished blocks are rendered once, only the
open block is redrawn, at most once per animation frame.

- Lists, *emphasis* and \`inline code\`
- Nested lists
  - with a second level
  - and [links](https://example.com/docs)

\`\`\`ts
const chat = document.querySelector('stream-chat');
chat.addEventListener('stream-end', (event) => {
  console.log(event.detail.message.content);
});
\`\`\`

| Transport | Stop a reply |
| --- | --- |
| SSE | abort the request |
| WebSocket | \`{"type":"stop"}\` frame |

> Keep API keys on the server: the browser only ever sees your endpoint.`;

export const REASONING = `The user wants to know whether 1,001 is prime. It is odd, so not divisible by 2. Digit sum is 2, so not by 3. Try 7: 7 × 143 = 1,001. So it is not prime; 143 = 11 × 13.`;

export const REASONED_ANSWER = `No: **1,001 = 7 × 11 × 13**, so it is not a prime number.`;

export const HOSTILE = `Everything below tries to run code. It renders inert.

<script>alert('script')</script>

<img src="x" onerror="alert('onerror')" alt="an image with an onerror handler">

<a href="javascript:alert('link')">a javascript: link</a> and [a Markdown one](javascript:alert('md'))

<iframe src="https://example.com/"></iframe>

<div onclick="alert('click')" style="position:fixed;inset:0">an invisible overlay</div>

<svg><script>alert('svg')</script></svg>`;

export const IMAGE = `Here is the architecture diagram you asked for:

![Architecture diagram of the streaming pipeline](https://images.example.com/architecture.png)

It loads only when you ask for it, so a remote image can never track a reader silently.`;

export const ARABIC_HISTORY: ChatMessage[] = [
  { role: 'user', content: 'ما هو البث المباشر للإجابات؟' },
  {
    role: 'assistant',
    content:
      'يرسل النموذج إجابته **كلمةً بكلمة**، فيبدأ المستخدم بالقراءة فوراً.\n\n1. استخدم `dir="rtl"` على العنصر.\n2. اعتمد على الخصائص المنطقية في CSS.\n\n```html\n<stream-chat dir="rtl" lang="ar"></stream-chat>\n```',
  },
];

/** A short exchange, for the theme stories. */
export const HISTORY: ChatMessage[] = [
  { role: 'user', content: 'How does the kit render a streamed answer?' },
  { role: 'assistant', content: ANSWER },
];

/** `count` messages of alternating questions and answers. */
export function longHistory(count: number): ChatMessage[] {
  return Array.from({ length: count }, (_, index): ChatMessage => {
    const turn = Math.floor(index / 2) + 1;
    return index % 2 === 0
      ? { role: 'user', content: `Question ${turn}: what changed in step ${turn}?` }
      : {
          role: 'assistant',
          content: `In step **${turn}** the pipeline ${turn % 3 === 0 ? 'added a cache' : 'renamed a field'}.\n\n- before: \`v${turn - 1}\`\n- after: \`v${turn}\``,
        };
  });
}

/** A transport that streams `text` at `delay` ms per token and finishes. */
export function answering(text = ANSWER, delay = 40): ChatTransport {
  return mockTransport({ script: textSteps(text), delay });
}

/** A transport that thinks first (reasoning parts), then answers. */
export function reasoning(delay = 60): ChatTransport {
  const thinking: MockStep[] = textSteps(REASONING, 6)
    .filter((step) => step.type === 'text')
    .map((step) => ({ type: 'reasoning', text: step.type === 'text' ? step.text : '' }));
  return mockTransport({ script: [...thinking, ...textSteps(REASONED_ANSWER)], delay });
}

/**
 * A transport whose first attempt fails with an HTTP 503 after a few tokens; the retry
 * succeeds, as with a real overloaded model.
 */
export function failingOnce(delay = 30): ChatTransport {
  let attempts = 0;
  return mockTransport({
    delay,
    script: () => {
      attempts += 1;
      if (attempts % 2 === 0) return textSteps(ANSWER);
      const error = new StreamError('http', 'The model is overloaded. Please try again.', {
        status: 503,
      });
      return [...textSteps('Streaming, rendered as').slice(0, -1), { type: 'error', error }];
    },
  });
}

/** An answer with inline and display math, a table of formulas and a Mermaid diagram. */
export const MATH_AND_DIAGRAMS = String.raw`Inline math such as $e^{i\pi} + 1 = 0$ or \(a^2 + b^2 = c^2\) sits in the text; a price like $5 stays text.

$$
\int_0^1 x^2\,dx = \frac{1}{3}
$$

| quantity | formula |
| --- | --- |
| kinetic energy | $E_k = \tfrac{1}{2}mv^2$ |
| mass–energy | $E = mc^2$ |

${'```'}mermaid
flowchart LR
  prompt[Prompt] --> model{Model}
  model -->|tokens| view[token-view]
  view --> math[KaTeX]
  view --> diagram[Mermaid]
${'```'}
`;
