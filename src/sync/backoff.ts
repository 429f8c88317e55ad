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

/**
 * The backoff between failed requests, as a gate every pull and push passes before it goes out.
 * Unlike a timer inside RxDB, the gate can be opened early: when the network comes back, the app
 * becomes visible or the user taps "Sync now", the next attempt goes out at once.
 */
export class RetryGate {
  private failures = 0;
  private openAt = 0;
  private waiters = new Set<() => void>();

  constructor(
    private readonly delay: (failures: number) => number = retryDelay,
    private readonly now: () => number = Date.now,
  ) {}

  failed(): void {
    this.failures += 1;
    this.openAt = this.now() + this.delay(this.failures);
  }

  succeeded(): void {
    this.failures = 0;
    this.openAt = 0;
  }

  /** Let the next attempt go now. */
  open(): void {
    this.failures = 0;
    this.openAt = 0;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /** Resolves when the backoff after the last failure has passed, or when opened early. */
  async passage(): Promise<void> {
    const wait = this.openAt - this.now();
    if (wait <= 0) return;
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, wait);
      this.waiters.add(wake);
    });
  }
}
