import { css } from 'lit';

// light-dark() follows color-scheme, which the `theme` attribute sets: switching is live and
// needs no re-render. Finished messages skip layout and paint while off screen.
export const streamChatStyles = css`
  :host {
    --_fg: var(--sce-color-text, light-dark(#1c1e21, #e6e8eb));
    --_muted: var(--sce-color-muted, light-dark(#596070, #a3a9b6));
    --_surface: var(--sce-color-surface, light-dark(#eef1f5, #262a31));
    --_border: var(--sce-color-border, light-dark(#d3d8e0, #3a3f49));
    --_accent: var(--sce-color-accent, light-dark(#2456d3, #8fb0ff));
    --_radius: var(--sce-radius, 12px);
    --_gap: var(--sce-spacing, 0.75rem);
    color-scheme: light dark;
    display: flex;
    flex-direction: column;
    height: 32rem;
    background: var(--sce-color-background, light-dark(#fff, #16181d));
    color: var(--_fg);
    font-family: var(--sce-font-family, system-ui, sans-serif);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  .body {
    position: relative;
    flex: 1;
    display: flex;
    min-height: 0;
  }
  [part='messages'] {
    flex: 1;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: var(--_gap);
  }
  .list {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    max-width: var(--sce-max-width, 48rem);
    margin: auto;
  }
  [part~='message']:not([aria-busy]) {
    content-visibility: auto;
    contain-intrinsic-size: auto 3em;
  }
  [part~='user-message'] {
    align-self: end;
    max-width: 85%;
    padding: 0.5em 0.85em;
    border-radius: var(--_radius);
    background: var(--_surface);
    overflow-wrap: anywhere;
  }
  [part~='user-message'] .text {
    white-space: pre-wrap;
  }
  [part='reasoning'],
  [part='stopped'],
  [part='empty'] {
    color: var(--_muted);
  }
  summary {
    cursor: pointer;
    width: fit-content;
  }
  [part='typing'] {
    animation: pulse 1s infinite alternate;
  }
  @keyframes pulse {
    from {
      opacity: 0.3;
    }
  }
  [part='empty'] {
    text-align: center;
  }
  [part='jump-button'] {
    position: absolute;
    bottom: var(--_gap);
    left: 50%;
    translate: -50%;
    box-shadow: 0 2px 8px #0003;
  }
  [part='error'] {
    display: flex;
    align-items: center;
    gap: var(--_gap);
    color: var(--sce-color-danger, light-dark(#b3261e, #ff8a80));
  }
  .on {
    padding: 0.5em var(--_gap);
    border-top: 1px solid var(--_border);
  }
  [part='composer'] {
    display: flex;
    align-items: end;
    gap: 0.5em;
    padding: var(--_gap);
    border-top: 1px solid var(--_border);
  }
  [part='input'] {
    flex: 1;
    box-sizing: border-box;
    field-sizing: content;
    max-height: var(--stream-chat-input-max-height, 12em);
    resize: none;
    padding: 0.5em 0.75em;
    font: inherit;
    color: inherit;
    background: transparent;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  ::placeholder {
    color: var(--_muted);
  }
  button {
    font: inherit;
    padding: 0.5em 1em;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  [part='send-button'] {
    color: var(--sce-color-on-accent, light-dark(#fff, #0b1020));
    background: var(--_accent);
    border-color: transparent;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  :focus-visible {
    outline: 2px solid var(--sce-color-focus, var(--_accent));
    outline-offset: 2px;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    [part='typing'] {
      animation: none;
    }
  }
`;
