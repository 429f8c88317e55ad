/**
 * Background sync: when a push fails for want of a network, the page asks the browser for a
 * `sync` event; the service worker then runs one pull-and-push pass on its own, so the expert's
 * entries reach the server even when no window of the app is open.
 */
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { COLLECTION_NAMES } from '../shared/schemas';
import { mayEverRead } from '../shared/rules/access';
import type { SyncCheckpoint } from '../shared/sync/protocol';
import type { DeviceDatabase } from '../db/database';
import type { Role } from '../shared/users';
import { ApiClient } from './api-client';
import { replicateCollection } from './collection-replication';

import { BACKGROUND_SYNC_TAG } from './sync-tags';

export { BACKGROUND_SYNC_TAG, PERIODIC_SYNC_TAG } from './sync-tags';

const ONE_SHOT_TIMEOUT_MS = 60_000;
const CANCEL_WAIT_MS = 1_000;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SyncRegistration {
  sync?: { register(tag: string): Promise<void> };
}

/** Asks for a background sync; silently nothing where the browser lacks the API. */
export async function requestBackgroundSync(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return false;
  const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & SyncRegistration;
  if (!registration.sync) return false;
  await registration.sync.register(BACKGROUND_SYNC_TAG);
  return true;
}

export class PassInterrupted extends Error {
  constructor() {
    super('A window of the app opened and takes over the sync.');
    this.name = 'PassInterrupted';
  }
}

/**
 * One pass: push what is pending (logs before timesheets, TS-4), then pull. Rejects when the pass
 * did not complete, so the browser retries the sync event later. Between collections it stops
 * when `windowWaiting` says a window of the app waits to replicate (sync-lock.ts).
 */
export async function syncOnce(
  device: DeviceDatabase,
  options: {
    baseUrl: string;
    token: string;
    role: Role;
    windowWaiting?: () => Promise<boolean>;
    /** How long one collection may take before the pass gives up (default 60 s). */
    timeoutMs?: number;
  },
): Promise<void> {
  // When the pass ends, nothing of it stays in flight: a window may replicate right after.
  const inFlight = new AbortController();
  const api = new ApiClient({ baseUrl: options.baseUrl, token: options.token, signal: inFlight.signal });
  try {
    await syncCollections(device, api, options);
  } finally {
    inFlight.abort();
  }
}

async function syncCollections(
  device: DeviceDatabase,
  api: ApiClient,
  options: Parameters<typeof syncOnce>[1],
): Promise<void> {
  for (const collection of COLLECTION_NAMES.filter((name) => mayEverRead(options.role, name))) {
    if (await options.windowWaiting?.()) throw new PassInterrupted();
    let fail: (error: unknown) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => (fail = reject));
    const replication: RxReplicationState<unknown, SyncCheckpoint> = replicateCollection({
      device,
      api,
      collection,
      role: options.role,
      // Live, cancelled after the first round: a non-live replication queues cancel() behind its
      // own first sync, which never comes while the server is unreachable, and hangs for good.
      live: true,
      // The service worker is not in the windows' leader election; the sync lock keeps it apart.
      waitForLeadership: false,
      // RxDB's cancel() waits out a pending retry: keep it short so a failed pass ends quickly.
      retryTimeMs: CANCEL_WAIT_MS,
      onSuccess: () => undefined,
      onFailure: (error) => {
        fail(error);
        throw error;
      },
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('background sync timed out')),
        options.timeoutMs ?? ONE_SHOT_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([replication.awaitInitialReplication(), failed, timedOut]);
    } finally {
      clearTimeout(timer);
      await Promise.race([replication.cancel(), delay(CANCEL_WAIT_MS)]);
    }
  }
}
