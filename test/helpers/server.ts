/** Client side of the runner's helper servers (see test/server/plugin.mjs). */

export interface Probe {
  opened: number;
  closed: number;
  finished: number;
}

let probeCounter = 0;

/** A fresh id to tag a request with (`?probe=<id>`) so the server reports what it saw of it. */
export function newProbeId(prefix = 'probe'): string {
  probeCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${probeCounter}`;
}

/** What the server saw of the connections tagged with `id`. */
export async function readProbe(id: string): Promise<Probe> {
  const response = await fetch(`/mock/_probe?id=${encodeURIComponent(id)}`);
  return (await response.json()) as Probe;
}

/** The WebSocket URL of a helper-server path on the runner's origin. */
export function socketUrl(path: string): string {
  const url = new URL(path, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}
