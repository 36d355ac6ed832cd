// Realistic LLM answers for the <token-view> benchmark and tests: headings, nested lists,
// tables, code (one block of 300 lines), quotes, links, Chinese text. Written for this project;
// the larger documents combine the sections with varying subjects, as long answers do.
import { seeded } from '../test/helpers/random.js';

interface Subject {
  name: string;
  lang: string;
  tool: string;
  port: number;
  zh: string;
}

const SUBJECTS: Subject[] = [
  { name: 'payments service', lang: 'python', tool: 'pytest', port: 8000, zh: '支付服务' },
  { name: 'search indexer', lang: 'typescript', tool: 'vitest', port: 3000, zh: '搜索索引器' },
  { name: 'image pipeline', lang: 'go', tool: 'go test', port: 8080, zh: '图像处理流水线' },
  { name: 'notification hub', lang: 'rust', tool: 'cargo test', port: 7000, zh: '通知中心' },
  { name: 'billing exporter', lang: 'java', tool: 'JUnit', port: 9090, zh: '账单导出器' },
  { name: 'analytics gateway', lang: 'typescript', tool: 'jest', port: 4000, zh: '分析网关' },
];

const intro = (
  s: Subject,
) => `Great question! Moving the **${s.name}** to a streaming architecture is mostly about three things: keeping each request *small*, making retries **idempotent**, and measuring before you optimise. Below is a step-by-step plan, with code you can paste, a comparison of the main options, and a checklist at the end.

> **Note:** the numbers below come from a mid-size deployment (about 2,000 requests per second at peak). Your mileage *will* vary, so treat them as a starting point rather than a promise.
`;

const steps = (s: Subject, n: number) => `## ${n}. Set up the project

1. **Create an isolated environment** for the ${s.name}:
   - pin the runtime version in a file that CI reads as well;
   - keep secrets out of the repository (use \`.env.local\` and add it to \`.gitignore\`);
   - install the test runner (\`${s.tool}\`) as a development dependency only.
2. **Split the configuration** into three layers:
   1. defaults that live in code,
   2. a file per environment (\`config/staging.yaml\`, \`config/production.yaml\`),
   3. environment variables that override both — for example \`PORT=${s.port}\`.
3. **Add health checks** early. A \`/healthz\` endpoint that answers within 50 ms saves hours of debugging later, because the load balancer stops sending traffic to instances that are still warming up.

   Keep the check *shallow*: it should not call the database on every probe, or a slow database turns into a fleet-wide outage.

4. Run the suite once before changing anything, so you know which failures were already there:

   \`\`\`bash
   ${s.tool} --reporter=dot 2>&1 | tee baseline.txt
   \`\`\`
`;

const table = (s: Subject, n: number) => `## ${n}. Choosing a transport

| Option | Latency (p50) | Latency (p99) | Reconnects | Works through proxies | Best for |
| --- | ---: | ---: | :---: | :---: | --- |
| Server-Sent Events | 38 ms | 120 ms | automatic | yes | one-way token streams |
| WebSocket | 31 ms | 95 ms | manual | mostly | chat with interruptions |
| Long polling | 210 ms | 900 ms | n/a | yes | legacy clients |
| gRPC streaming | 25 ms | 80 ms | manual | needs HTTP/2 | service-to-service |
| NDJSON over fetch | 40 ms | 130 ms | manual | yes | simple backends |

For the ${s.name}, **Server-Sent Events** are the pragmatic default: they reuse plain HTTP, survive most corporate proxies, and the browser reconnects on its own. Pick WebSocket only if the client must *send* while the answer is still streaming (for example, a stop button that should cancel work on the server immediately).

See the [MDN guide to server-sent events](https://developer.mozilla.org/en-US/docs/Web/API/Server-sent_events) and the [WHATWG specification](https://html.spec.whatwg.org/multipage/server-sent-events.html) for the details of the wire format.
`;

const snippet = (s: Subject, n: number) => {
  const code: Record<string, string> = {
    python: `from fastapi import FastAPI
from fastapi.responses import StreamingResponse
import asyncio, json

app = FastAPI()

async def tokens(prompt: str):
    for word in prompt.split():
        await asyncio.sleep(0.02)
        yield f"data: {json.dumps({'text': word + ' '})}\\n\\n"
    yield "data: [DONE]\\n\\n"

@app.post("/v1/stream")
async def stream(body: dict):
    return StreamingResponse(tokens(body["prompt"]), media_type="text/event-stream")`,
    typescript: `import { createServer } from 'node:http';

const server = createServer(async (req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
  for (const word of 'streaming keeps users engaged'.split(' ')) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    res.write(\`data: \${JSON.stringify({ text: word + ' ' })}\\n\\n\`);
  }
  res.end('data: [DONE]\\n\\n');
});

server.listen(Number(process.env.PORT ?? ${s.port}));`,
    go: `package main

import (
	"fmt"
	"net/http"
	"time"
)

func stream(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/event-stream")
	flusher, _ := w.(http.Flusher)
	for _, word := range []string{"streaming", "keeps", "users", "engaged"} {
		fmt.Fprintf(w, "data: {\\"text\\": %q}\\n\\n", word+" ")
		flusher.Flush()
		time.Sleep(20 * time.Millisecond)
	}
}`,
    rust: `use axum::{response::sse::{Event, Sse}, routing::post, Router};
use futures::stream::{self, Stream};
use std::{convert::Infallible, time::Duration};

async fn stream() -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let words = vec!["streaming", "keeps", "users", "engaged"];
    let events = stream::iter(words).then(|w| async move {
        tokio::time::sleep(Duration::from_millis(20)).await;
        Ok(Event::default().data(format!("{{\\"text\\": \\"{w} \\"}}")))
    });
    Sse::new(events)
}`,
    java: `@RestController
public class StreamController {
    @PostMapping(value = "/v1/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<String>> stream(@RequestBody Prompt prompt) {
        return Flux.fromArray(prompt.text().split(" "))
            .delayElements(Duration.ofMillis(20))
            .map(word -> ServerSentEvent.builder("{\\"text\\": \\"" + word + " \\"}").build());
    }
}`,
  };
  return `## ${n}. A minimal streaming endpoint

Here is the smallest endpoint that streams tokens for the ${s.name}. It writes one \`data:\` line per token and a final \`[DONE]\` marker:

\`\`\`${s.lang}
${code[s.lang] ?? code['typescript']}
\`\`\`

A few things worth pointing out:

- The \`cache-control: no-store\` header stops intermediaries from buffering the whole response.
- Each event ends with a **blank line** — forget it and the client sees nothing until the connection closes.
- The 20 ms sleep only simulates a model; remove it in production.
`;
};

const chinese = (s: Subject, n: number) => `## ${n}. 中文说明：${s.zh}的流式输出

在把${s.zh}改造成流式输出时，最常见的问题并不是性能，而是**用户体验**。如果页面在每个字符到达时都重新渲染整段回答，用户会看到明显的闪烁，选中的文本也会丢失。

推荐的做法如下：

1. 只重新解析**尚未完成**的最后一个段落；
2. 已经完成的段落只渲染一次，之后不再修改；
3. 代码块在结束之后再做语法高亮，避免每个字符都重新高亮。

> 提示：在弱网络环境下（例如 3G），请把心跳间隔设置为 15 秒左右，否则代理服务器可能会主动断开空闲连接。

更多信息请参考[项目文档](https://example.com/docs/zh/streaming)以及 \`EventSource\` 的兼容性表格。
`;

const pitfalls = (s: Subject, n: number) => `## ${n}. Common pitfalls

- **Buffering proxies.** Nginx buffers responses by default; add \`X-Accel-Buffering: no\` or set \`proxy_buffering off;\` for the streaming route.
- **Timeouts.** Many load balancers close connections that are idle for 60 seconds. Send a comment line (\`: keep-alive\`) every 15 seconds.
  - On AWS ALB the idle timeout is configurable per target group.
  - On Cloudflare, long responses are fine as long as *some* bytes flow.
- **Retries that duplicate work.** If the client reconnects, the ${s.name} must recognise the request:
  - send an \`Idempotency-Key\` header,
  - store the key with the result for at least 24 hours,
  - return the stored result instead of running the job twice.
- **Unicode split across chunks.** A multi-byte character such as \`é\` or \`流\` can arrive in two network chunks. Always decode with a streaming decoder (\`new TextDecoder('utf-8', { stream: true })\`), never chunk by chunk.

~~Disabling compression~~ is rarely necessary today: gzip works with streaming as long as the server flushes after each event.
`;

const checklist = (s: Subject, n: number) => `## ${n}. Checklist before you ship

- [x] Health check answers in under 50 ms
- [x] Streaming route excluded from response buffering
- [ ] Idempotency keys stored for 24 hours
- [ ] Load test at **2×** the expected peak (about ${2 * s.port} requests per minute for this service)
- [ ] Dashboards for *time to first token* and *tokens per second*

---

If you want, I can also sketch the **client side** — a small reader that parses the stream, handles \`[DONE]\`, and shows a stop button. Just let me know which framework you use.
`;

const faq = (s: Subject, n: number) => `### ${n}. FAQ

**Does streaming make the ${s.name} faster?** Not in total time — the last token arrives at about the same moment. What changes is the *time to first token*, which drops from several seconds to a few hundred milliseconds, and that is what users perceive as speed.

**What about mobile clients?** They work the same way. On iOS, make sure the request is not sent through a background \`URLSession\`, which delivers the body only when it is complete.

**Can I test it without a model?** Yes: replay a recorded answer at a fixed rate (say 40 tokens per second) from a fixture file. The ${s.tool} suite can then assert on the exact sequence of events.
`;

/** A 300-line TypeScript module, as an answer that shows a complete file would contain. */
function longCode(): string {
  const lines = [
    "import { EventEmitter } from 'node:events';",
    '',
    '/** Options shared by every client in this module. */',
    'export interface ClientOptions {',
    '  baseUrl: string;',
    '  timeoutMs?: number;',
    '  retries?: number;',
    '  headers?: Record<string, string>;',
    '}',
    '',
  ];
  const names = ['Orders', 'Invoices', 'Customers', 'Shipments', 'Refunds', 'Coupons', 'Reports'];
  for (const name of names) {
    const item = name.slice(0, -1);
    lines.push(
      `export interface ${item} {`,
      '  id: string;',
      '  createdAt: string;',
      `  status: 'pending' | 'active' | 'closed';`,
      '  amountCents: number;',
      '}',
      '',
      `export class ${name}Client extends EventEmitter {`,
      '  readonly #options: Required<ClientOptions>;',
      '  #inFlight = 0;',
      '',
      '  constructor(options: ClientOptions) {',
      '    super();',
      '    this.#options = { timeoutMs: 10_000, retries: 3, headers: {}, ...options };',
      '  }',
      '',
      `  async list(page = 1): Promise<${item}[]> {`,
      `    const response = await this.#request(\`/${name.toLowerCase()}?page=\${page}\`);`,
      `    return (await response.json()) as ${item}[];`,
      '  }',
      '',
      `  async get(id: string): Promise<${item} | undefined> {`,
      `    const response = await this.#request(\`/${name.toLowerCase()}/\${encodeURIComponent(id)}\`);`,
      '    if (response.status === 404) return undefined;',
      `    return (await response.json()) as ${item};`,
      '  }',
      '',
      '  async #request(path: string, attempt = 0): Promise<Response> {',
      '    const controller = new AbortController();',
      '    const timer = setTimeout(() => controller.abort(), this.#options.timeoutMs);',
      '    this.#inFlight += 1;',
      '    try {',
      '      const response = await fetch(this.#options.baseUrl + path, {',
      '        headers: this.#options.headers,',
      '        signal: controller.signal,',
      '      });',
      '      if (response.status >= 500 && attempt < this.#options.retries) {',
      "        this.emit('retry', { path, attempt });",
      '        return this.#request(path, attempt + 1);',
      '      }',
      '      return response;',
      '    } finally {',
      '      clearTimeout(timer);',
      '      this.#inFlight -= 1;',
      '    }',
      '  }',
      '}',
      '',
    );
  }
  while (lines.length < 300) lines.push(`// end of generated clients (${lines.length})`);
  return lines.slice(0, 300).join('\n');
}

const longCodeSection = (n: number) => `## ${n}. The complete client

For reference, here is the whole client module in one file (300 lines). Each class wraps one resource, retries on 5xx responses and reports retries as events:

\`\`\`ts
${longCode()}
\`\`\`

You can drop this file into \`src/clients.ts\` unchanged; it has no dependencies beyond Node 18.
`;

const SECTIONS = [steps, table, chinese, snippet, pitfalls, faq];

function answer(targetBytes: number, withLongCode: boolean): string {
  const parts = [`# Streaming the ${SUBJECTS[0]!.name}: a practical guide\n`, intro(SUBJECTS[0]!)];
  let n = 1;
  let round = 0;
  const size = () => new TextEncoder().encode(parts.join('\n')).length;
  while (size() < targetBytes) {
    const subject = SUBJECTS[round % SUBJECTS.length]!;
    const section = SECTIONS[(n - 1) % SECTIONS.length]!;
    if (withLongCode && n === 4) parts.push(longCodeSection(n++));
    else parts.push(section(subject, n++));
    if ((n - 1) % SECTIONS.length === 0) round += 1;
  }
  parts.push(checklist(SUBJECTS[0]!, n));
  return parts.join('\n');
}

/** The benchmark's documents: about 5 KB, 30 KB and 120 KB of Markdown. */
export const documents = [
  { name: '5 KB', text: answer(4_200, false) },
  { name: '30 KB', text: answer(28_000, true) },
  { name: '120 KB', text: answer(116_000, true) },
];

/**
 * An answer whose links are all reference-style, with every definition at the very end (as
 * LLMs cite sources): about 112 KB.
 */
export function referenceAnswer(bytes = 114_000): string {
  const urls: string[] = [];
  const body = answer(bytes, true).replace(
    /\[([^\]]+)\]\(([^)\s]+)\)/g,
    (_, text: string, url: string) => {
      let index = urls.indexOf(url);
      if (index < 0) index = urls.push(url) - 1;
      return `[${text}][${index + 1}]`;
    },
  );
  const cited = body.replace(/(\*\*Note:\*\*[^\n]*)/g, '$1 [Source][sources]');
  const defs = urls.map((url, index) => `[${index + 1}]: ${url}`);
  return `${cited}\n\n${defs.join('\n')}\n[Sources]: https://example.com/sources "All sources"\n`;
}

/** A code-heavy answer of about 18.5 KB: every section has a code block, one of 300 lines. */
export function codeAnswer(): string {
  const parts = [`# Streaming endpoints in five languages\n`, intro(SUBJECTS[0]!)];
  SUBJECTS.forEach((subject, index) => parts.push(snippet(subject, index + 1)));
  parts.push(
    longCodeSection(SUBJECTS.length + 1),
    steps(SUBJECTS[1]!, SUBJECTS.length + 2),
    pitfalls(SUBJECTS[2]!, SUBJECTS.length + 3),
  );
  return parts.join('\n');
}

/** Splits `text` into pieces of `min`..`max` characters, like an LLM's tokens: mid-word, mid-syntax. */
export function pseudoTokens(text: string, seed = 1, min = 3, max = 5): string[] {
  const next = seeded(seed);
  const chars = [...text];
  const tokens: string[] = [];
  for (let i = 0; i < chars.length;) {
    const size = min + Math.floor(next() * (max - min + 1));
    tokens.push(chars.slice(i, i + size).join(''));
    i += size;
  }
  return tokens;
}
