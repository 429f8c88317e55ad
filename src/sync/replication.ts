/**
 * Runs the replication of every collection between the device database and the sync server:
 * pull by server sequence, push with refusals kept for the user, one live stream for all
 * collections, and a sync state the UI shows. The only module that runs RxDB replication.
 */
import {
  BehaviorSubject,
  concatMap,
  filter,
  from,
  map,
  merge,
  type Observable,
  type Subscription,
} from 'rxjs';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxReplicationPullStreamItem } from 'rxdb';
import { COLLECTION_NAMES, type CollectionName } from '../shared/schemas';
import { mayEverWrite } from '../shared/rules/access';
import type { Role } from '../shared/users';
import {
  DEFAULT_PULL_LIMIT,
  MAX_PUSH_DOCUMENTS,
  type PushResponse,
  type PushRow,
  type StreamEvent,
  type SyncCheckpoint,
  type SyncDocument,
} from '../shared/sync/protocol';
import type { DeviceDatabase } from '../db/database';
import { pendingChanges$, recordServerVersions } from '../db/sync-marks';
import { ApiClient, ApiError } from './api-client';
import { openLiveStream } from './stream';

export type Connection = 'connecting' | 'online' | 'offline';

export interface SyncState {
  connection: Connection;
  /** Local changes the server has not confirmed yet. */
  pendingCount: number;
  /** Local write time of the oldest of those, ms since epoch. */
  oldestPendingAt: number | null;
  lastSyncAt: string | null;
  lastError: string | null;
  /** The token expired or was revoked: sync waits for the user to sign in again. */
  authRequired: boolean;
}

export interface SyncOptions {
  baseUrl: string;
  token: string;
  /** Collections the role can never write are pull-only on this device. */
  role: Role;
  /** Delay before RxDB retries a failed pull or push. */
  retryTimeMs?: number;
  pullBatchSize?: number;
  pushBatchSize?: number;
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

const RETRY_TIME_MS = 5_000;
const LOGS_FIRST_TIMEOUT_MS = 20_000;

export function startSync(device: DeviceDatabase, options: SyncOptions): SyncController {
  const api = new ApiClient({ baseUrl: options.baseUrl, token: options.token });
  const state = new BehaviorSubject<SyncState>({
    connection: 'connecting',
    pendingCount: 0,
    oldestPendingAt: null,
    lastSyncAt: null,
    lastError: null,
    authRequired: false,
  });
  const update = (patch: Partial<SyncState>) => state.next({ ...state.value, ...patch });
  const succeeded = () =>
    update({ lastSyncAt: new Date().toISOString(), lastError: null, connection: 'online' });
  const subscriptions: Subscription[] = [];
  let stopped = false;

  const replications: RxReplicationState<unknown, SyncCheckpoint>[] = [];
  const onAuthError = (error: ApiError) => {
    if (state.value.authRequired) return;
    update({ authRequired: true, lastError: error.message });
    // Local changes stay in the database; replication resumes after a new sign-in.
    setTimeout(() => void Promise.all(replications.map((replication) => replication.pause())), 0);
    stream.close();
  };
  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.isAuthError) onAuthError(error);
    else if (error instanceof ApiError && error.code === 'network') update({ connection: 'offline' });
    throw error;
  };

  const stream = openLiveStream(api, onAuthError);

  /**
   * A submission's hash covers the month's logs as the server holds them, so logs edited offline
   * must reach the server before the timesheet that was submitted after them (TS-4). Bounded:
   * a log that cannot be pushed must not hold the timesheet back forever.
   */
  const logsPushedFirst = async () => {
    const logs = replications[COLLECTION_NAMES.indexOf('logs')];
    if (!logs) return;
    await Promise.race([
      logs.awaitInSync(),
      new Promise((resolve) => setTimeout(resolve, LOGS_FIRST_TIMEOUT_MS)),
    ]);
  };

  for (const collection of COLLECTION_NAMES) {
    const stream$ = streamFor(device, collection, stream.events$);
    const replication = replicateRxCollection<unknown, SyncCheckpoint>({
      replicationIdentifier: `fieldbook-${collection}-${options.baseUrl}`,
      collection: device.db[collection] as never,
      live: true,
      retryTime: options.retryTimeMs ?? RETRY_TIME_MS,
      waitForLeadership: true,
      pull: {
        batchSize: options.pullBatchSize ?? DEFAULT_PULL_LIMIT,
        stream$: stream$ as Observable<RxReplicationPullStreamItem<unknown, SyncCheckpoint>>,
        handler: async (checkpoint, batchSize) => {
          const response = await api.pull(collection, checkpoint, batchSize).catch(failed);
          await recordServerVersions(device, collection, response.documents);
          succeeded();
          return { documents: response.documents, checkpoint: response.checkpoint ?? checkpoint };
        },
      },
      push: mayEverWrite(options.role, collection)
        ? {
            batchSize: options.pushBatchSize ?? Math.min(50, MAX_PUSH_DOCUMENTS),
            handler: async (rows) => {
              const pushRows = rows as unknown as PushRow[];
              if (collection === 'timesheets') await logsPushedFirst();
              const response = await api
                .push(collection, pushRows)
                .catch((error: unknown) =>
                  error instanceof ApiError && error.status === 403
                    ? refuseAll(pushRows, error.message)
                    : failed(error),
                );
              await keepRefusals(device, collection, pushRows, response);
              succeeded();
              return response.conflicts as never;
            },
          }
        : undefined,
    });
    replications.push(replication as RxReplicationState<unknown, SyncCheckpoint>);
    subscriptions.push(
      replication.error$.subscribe((error) => {
        // RxDB hands the handler's error over as plain JSON, not as our ApiError instance.
        const cause = (error.parameters as { errors?: { name?: string; code?: string; message?: string }[] })
          .errors?.[0];
        if (cause?.name === 'ApiError' && cause.code === 'network') update({ connection: 'offline' });
        else update({ lastError: cause?.message ?? 'Sync failed; it will be retried.' });
      }),
    );
  }

  subscriptions.push(
    pendingChanges$(device).subscribe(({ count, oldestAt }) =>
      update({ pendingCount: count, oldestPendingAt: oldestAt }),
    ),
    stream.connected$.subscribe((connected) => {
      if (connected) update({ connection: 'online' });
      else if (!stopped) update({ connection: 'offline' });
    }),
  );

  const syncNow = () => {
    if (stopped || state.value.authRequired) return;
    stream.reconnect();
    for (const replication of replications) replication.reSync();
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') syncNow();
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('online', syncNow);
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
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', syncNow);
        document.removeEventListener('visibilitychange', onVisible);
      }
      stream.close();
      for (const subscription of subscriptions) subscription.unsubscribe();
      await Promise.all(replications.map((replication) => replication.cancel()));
      state.complete();
    },
  };
}

/** Stream events of one collection, in RxDB's terms; server versions recorded on the way. */
function streamFor(
  device: DeviceDatabase,
  collection: CollectionName,
  events$: Observable<StreamEvent>,
): Observable<RxReplicationPullStreamItem<unknown, SyncCheckpoint>> {
  const resync$ = events$.pipe(
    filter((event) => event.type === 'resync'),
    map(() => 'RESYNC' as const),
  );
  const changes$ = events$.pipe(
    filter((event) => event.type === 'change' && event.collection === collection),
    concatMap((event) =>
      from(
        (async () => {
          const change = event as Extract<StreamEvent, { type: 'change' }>;
          await recordServerVersions(device, collection, change.documents);
          return { documents: change.documents as never[], checkpoint: change.checkpoint };
        })(),
      ),
    ),
  );
  return merge(resync$, changes$);
}

/**
 * A whole push refused with 403: every typed version is kept as a refusal. Rows revert to the
 * version the device last had from the server; a row without one stays as it is, because a
 * tombstone could delete a document the server does have.
 */
function refuseAll(rows: PushRow[], message: string): PushResponse {
  return {
    rejections: rows.map((row) => ({ id: row.newDocumentState.id, code: 'forbidden', message })),
    conflicts: rows.flatMap((row) => (row.assumedMasterState ? [row.assumedMasterState] : [])),
  };
}

async function keepRefusals(
  device: DeviceDatabase,
  collection: CollectionName,
  rows: PushRow[],
  response: PushResponse,
): Promise<void> {
  const rowsById = new Map(rows.map((row) => [row.newDocumentState.id, row]));
  const at = new Date().toISOString();
  const refusals = response.rejections.flatMap((rejection) => {
    const row = rowsById.get(rejection.id);
    if (!row) return [];
    device.refusedReverts.mark(collection, rejection.id);
    return [
      {
        id: `${collection}:${rejection.id}:${Date.now()}`,
        collectionName: collection,
        docId: rejection.id,
        attempted: JSON.stringify(row.newDocumentState),
        code: rejection.code,
        message: rejection.message,
        at,
      },
    ];
  });
  if (refusals.length > 0) await device.db.refusals.bulkInsert(refusals);
  const conflicted = new Set(response.conflicts.map((doc) => doc.id));
  const accepted: SyncDocument[] = rows
    .filter((row) => !conflicted.has(row.newDocumentState.id))
    .map((row) => row.newDocumentState);
  await recordServerVersions(device, collection, [...accepted, ...response.conflicts]);
}
