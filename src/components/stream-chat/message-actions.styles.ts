import { css } from 'lit';

// The row under each message is faded out until the message is hovered or something in it is
// focused; it stays in the tab order, so keyboard users find it. Touch screens have no hover:
// there it is always shown, as it is under the last message and on turns with versions.
export const messageActionsStyles = css`
  [part~='message-actions'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--stream-chat-actions-gap, 0.125rem);
    /* A negative margin to pull it closer would upset pinning the list to its bottom. */
    margin-block-start: 0;
    color: var(--stream-chat-action-color, var(--_muted));
    opacity: 0;
    transition: opacity 0.15s;
  }
  [part~='message-actions'].user {
    align-self: end;
  }
  [part~='message']:hover + [part~='message-actions'],
  [part~='message-actions']:hover,
  [part~='message-actions']:focus-within,
  [part~='message-actions'].versioned,
  [part~='message-actions']:last-child {
    opacity: 1;
  }
  @media (hover: none) {
    [part~='message-actions'] {
      opacity: 1;
    }
  }
  [part~='action-button'] {
    display: inline-grid;
    place-items: center;
    padding: 0.3rem;
    color: inherit;
    background: transparent;
    border: 0;
    border-radius: calc(var(--_radius) / 2);
  }
  [part~='action-button']:hover:not(:disabled, [aria-disabled='true']) {
    color: var(--_fg);
    background: var(--stream-chat-action-hover-background, var(--_surface));
  }
  [part~='action-button'][aria-pressed='true'] {
    color: var(--stream-chat-action-active-color, var(--_accent));
  }
  [part~='action-button'][aria-disabled='true'] {
    opacity: 0.5;
    cursor: default;
  }
  .icon {
    width: var(--stream-chat-action-size, 1rem);
    height: var(--stream-chat-action-size, 1rem);
  }
  [aria-pressed='true'] .icon {
    fill: currentColor;
    fill-opacity: 0.2;
  }
  :host(:dir(rtl)) .flip {
    scale: -1 1;
  }
  [part='versions'] {
    display: inline-flex;
    align-items: center;
    font-size: 0.875em;
    font-variant-numeric: tabular-nums;
  }
  [part~='user-message']:has([part='editor']) {
    align-self: stretch;
    max-width: none;
  }
  [part='editor'] {
    display: flex;
    flex-direction: column;
    gap: 0.5em;
  }
  [part='editor-input'] {
    box-sizing: border-box;
    width: 100%;
    field-sizing: content;
    min-height: 3lh;
    max-height: var(--stream-chat-input-max-height, 12em);
    resize: vertical;
    padding: 0.5em 0.75em;
    font: inherit;
    color: inherit;
    background: var(--sce-color-background, light-dark(#fff, #16181d));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .editor-buttons {
    display: flex;
    justify-content: end;
    gap: 0.5em;
  }
  [part='editor-send-button'] {
    color: var(--sce-color-on-accent, light-dark(#fff, #0b1020));
    background: var(--_accent);
    border-color: transparent;
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='message-actions'] {
      transition: none;
    }
  }
`;
