import { StopButton } from './stop-button.js';

StopButton.define();

declare global {
  interface HTMLElementTagNameMap {
    'stop-button': StopButton;
  }
}
