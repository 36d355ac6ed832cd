import { css } from 'lit';

export const stopButtonStyles = css`
  :host {
    display: inline-block;
  }
  :host([hidden]) {
    display: none;
  }
  button {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    font: inherit;
    font-family: var(--sce-font-family, system-ui, sans-serif);
    padding: 0.4em 0.8em;
    border-radius: var(--sce-radius, 8px);
    border: 1px solid var(--sce-color-border, currentColor);
    background: var(--stop-button-background, transparent);
    color: inherit;
    cursor: pointer;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button:focus-visible {
    outline: 2px solid var(--sce-color-focus, Highlight);
    outline-offset: 2px;
  }
  .icon {
    width: 0.75em;
    height: 0.75em;
    background: currentColor;
    border-radius: 2px;
  }
`;
