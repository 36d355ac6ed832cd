import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ToolCall } from '../../transports/transport.js';
import type { ToolStrings } from './tool-cards.strings.js';

/** Arguments as indented JSON once they parse; as the model wrote them while they stream or when they never do. */
function formatArgs(args: string): { text: string; valid: boolean } {
  if (!args.trim()) return { text: '{}', valid: true };
  try {
    return { text: JSON.stringify(JSON.parse(args), null, 2), valid: true };
  } catch {
    return { text: args, valid: false };
  }
}

/** A result as text: strings as they are, anything else as indented JSON. Never HTML. */
function formatResult(result: unknown): string {
  return typeof result === 'string' ? result : (JSON.stringify(result, null, 2) ?? String(result));
}

function card(call: ToolCall, s: ToolStrings) {
  const status = call.status ?? 'done';
  const args = formatArgs(call.args);
  const label = { running: s.toolRunning, done: s.toolDone, error: s.toolFailed }[status];
  return html`<details part="tool-call tool-call-${status}" open>
    <summary part="tool-call-summary">
      <span part="tool-call-name">${call.name}</span>
      <span part="tool-call-status">${label}</span>
      ${
        status === 'running'
          ? html`<span class="sr"
              >${s.toolRunningAnnouncement.replaceAll('{name}', call.name)}</span
            >`
          : nothing
      }
    </summary>
    <pre
      part="tool-call-args"
      tabindex="0"
      aria-label=${s.toolArguments}
    ><code>${args.text}</code></pre>
    ${
      !args.valid && status !== 'running'
        ? html`<small part="tool-call-note">${s.toolInvalidArguments}</small>`
        : nothing
    }
    ${
      'result' in call
        ? html`<details part="tool-call-result">
            <summary>${s.toolResult}</summary>
            <pre
              tabindex="0"
              aria-label=${s.toolResult}
            ><code>${formatResult(call.result)}</code></pre>
          </details>`
        : nothing
    }
  </details>`;
}

/**
 * The tool calls of an answer as collapsible cards: name, status, the arguments as formatted
 * JSON (growing while they stream), the result collapsed. Everything is text: nothing the
 * model or a tool wrote is rendered as HTML.
 */
export function toolCards(calls: readonly ToolCall[] | undefined, s: ToolStrings) {
  if (!calls?.length) return nothing;
  return html`<div class="tool-calls">
    ${repeat(
      calls,
      (call) => call.id,
      (call) => card(call, s),
    )}
  </div>`;
}
