import { chatPanelSuite } from './chat-panel-suite.js';

describe('stream-chat-elements/react with React 19 (examples/react)', () => {
  chatPanelSuite({ app: 'react-wrapper-19', framework: /^React 19\./ });
});
