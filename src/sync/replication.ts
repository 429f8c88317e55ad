/**
 * Runs the replication of every collection between the device database and the sync server:
 * pull by server sequence, push with refusals kept for the user, one live stream for all
 * collections, and a sync state the UI shows. The only module that runs RxDB replication.
 */
import { BehaviorSubject, concatMap, filter, type Observable, type Subscription } from 'rxjs';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { RxReplicationPullStreamItem } from 'rxdb';
import { COLLECTION_NAMES, type CollectionName } from '../shared/schemas';
import { mayEverRead } from '../shared/rules/access';
import type { Role } from '../shared/users';
import type { ApiErrorCode, StreamEvent, SyncCheckpoint } from '../shared/sync/protocol';
import type { DeviceDatabase } from '../db/database';
import { pendingChanges$, recordServerVersions } from '../db/sync-marks';
import { ApiClient, ApiError } from './api-client';
import { openLiveStream } from './stream';
import { replicateCollection } from './collection-replication';
import { requestBackgroundSync } from './background-sync';
import { RETRY_BASE_MS, RetryGate, retryDelay } from './backoff';
import { holdSyncLock, syncLockName } from './sync-lock';

/**
 * `offline`: the phone has no network (the browser says so); `unreachable`: it has one, but the
 * server does not answer (no route to it, server down, a captive portal).
 */
export type Connection = 'connecting' | 'online' | 'offline' | 'unreachable';

export interface SyncState {
  connection: Connection;
  /** Local changes the server has not confirmed yet. */
  pendingCount: number;
  /** Local write time of the oldest of those, ms since epoch. */
  oldestPendingAt: number | null;
  /** The last full sync of this session. */
  lastSyncAt: string | null;
  /** The last full sync of an earlier session on this device (SyncOptions.lastSyncedBefore). */
  lastSyncedBefore: string | null;
  /** The last failure's words as the server or the browser gave them (English), for support. */
  lastError: string | null;
  /** What kind of failure it was, for the screen to say in its language (issue 13). */
  lastErrorCode: ApiErrorCode | 'unknown' | null;
  /** The token expired or was revoked: sync waits for the user to sign in again. */
  authRequired: boolean;
  /** A long download under way (a first sync): documents received and expected; null otherwise. */
  download: { received: number; total: number } | null;
}

export interface SyncOptions {
  baseUrl: string;
  token: string;
  /** Collections the role can never write are pull-only on this device. */
  role: Role;
  /** Fixed delay before RxDB retries a failed pull or push (tests); default: backoff.ts. */
  retryTimeMs?: number;
  pullBatchSize?: number;
  pushBatchSize?: number;
  /** When this device last synced, in an earlier session: shown until this one syncs. */
  lastSyncedBefore?: string | null;
}

export interface SyncController {
  state$: Observable<SyncState>;
  readonly state: SyncState;
  /** Pull and push now: the network came back or the user asked. */
  syncNow(): void;
  /** Resolves when every local change is on the server and everything pulled. */
  awaitInSync(): Promise<void>;
  stop(): Promise<void>;
}

const LOGS_FIRST_TIMEOUT_MS = 20_000;
/** How long the first pulls wait for the live stream to open before they go without it (SP-14). */
const STREAM_FIRST_WAIT_MS = 3_000;

/** The browser knows the phone has no network at all (navigator.onLine is false only then). */
const noNetwork = () => typeof navigator !== 'undefined' && navigator.onLine === false;

export function startSync(device: DeviceDatabase, options: SyncOptions): SyncController {
  const api = new ApiClient({ baseUrl: options.baseUrl, token: options.token });
  const baseRetryMs = options.retryTimeMs ?? RETRY_BASE_MS;
  const state = new BehaviorSubject<SyncState>({
    connection: noNetwork() ? 'offline' : 'connecting',
    pendingCount: 0,
    oldestPendingAt: null,
    lastSyncAt: null,
    lastSyncedBefore: options.lastSyncedBefore ?? null,
    lastError: null,
    lastErrorCode: null,
    authRequired: false,
    download: null,
  });
  const update = (patch: Partial<SyncState>) => state.next({ ...state.value, ...patch });
  /** A request or the stream failed for want of a connection: which one is missing. */
  const cannotReach = () => update({ connection: noNetwork() ? 'offline' : 'unreachable' });
  let backgroundSyncRequested = false;
  // Tests pass a fixed retry time and want no extra backoff on top.
  const gate = new RetryGate(options.retryTimeMs === undefined ? retryDelay : () => 0);
  // "Synced" means every collection has been through its first pull in this session: until then a
  // phone that has pulled one collection would claim to be in sync with half its data missing.
  let firstPullsDone = false;
  const succeeded = () => {
    backgroundSyncRequested = false;
    gate.succeeded();
    update({
      ...(firstPullsDone ? { lastSyncAt: new Date().toISOString() } : {}),
      lastError: null,
      lastErrorCode: null,
      connection: 'online',
    });
  };
  /** Offline with changes pending: the service worker may push them after the app is closed. */
  const askForBackgroundSync = () => {
    if (backgroundSyncRequested || state.value.pendingCount === 0) return;
    backgroundSyncRequested = true;
    requestBackgroundSync().catch(() => (backgroundSyncRequested = false));
  };
  const subscriptions: Subscription[] = [];
  let stopped = false;

  const replications: RxReplicationState<unknown, SyncCheckpoint>[] = [];
  // IN-1: host institutions only on officers' devices; the others make no request for them.
  const replicated = COLLECTION_NAMES.filter((name) => mayEverRead(options.role, name));
  const onAuthError = (error: ApiError) => {
    if (state.value.authRequired) return;
    update({ authRequired: true, lastError: error.message, lastErrorCode: 'unauthorized' });
    // Local changes stay in the database; replication resumes after a new sign-in.
    setTimeout(() => void Promise.all(replications.map((replication) => replication.pause())), 0);
    stream.close();
  };
  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.isAuthError) onAuthError(error);
    else if (error instanceof ApiError && error.code === 'network') {
      cannotReach();
      askForBackgroundSync();
    }
    gate.failed();
    throw error;
  };

  // Nothing goes out while a background pass of the service worker runs on this database.
  const lock = holdSyncLock(syncLockName(device.db.name));
  const beforeRequest = async () => {
    await lock.ready;
    await gate.passage();
  };
  const stream = openLiveStream(api, onAuthError, lock.ready);

  /**
   * SP-14: the first pulls wait for the live stream to open (or fail, or STREAM_FIRST_WAIT_MS).
   * A pull sent once the stream is open misses nothing the stream will not bring, so the resync
   * the server opens every stream with is then left out: on a slow link that saves a second pull
   * of every collection right after the first. A stream opened after a pull went out keeps it.
   */
  let pullSent = false;
  let streamOpened = false;
  let streamReady: () => void = () => undefined;
  const streamOpen = new Promise<void>((resolve) => (streamReady = resolve));
  setTimeout(() => streamReady(), STREAM_FIRST_WAIT_MS);
  const beforePull = async () => {
    await streamOpen;
    pullSent = true;
  };
  let openingResync: StreamEvent | null = null;
  // Subscribed before the replications, so it has decided before their streams see the event.
  subscriptions.push(
    stream.events$.pipe(filter((event) => event.type === 'resync')).subscribe((event) => {
      if (streamOpened) return;
      streamOpened = true;
      if (!pullSent) openingResync = event;
      streamReady();
    }),
  );
  const events$ = stream.events$.pipe(filter((event) => event !== openingResync));

  /**
   * A submission's hash covers the month's logs as the server holds them, so logs edited offline
   * must reach the server before the timesheet that was submitted after them (TS-4). Bounded:
   * a log that cannot be pushed must not hold the timesheet back forever.
   */
  const logsPushedFirst = async () => {
    const logs = replications[replicated.indexOf('logs')];
    if (!logs) return;
    await Promise.race([
      logs.awaitInSync(),
      new Promise((resolve) => setTimeout(resolve, LOGS_FIRST_TIMEOUT_MS)),
    ]);
  };

  /**
   * SP-14: while the server has full pages behind the one just pulled, the bar shows how far the
   * download has got, over all collections ("4,200 of 20,000").
   */
  const downloads = new Map<CollectionName, { received: number; remaining: number }>();
  const pulled = (collection: CollectionName, received: number, remaining: number) => {
    const previous = downloads.get(collection);
    if (remaining > 0 || previous) {
      downloads.set(collection, { received: (previous?.received ?? 0) + received, remaining });
    }
    let done = 0;
    let total = 0;
    for (const entry of downloads.values()) {
      done += entry.received;
      total += entry.received + entry.remaining;
    }
    // Counted until every collection has caught up, so the total does not shrink on the way.
    if (done === total) downloads.clear();
    update({ download: downloads.size > 0 ? { received: done, total } : null });
  };

  for (const collection of replicated) {
    const stream$ = streamFor(device, collection, events$);
    const replication = replicateCollection({
      device,
      api,
      collection,
      role: options.role,
      live: true,
      waitForLeadership: true,
      retryTimeMs: baseRetryMs,
      beforeRequest,
      beforePull,
      pullBatchSize: options.pullBatchSize,
      pushBatchSize: options.pushBatchSize,
      stream$,
      beforePush: collection === 'timesheets' ? logsPushedFirst : undefined,
      onSuccess: succeeded,
      onPulled: (received, remaining) => pulled(collection, received, remaining),
      onFailure: failed,
    });
    replications.push(replication);
    subscriptions.push(
      replication.error$.subscribe((error) => {
        // RxDB hands the handler's error over as plain JSON, not as our ApiError instance.
        const cause = (error.parameters as { errors?: { name?: string; code?: string; message?: string }[] })
          .errors?.[0];
        if (cause?.name === 'ApiError' && cause.code === 'network') cannotReach();
        else {
          const code = cause?.name === 'ApiError' ? (cause.code as ApiErrorCode) : 'unknown';
          update({ lastError: cause?.message ?? 'sync failed', lastErrorCode: code });
        }
      }),
    );
  }

  void Promise.all(replications.map((replication) => replication.awaitInitialReplication()))
    .then(() => {
      firstPullsDone = true;
      if (!stopped) update({ lastSyncAt: new Date().toISOString() });
    })
    .catch(() => undefined);

  // TG-*: the programme targets, which an officer's device keeps beside the collections.
  // Loaded on officers' devices only: the others make no request for it.
  if (mayEverRead(options.role, 'targets'))
    void import('./targets-sync').then(({ keepTargetsInSync }) => {
      if (!stopped) subscriptions.push(keepTargetsInSync(device, api, stream.events$));
    });
  subscriptions.push(
    pendingChanges$(device).subscribe(({ count, oldestAt }) =>
      update({ pendingCount: count, oldestPendingAt: oldestAt }),
    ),
    stream.connected$.subscribe((connected) => {
      if (connected) update({ connection: 'online' });
      else if (!stopped) cannotReach();
      // A stream that cannot open does not hold the first pulls back.
      if (!connected) streamReady();
    }),
  );

  const syncNow = () => {
    if (stopped || state.value.authRequired) return;
    if (!noNetwork() && state.value.connection === 'offline') update({ connection: 'connecting' });
    gate.open();
    stream.reconnect();
    for (const replication of replications) replication.reSync();
  };
  /**
   * Leaving the app with changes pending: ask for a background sync now, so the service worker
   * sends them once this window is gone (it never syncs while a window is open).
   */
  const onLeaving = () => {
    if (state.value.pendingCount > 0) requestBackgroundSync().catch(() => undefined);
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') syncNow();
    else onLeaving();
  };
  /**
   * The network went away: say so at once. A live stream over a dead link can stay silent for a
   * long time before it fails, and the bar must not claim "Online" meanwhile.
   */
  const onOffline = () => {
    if (!stopped) update({ connection: 'offline' });
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('online', syncNow);
    window.addEventListener('offline', onOffline);
    window.addEventListener('pagehide', onLeaving);
    document.addEventListener('visibilitychange', onVisible);
  }

  return {
    state$: state.asObservable(),
    get state() {
      return state.value;
    },
    syncNow,
    async awaitInSync() {
      await Promise.all(replications.map((replication) => replication.awaitInSync()));
    },
    async stop() {
      stopped = true;
      gate.open();
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', syncNow);
        window.removeEventListener('offline', onOffline);
        window.removeEventListener('pagehide', onLeaving);
        document.removeEventListener('visibilitychange', onVisible);
      }
      stream.close();
      for (const subscription of subscriptions) subscription.unsubscribe();
      await Promise.all(replications.map((replication) => replication.cancel()));
      lock.release();
      state.complete();
    },
  };
}

/** Stream events of one collection, in RxDB's terms; server versions recorded on the way. */
export function streamFor(
  device: DeviceDatabase,
  collection: CollectionName,
  events$: Observable<StreamEvent>,
): Observable<RxReplicationPullStreamItem<unknown, SyncCheckpoint>> {
  // One queue, in the order the server sent them: a resync must never overtake a change still
  // being recorded, or that older change would land after the newer versions the resync pulled.
  return events$.pipe(
    filter(
      (event) => event.type === 'resync' || (event.type === 'change' && event.collection === collection),
    ),
    concatMap(async (event): Promise<RxReplicationPullStreamItem<unknown, SyncCheckpoint>> => {
      if (event.type !== 'change') return 'RESYNC';
      await recordServerVersions(device, collection, event.documents);
      return { documents: event.documents as never[], checkpoint: event.checkpoint };
    }),
  );
}
