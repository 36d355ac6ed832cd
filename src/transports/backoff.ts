/** Exponential backoff with equal jitter: half the delay is fixed, half random, so that many clients do not retry in step. */
export function backoff(attempt: number, base: number, cap: number): number {
  return Math.min(cap, base * 2 ** attempt) * (0.5 + Math.random() / 2);
}
