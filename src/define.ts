import './components/token-view/token-view.define.js';
import './components/stream-chat/stream-chat.define.js';
import './components/stop-button/stop-button.define.js';
