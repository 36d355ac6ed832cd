import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { ANSWER, ARABIC_HISTORY, HOSTILE, IMAGE, MATH_AND_DIAGRAMS } from './fixtures.js';
import { element, pause } from './render.js';

type Story = StoryObj;

/** A token view showing `text` at once. */
const showing = (text: string) =>
  ((args: Record<string, unknown>) =>
    element('token-view', args, (view) => {
      view.text = text;
    })) satisfies Story['render'];

const meta: Meta = {
  title: 'Elements/token-view',
  component: 'token-view',
  render: showing(ANSWER),
};
export default meta;

export const Rendered: Story = {};

export const Streaming: Story = {
  render: (args) => element('token-view', args),
  play: async ({ canvasElement }) => {
    const view = canvasElement.querySelector('token-view');
    if (!view) return;
    // Writes the answer a few characters at a time, as tokens arrive from a model.
    for (let index = 0; index < ANSWER.length && view.isConnected; index += 4) {
      view.write(ANSWER.slice(index, index + 4));
      await pause(25);
    }
    view.end();
  },
};

export const Dark: Story = {
  globals: { backgrounds: { value: 'dark' } },
  render: (args) => {
    const view = showing(ANSWER)(args);
    view.style.colorScheme = 'dark';
    view.style.color = '#e6e8eb';
    return view;
  },
};

export const RightToLeft: Story = {
  name: 'Right to left',
  args: { dir: 'rtl', lang: 'ar' },
  render: showing(ARABIC_HISTORY[1]!.content),
};

export const ImagePlaceholder: Story = {
  name: 'Image placeholder',
  render: showing(IMAGE),
};

export const HostileContent: Story = {
  name: 'Hostile content, rendered safely',
  render: showing(HOSTILE),
};

export const MathAndDiagrams: Story = {
  name: 'Math and diagrams',
  render: (args) => element('token-view', args),
  play: async ({ canvasElement }) => {
    const view = canvasElement.querySelector('token-view');
    if (!view) return;
    // Formulas show as quiet source until complete; the diagram is drawn once its block ends.
    for (let index = 0; index < MATH_AND_DIAGRAMS.length && view.isConnected; index += 3) {
      view.write(MATH_AND_DIAGRAMS.slice(index, index + 3));
      await pause(20);
    }
    view.end();
  },
};

export const MathAndDiagramsDark: Story = {
  name: 'Math and diagrams, dark',
  globals: { backgrounds: { value: 'dark' } },
  render: (args) => {
    const view = showing(MATH_AND_DIAGRAMS)(args);
    view.style.colorScheme = 'dark';
    view.style.color = '#e6e8eb';
    return view;
  },
};
