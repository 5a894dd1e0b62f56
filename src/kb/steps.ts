/**
 * Work written as a generator that yields between chunks: start-up runs it straight through, a reload runs
 * it a slice at a time so the chat clients' sockets are served in between.
 */
export type Steps<T> = Generator<void, T, void>;

/** How long a step may run: items differ a hundredfold in cost, so steps are cut by time, not by count. */
const STEP_MS = 1;
// The clock is read every few items, which keeps its cost out of cheap loops.
const CLOCK_EVERY = 16;

/** Calls `each` for every item, yielding whenever about STEP_MS has passed since the last yield. */
export function* eachStep<T>(items: Iterable<T>, each: (item: T) => void): Steps<void> {
  let since = performance.now();
  let n = 0;
  for (const item of items) {
    each(item);
    if (++n % CLOCK_EVERY === 0 && performance.now() - since >= STEP_MS) {
      yield;
      since = performance.now();
    }
  }
}

/** Runs steps to the end without yielding to the event loop. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs steps in slices of about `sliceMs`, letting the event loop run between slices. */
export async function runStepsAsync<T>(steps: Steps<T>, sliceMs = 8): Promise<T> {
  let until = performance.now() + sliceMs;
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() >= until) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      until = performance.now() + sliceMs;
    }
  }
}
