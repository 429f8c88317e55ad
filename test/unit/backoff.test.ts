import { describe, expect, it, vi } from 'vitest';
import { RETRY_BASE_MS, RETRY_MAX_MS, RetryGate, retryDelay } from '../../src/sync/backoff';

describe('retry backoff while offline', () => {
  it('doubles the ceiling with each failure up to five minutes', () => {
    const highest = (failures: number) => retryDelay(failures, () => 1);
    expect([1, 2, 3, 4].map(highest)).toEqual([
      RETRY_BASE_MS,
      2 * RETRY_BASE_MS,
      4 * RETRY_BASE_MS,
      8 * RETRY_BASE_MS,
    ]);
    expect(highest(30)).toBe(RETRY_MAX_MS);
  });

  it('spreads retries between half the ceiling and the ceiling', () => {
    expect(retryDelay(3, () => 0)).toBe(2 * RETRY_BASE_MS);
    const delays = new Set(Array.from({ length: 50 }, () => retryDelay(3)));
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(2 * RETRY_BASE_MS);
      expect(delay).toBeLessThanOrEqual(4 * RETRY_BASE_MS);
    }
    expect(delays.size).toBeGreaterThan(1);
  });

  it('holds requests back after a failure until the delay passes or the gate is opened early', async () => {
    // Fake timers: the test reads whether the gate let a request through at a given moment, so it
    // fails on a wrong answer rather than on a slow machine.
    vi.useFakeTimers();
    try {
      const gate = new RetryGate(() => 60_000);
      await gate.passage();
      gate.failed();
      let passed = false;
      const waiting = gate.passage().then(() => (passed = true));
      await vi.advanceTimersByTimeAsync(59_999);
      expect(passed).toBe(false);
      gate.open();
      await waiting;
      expect(passed).toBe(true);

      gate.failed();
      let afterDelay = false;
      void gate.passage().then(() => (afterDelay = true));
      await vi.advanceTimersByTimeAsync(59_999);
      expect(afterDelay).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(afterDelay).toBe(true);

      gate.failed();
      gate.succeeded();
      let atOnce = false;
      void gate.passage().then(() => (atOnce = true));
      await vi.advanceTimersByTimeAsync(0);
      expect(atOnce).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
