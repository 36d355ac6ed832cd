import { chatPanelSuite } from './chat-panel-suite.js';

describe('Svelte 5 (examples/svelte)', () => {
  chatPanelSuite({
    app: 'svelte',
    framework: /^Svelte 5\./,
    messages: [{ role: 'assistant', content: 'Hi! Ask me anything.' }],
  });
});
