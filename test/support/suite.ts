import { afterAll, beforeAll, expect } from 'vitest';

/**
 * Starts something before a suite and stops it after; `stop` returns what the stand-in saw but should
 * not have (unexpected routes), and the suite fails unless that is empty. The returned object stands
 * for the started thing once the suite runs.
 */
export function useStarted<T extends object>(start: () => Promise<T>, stop: (t: T) => Promise<string[]>): T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    if (started) expect(await stop(started)).toEqual([]);
  });
  return new Proxy<T>(Object.create(null) as T, {
    get(_, key) {
      if (!started) throw new Error('used before the suite started it');
      return Reflect.get(started, key);
    },
  });
}
