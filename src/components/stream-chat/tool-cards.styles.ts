import { css } from 'lit';

/** Tool-call cards and the sources list of answers. */
export const toolCardStyles = css`
  .tool-calls {
    display: grid;
    gap: 0.5em;
    margin-block: 0.5em;
  }
  [part~='tool-call'] {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--stream-chat-tool-background, transparent);
    padding: 0.4em 0.75em;
  }
  [part='tool-call-summary'] {
    display: flex;
    gap: 0.75em;
    align-items: baseline;
    width: auto;
  }
  [part='tool-call-name'] {
    font-family: var(--stream-chat-tool-font-family, ui-monospace, monospace);
    font-weight: 600;
  }
  [part='tool-call-status'] {
    color: var(--_muted);
    font-size: 0.875em;
  }
  [part~='tool-call-error'] [part='tool-call-status'],
  [part='tool-call-note'] {
    color: var(--sce-color-danger, light-dark(#b3261e, #ff8a80));
  }
  [part~='tool-call-running'] [part='tool-call-status'] {
    animation: pulse 1s infinite alternate;
  }
  [part~='tool-call'] pre {
    margin: 0.4em 0 0;
    max-height: var(--stream-chat-tool-max-height, 16em);
    overflow: auto;
    font-family: var(--stream-chat-tool-font-family, ui-monospace, monospace);
    font-size: 0.875em;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  [part='tool-call-result'] {
    margin-top: 0.4em;
  }
  [part='sources'] ol {
    margin: 0.5em 0 0;
    padding-inline-start: 1.75em;
    font-size: 0.875em;
  }
  [part='source-link'] {
    color: var(--_accent);
  }
`;
