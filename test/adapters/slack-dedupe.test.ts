import { describe, expect, test } from 'vitest';
import { createMemoryDedupe } from '../../src/runtime/dedupe.ts';

// The store behind the Slack adapter's replay checks; a shared (Redis) store must behave the same.

describe('the in-memory de-duplication store', () => {
  test('sees a key first once, then reports repeats until its ttl has passed', async () => {
    let now = 1_000;
    const dedupe = createMemoryDedupe(10, () => now);
    expect(await dedupe.firstSeen('a', 500)).toBe(true);
    expect(await dedupe.firstSeen('a', 500)).toBe(false);
    expect(await dedupe.firstSeen('b', 500)).toBe(true);
    now += 499;
    expect(await dedupe.firstSeen('a', 500)).toBe(false);
    now += 1;
    expect(await dedupe.firstSeen('a', 500)).toBe(true);
    expect(await dedupe.firstSeen('a', 500)).toBe(false);
  });

  test('keeps at most maxKeys: past that the oldest are forgotten, the newest kept', async () => {
    const dedupe = createMemoryDedupe(3, () => 0);
    for (const key of ['k1', 'k2', 'k3', 'k4', 'k5']) expect(await dedupe.firstSeen(key, 60_000)).toBe(true);
    for (const key of ['k3', 'k4', 'k5']) expect(await dedupe.firstSeen(key, 60_000)).toBe(false);
    expect(await dedupe.firstSeen('k1', 60_000)).toBe(true);
    // k1 came back as the newest, so k3 (now the oldest) made room for it.
    expect(await dedupe.firstSeen('k3', 60_000)).toBe(true);
  });

  test('forgets expired keys first, so the bound never pushes out a live one while dead ones remain', async () => {
    let now = 0;
    const dedupe = createMemoryDedupe(2, () => now);
    expect(await dedupe.firstSeen('long', 1_000)).toBe(true);
    expect(await dedupe.firstSeen('short', 10)).toBe(true);
    now = 20;
    expect(await dedupe.firstSeen('next', 1_000)).toBe(true);
    expect(await dedupe.firstSeen('long', 1_000)).toBe(false);
    expect(await dedupe.firstSeen('next', 1_000)).toBe(false);
  });
});
