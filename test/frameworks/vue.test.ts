import { chatPanelSuite } from './chat-panel-suite.js';

describe('Vue 3 (examples/vue)', () => {
  chatPanelSuite({
    app: 'vue',
    framework: /^Vue 3\./,
    messages: [{ role: 'assistant', content: 'Hi! Ask me anything.' }],
  });
});
