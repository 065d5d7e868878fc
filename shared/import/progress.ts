/** Lines between two pauses: small enough to keep a page responsive, large enough to cost nothing. */
export const PAUSE_EVERY = 4096;

/** Lets the event loop run (rendering, input) in the middle of long work. */
export function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export type OnProgress = (done: number, total: number) => void;
