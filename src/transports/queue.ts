/**
 * A queue between event callbacks (socket messages, aborts) and an async loop: `next(ms)`
 * gives the oldest item, waiting for one at most `ms` milliseconds (0: no limit), and gives
 * `undefined` when the time ran out. No timer outlives the wait.
 */
export function eventQueue<T>() {
  const items: T[] = [];
  let wake: (() => void) | undefined;
  return {
    push(item: T) {
      items.push(item);
      wake?.();
    },
    async next(ms: number): Promise<T | undefined> {
      if (!items.length) {
        await new Promise<void>((resolve) => {
          const timer = ms > 0 ? setTimeout(resolve, ms) : undefined;
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
      return items.shift();
    },
  };
}
