import type { ChatTransport, mockTransport, StreamError } from '../../src/index.js';

/**
 * What each bundle at /mock/frameworks/app/<name>.js exports (see test/server/routes/frameworks.mjs):
 * one example from examples/ mounted by its framework, plus the kit's test helpers from the same
 * bundle, so the errors and transports the test makes are the classes the elements know.
 */
export interface FrameworkApp {
  /** The framework and the version that really runs, e.g. `React 18.3.1`. */
  readonly framework: string;
  /** Renders the example's `ChatPanel` into `container`; resolves once it is in the DOM. */
  mount(container: HTMLElement, transport: ChatTransport): Promise<() => void>;
  readonly mockTransport: typeof mockTransport;
  readonly StreamError: typeof StreamError;
}

export async function loadApp(name: string): Promise<FrameworkApp> {
  const url = `/mock/frameworks/app/${name}.js`;
  return (await import(url)) as FrameworkApp;
}
