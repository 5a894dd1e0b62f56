/** Remembers keys for a while, to drop what was already handled; a shared store can stand in for this one. */
export type Dedupe = {
  /** True the first time `key` is seen within `ttlMs`; false for a repeat. Marks it seen either way. */
  firstSeen: (key: string, ttlMs: number) => Promise<boolean>;
};

/** An in-process store: each key expires after its ttl, and past `maxKeys` the oldest are forgotten. */
export function createMemoryDedupe(maxKeys: number, now: () => number = Date.now): Dedupe {
  // Key → when it expires; the map's order is insertion order, oldest first.
  const expiries = new Map<string, number>();
  const prune = (at: number) => {
    // Cheap and usual: the oldest entries are the first to expire.
    for (const [key, expires] of expiries) {
      if (expires > at) break;
      expiries.delete(key);
    }
    if (expiries.size <= maxKeys) return;
    // Over the bound: dead keys go first (ttls differ), then the oldest live ones.
    for (const [key, expires] of expiries) if (expires <= at) expiries.delete(key);
    for (const key of expiries.keys()) {
      if (expiries.size <= maxKeys) break;
      expiries.delete(key);
    }
  };
  return {
    async firstSeen(key, ttlMs) {
      const at = now();
      const expires = expiries.get(key);
      if (expires !== undefined && expires > at) return false;
      expiries.delete(key);
      expiries.set(key, at + Math.max(0, ttlMs));
      prune(at);
      return true;
    },
  };
}
