import { css } from 'lit';

export const streamChatStyles = css`
  :host {
    --_bg: var(--sce-color-background, Canvas);
    --_fg: var(--sce-color-text, CanvasText);
    --_accent: var(--sce-color-accent, #2563eb);
    --_border: var(--sce-color-border, color-mix(in srgb, CanvasText 18%, transparent));
    display: flex;
    flex-direction: column;
    min-height: 16rem;
    color-scheme: light dark;
    background: var(--_bg);
    color: var(--_fg);
    font-family: var(--sce-font-family, system-ui, sans-serif);
    border: 1px solid var(--_border);
    border-radius: var(--sce-radius, 12px);
    overflow: hidden;
  }
  :host([hidden]) {
    display: none;
  }
  [part='messages'] {
    flex: 1;
    overflow-y: auto;
    padding: 1rem;
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
  }
  [part~='message'] {
    max-width: 100%;
  }
  [part~='user-message'] {
    align-self: flex-end;
    background: color-mix(in srgb, var(--_accent) 12%, transparent);
    padding: 0.5rem 0.75rem;
    border-radius: var(--sce-radius, 12px);
    white-space: pre-wrap;
  }
  [part='error'] {
    color: var(--sce-color-danger, #b91c1c);
  }
  [part='composer'] {
    display: flex;
    gap: 0.5rem;
    padding: 0.75rem;
    border-top: 1px solid var(--_border);
  }
  [part='input'] {
    flex: 1;
    font: inherit;
    resize: none;
    padding: 0.5rem;
    border-radius: var(--sce-radius, 8px);
    border: 1px solid var(--_border);
    background: transparent;
    color: inherit;
  }
  [part='send-button'] {
    font: inherit;
    padding: 0.5rem 1rem;
    border-radius: var(--sce-radius, 8px);
    border: 0;
    background: var(--_accent);
    color: #fff;
    cursor: pointer;
  }
  [part='send-button']:disabled {
    opacity: 0.5;
    cursor: default;
  }
  :focus-visible {
    outline: 2px solid var(--sce-color-focus, var(--_accent));
    outline-offset: 2px;
  }
`;
