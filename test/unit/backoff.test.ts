import { describe, expect, it } from 'vitest';
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
    const gate = new RetryGate(() => 60_000);
    await gate.passage();
    gate.failed();
    let passed = false;
    const waiting = gate.passage().then(() => (passed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(passed).toBe(false);
    gate.open();
    await waiting;
    expect(passed).toBe(true);

    gate.failed();
    gate.succeeded();
    const started = Date.now();
    await gate.passage();
    expect(Date.now() - started).toBeLessThan(50);
  });
});
