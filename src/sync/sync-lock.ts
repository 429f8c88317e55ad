/**
 * One replication of a device database at a time, across the page and the service worker (Web
 * Locks). Open windows hold the lock shared for as long as they replicate; a background pass
 * takes it exclusively and only when it is free. A window that opens during a background pass
 * waits for the pass to end, and the pass gives way between collections once a window waits.
 * Where the browser has no Web Locks every replication runs at once, as it would without this.
 */

export function syncLockName(databaseName: string): string {
  return `fieldbook-sync:${databaseName}`;
}

function locks(): LockManager | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.locks;
}

export interface SharedSyncLock {
  /** Resolves once this window may replicate. */
  ready: Promise<void>;
  release(): void;
}

/** The page's hold on the lock: shared with other windows, exclusive of a background pass. */
export function holdSyncLock(name: string): SharedSyncLock {
  const manager = locks();
  if (!manager) return { ready: Promise.resolve(), release: () => undefined };
  let release: () => void = () => undefined;
  let released = false;
  const held = new Promise<void>((resolve) => (release = resolve));
  const ready = new Promise<void>((granted) => {
    manager
      .request(name, { mode: 'shared' }, () => {
        granted();
        return held;
      })
      .catch(() => granted());
  });
  return {
    ready,
    release() {
      if (released) return;
      released = true;
      release();
    },
  };
}

export class SyncLockBusy extends Error {
  constructor() {
    super('A window of the app is syncing this device; the background pass gives way.');
    this.name = 'SyncLockBusy';
  }
}

/**
 * Runs `pass` holding the lock exclusively, or rejects with SyncLockBusy at once when a window
 * holds it. `pass` gets a check that tells whether a window is now waiting for the lock.
 */
export async function runIfSyncLockFree<T>(
  name: string,
  pass: (windowWaiting: () => Promise<boolean>) => Promise<T>,
): Promise<T> {
  const manager = locks();
  if (!manager) return pass(async () => false);
  const windowWaiting = async () => {
    const { pending = [] } = await manager.query();
    return pending.some((request) => request.name === name);
  };
  return manager.request(name, { ifAvailable: true }, async (lock) => {
    if (!lock) throw new SyncLockBusy();
    return pass(windowWaiting);
  });
}
