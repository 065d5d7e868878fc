/** How long one slice of work may hold the page before it lets the browser paint and take keys. */
const SLICE_MS = 12;
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Calls `step` for 0 … count-1 in slices of about SLICE_MS, so that typing stays smooth while a large batch is
 * searched, and says how far it is (`onProgress(done, count)`) between slices and at the end. Returns false,
 * at once, when `isCurrent` says the work is no longer wanted (a newer query).
 */
export async function inSlices(count: number, step: (i: number) => void, isCurrent: () => boolean, onProgress: (done: number, count: number) => void): Promise<boolean> {
  let sliceStart = performance.now();
  for (let i = 0; i < count; i += 1) {
    if (performance.now() - sliceStart > SLICE_MS) {
      onProgress(i, count);
      await pause();
      if (!isCurrent()) return false;
      sliceStart = performance.now();
    }
    step(i);
  }
  onProgress(count, count);
  return true;
}
