import { describe, expect, it } from 'vitest';
import { RETRY_BASE_MS, RETRY_MAX_MS, retryDelay } from '../../src/sync/backoff';

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
});
