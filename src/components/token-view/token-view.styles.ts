import { css } from 'lit';

// In a long answer (the `long` class), each top-level block skips style, layout and paint while
// it is off screen, and keeps its last size for the scrollbar (`auto`); on screen it is laid out
// on its own, so a growing last block does not lay out the blocks before it. Short answers (most
// chat messages) lay out as usual, which keeps scroll anchoring exact in a list of them.

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
  [part='content'].long > * {
    content-visibility: var(--token-view-content-visibility, auto);
    contain-intrinsic-size: auto 3lh;
  }
  [part='content'] > :first-child {
    margin-top: 0;
  }
  [part='content'] > :last-child {
    margin-bottom: 0;
  }
  table {
    display: block;
    overflow-x: auto;
    border-collapse: collapse;
  }
  th,
  td {
    padding: 0.25em 0.6em;
    border: 1px solid color-mix(in srgb, currentColor 20%, transparent);
  }
  img {
    max-width: 100%;
  }
  [part='code-block'] {
    margin: 1em 0;
    border-radius: var(--sce-radius, 8px);
    background: var(--token-view-code-background, color-mix(in srgb, currentColor 8%, transparent));
  }
  [part='code-header'] {
    display: flex;
    justify-content: space-between;
    padding: 0.3em 0.5em 0 1em;
    font-size: 0.8em;
  }
  pre {
    margin: 0;
    overflow-x: auto;
    padding: 0.75em 1em;
  }
  code {
    font-family: var(--sce-font-family-mono, ui-monospace, SFMono-Regular, Menlo, monospace);
    font-size: 0.9em;
  }
  button {
    font: inherit;
    color: inherit;
    background: none;
    border: 1px solid color-mix(in srgb, currentColor 35%, transparent);
    border-radius: 4px;
    cursor: pointer;
  }
  a[href] {
    color: var(--sce-color-accent, LinkText);
  }
  .status {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
`;
