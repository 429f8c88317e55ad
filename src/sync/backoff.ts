/**
 * Retry delays while the server cannot be reached: exponential with "equal jitter", so a phone
 * offline for hours does not wake its radio every few seconds and a crowd of phones coming back
 * online together does not hit the server in lockstep.
 */
export const RETRY_BASE_MS = 5_000;
export const RETRY_MAX_MS = 5 * 60_000;

/** Delay before retry number `failures` (1 for the first retry). */
export function retryDelay(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
