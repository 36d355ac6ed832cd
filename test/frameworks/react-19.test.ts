import { chatPanelSuite } from './chat-panel-suite.js';

describe('React 19 without a wrapper (examples/react-19)', () => {
  chatPanelSuite({
    app: 'react-19',
    framework: /^React 19\./,
    messages: [{ role: 'assistant', content: 'Hi! Ask me anything.' }],
  });
});
