import { chatPanelSuite } from './chat-panel-suite.js';

describe('Angular (examples/angular, compiled ahead of time by ngc)', () => {
  chatPanelSuite({
    app: 'angular',
    framework: /^Angular 21\./,
    messages: [{ role: 'assistant', content: 'Hi! Ask me anything.' }],
    // ngc compiles the example first (a few seconds on an idle machine).
    bundleTimeout: 120_000,
  });
});
