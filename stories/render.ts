// Renders an element for a story from its args: every control the custom-elements manifest
// produced sets the matching property, and every event reaches the Actions panel.

type Args = Record<string, unknown>;

/** Creates `tag`, applies `args` as properties and listens for the events the args name. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  args: Args,
  setup: (element: HTMLElementTagNameMap[K]) => void = () => {},
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  for (const [key, value] of Object.entries(args)) {
    const event = /^on([A-Z].*-.*)$/.exec(key)?.[1];
    if (event && typeof value === 'function') {
      created.addEventListener(
        event.charAt(0).toLowerCase() + event.slice(1),
        value as EventListener,
      );
    } else if (value !== undefined && key in created) {
      (created as unknown as Args)[key] = value;
    }
  }
  setup(created);
  return created;
}

/** Waits a moment, as a user would between actions. */
export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
