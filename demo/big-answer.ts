// The standalone <token-view> section: a 100 KB answer streamed over SSE at a high pace, with a
// live readout of tokens/s and of the time between animation frames (how smooth it stays).
import { sseTransport, type TokenView } from 'stream-chat-elements';

const READOUT_INTERVAL_MS = 250;

export function setUpBigAnswer(root: ParentNode): void {
  const view = root.querySelector<TokenView>('#big-view')!;
  const start = root.querySelector<HTMLButtonElement>('#big-start')!;
  const stop = root.querySelector<HTMLButtonElement>('#big-stop')!;
  const rate = root.querySelector<HTMLSelectElement>('#big-rate')!;
  const show = (id: string, value: string) => {
    root.querySelector(`#${id}`)!.textContent = value;
  };
  let controller: AbortController | undefined;

  stop.addEventListener('click', () => controller?.abort());
  start.addEventListener('click', async () => {
    controller?.abort();
    const run = new AbortController();
    controller = run;
    start.disabled = true;
    stop.disabled = false;
    view.reset();
    const transport = sseTransport({
      url: `/v1/chat/completions?rate=${rate.value}`,
      protocol: 'openai',
    });
    const frames = frameMeter();
    let tokens = 0;
    let chars = 0;
    const began = performance.now();
    const update = () => {
      const seconds = (performance.now() - began) / 1000;
      show('big-tokens', tokens.toLocaleString('en'));
      show('big-rate-now', seconds > 0 ? Math.round(tokens / seconds).toLocaleString('en') : '0');
      show('big-size', (chars / 1000).toFixed(1));
      show('big-frame', frames.average().toFixed(1));
      show('big-worst', frames.worst().toFixed(0));
    };
    const timer = setInterval(update, READOUT_INTERVAL_MS);
    try {
      const request = { messages: [{ role: 'user' as const, content: '/huge 100kb' }] };
      for await (const part of transport.stream(request, { signal: run.signal })) {
        if (part.type !== 'text') continue;
        tokens += 1;
        chars += part.text.length;
        view.write(part.text);
      }
    } catch (error) {
      if (!run.signal.aborted) view.write(`\n\n> **Stream failed:** ${String(error)}\n`);
    } finally {
      view.end();
      await view.updateComplete;
      clearInterval(timer);
      frames.stop();
      update();
      if (controller === run) {
        start.disabled = false;
        stop.disabled = true;
      }
    }
  });
}

/** Measures the gaps between animation frames while it runs. */
function frameMeter() {
  const gaps: number[] = [];
  let last = performance.now();
  let handle = requestAnimationFrame(function tick(now) {
    gaps.push(now - last);
    last = now;
    handle = requestAnimationFrame(tick);
  });
  const recent = () => gaps.slice(-60);
  return {
    average: () => {
      const window = recent();
      return window.length === 0 ? 0 : window.reduce((sum, gap) => sum + gap, 0) / window.length;
    },
    worst: () => Math.max(0, ...gaps),
    stop: () => cancelAnimationFrame(handle),
  };
}
