// Every story gets the registered elements, and controls and docs from the custom-elements
// manifest (attributes, properties, events, slots, CSS parts and custom properties).
import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import manifest from 'virtual:custom-elements-manifest';
import 'stream-chat-elements/define';

setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    controls: { expanded: true },
    layout: 'padded',
  },
};

export default preview;
