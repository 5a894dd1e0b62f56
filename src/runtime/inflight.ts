/** Tracks answers being worked on, so a shutdown can stop taking new work and wait for the rest. */
export type Inflight = {
  /** Runs `work` unless shutting down; returns undefined (and does nothing) once closed. */
  run: <T>(work: () => Promise<T>) => Promise<T | undefined>;
  /** Stops taking new work. */
  close: () => void;
  /** Resolves when nothing is in flight, or after `timeoutMs`; true when everything finished. */
  drain: (timeoutMs: number) => Promise<boolean>;
  count: () => number;
  isClosed: () => boolean;
};

export function createInflight(): Inflight {
  const pending = new Set<Promise<unknown>>();
  let closed = false;
  return {
    async run(work) {
      if (closed) return undefined;
      const p = work();
      pending.add(p);
      try {
        return await p;
      } finally {
        pending.delete(p);
      }
    },
    close() {
      closed = true;
    },
    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (pending.size > 0 && Date.now() < deadline) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        });
        await Promise.race([Promise.allSettled([...pending]), timeout]);
        clearTimeout(timer);
      }
      return pending.size === 0;
    },
    count: () => pending.size,
    isClosed: () => closed,
  };
}
