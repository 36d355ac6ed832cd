import { css } from 'lit';

export const tokenViewStyles = css`
  :host {
    display: block;
    font-family: var(--sce-font-family, system-ui, sans-serif);
    line-height: var(--sce-line-height, 1.55);
    color: var(--sce-color-text, inherit);
    overflow-wrap: anywhere;
  }
  :host([hidden]) {
    display: none;
  }
  [part='content'] > :first-child {
    margin-top: 0;
  }
  [part='content'] > :last-child {
    margin-bottom: 0;
  }
  pre {
    overflow-x: auto;
    padding: 0.75em 1em;
    border-radius: var(--sce-radius, 8px);
    background: var(--token-view-code-background, color-mix(in srgb, currentColor 8%, transparent));
  }
  code {
    font-family: var(--sce-font-family-mono, ui-monospace, SFMono-Regular, Menlo, monospace);
    font-size: 0.9em;
  }
  a {
    color: var(--sce-color-accent, LinkText);
  }
`;
