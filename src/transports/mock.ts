import { sleep } from './sleep.js';
import type { ChatRequest, ChatTransport, StreamError, StreamPart } from './transport.js';

/** A scripted step: a part to emit, an error to throw, or a pause. */
export type MockStep =
  StreamPart | { type: 'error'; error: StreamError } | { type: 'wait'; ms: number };

export interface MockTransportOptions {
  /** The steps of one reply, or a function choosing them from the request. */
  script: MockStep[] | ((request: ChatRequest) => MockStep[]);
  /** Pause before each part, in milliseconds (default 0: one macrotask). */
  delay?: number;
}

/**
 * An in-memory transport for stories, demos and element tests: it replays scripted parts
 * with optional delays and honours the abort signal at every step.
 */
export function mockTransport(options: MockTransportOptions): ChatTransport {
  return {
    async *stream(request, { signal, onOpen }) {
      onOpen?.();
      const steps = typeof options.script === 'function' ? options.script(request) : options.script;
      for (const step of steps) {
        if (step.type === 'wait') {
          await sleep(step.ms, signal);
          continue;
        }
        await sleep(options.delay ?? 0, signal);
        if (step.type === 'error') throw step.error;
        yield step;
      }
    },
  };
}

/** Splits text into pseudo-LLM tokens of a few characters and scripts them as text parts. */
export function textSteps(text: string, tokenLength = 4): MockStep[] {
  const steps: MockStep[] = [];
  for (let i = 0; i < text.length; i += tokenLength) {
    steps.push({ type: 'text', text: text.slice(i, i + tokenLength) });
  }
  steps.push({ type: 'finish', reason: 'stop' });
  return steps;
}
