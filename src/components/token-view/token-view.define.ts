import { TokenView } from './token-view.js';

TokenView.define();

declare global {
  interface HTMLElementTagNameMap {
    'token-view': TokenView;
  }
}
