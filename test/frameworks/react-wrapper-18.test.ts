import { chatPanelSuite } from './chat-panel-suite.js';

describe('stream-chat-elements/react with React 18 (examples/react)', () => {
  chatPanelSuite({ app: 'react-wrapper-18', framework: /^React 18\./ });
});
