/**
 * The replication of one collection with the sync server: pull by checkpoint, push with the
 * refusals kept for the user. Used live by the page (replication.ts) and one-shot by the service
 * worker's background sync (background-sync.ts).
 */
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxReplicationPullStreamItem } from 'rxdb';
import type { Observable } from 'rxjs';
import type { CollectionName } from '../shared/schemas';
import { mayEverWrite } from '../shared/rules/access';
import type { Role } from '../shared/users';
import {
  DEFAULT_PULL_LIMIT,
  MAX_PUSH_DOCUMENTS,
  type PushResponse,
  type PushRow,
  type SyncCheckpoint,
  type SyncDocument,
} from '../shared/sync/protocol';
import type { DeviceDatabase } from '../db/database';
import { recordServerVersions } from '../db/sync-marks';
import { revisionOf } from '../shared/sync/revision';
import { ApiError, type ApiClient } from './api-client';
import { newRefusalId } from '../db/local-schemas';
import { IsolatingPusher } from './push-isolation';

export interface CollectionReplicationOptions {
  device: DeviceDatabase;
  api: ApiClient;
  collection: CollectionName;
  /** Collections the role can never write are pull-only on this device. */
  role: Role;
  live: boolean;
  waitForLeadership: boolean;
  retryTimeMs: number;
  pullBatchSize?: number;
  pushBatchSize?: number;
  stream$?: Observable<RxReplicationPullStreamItem<unknown, SyncCheckpoint>>;
  /** Runs before each push of this collection (timesheets wait for logs). */
  beforePush?: () => Promise<void>;
  /** Runs before every pull and push: the backoff while the server cannot be reached. */
  beforeRequest?: () => Promise<void>;
  onSuccess: () => void;
  /** Called with every failed request; must rethrow so RxDB retries. */
  onFailure: (error: unknown) => never;
}

/** The same identifier on the page and in the service worker: they share checkpoints. */
export function replicationIdentifier(collection: CollectionName, baseUrl: string): string {
  return `fieldbook-${collection}-${baseUrl}`;
}

export function replicateCollection(
  options: CollectionReplicationOptions,
): RxReplicationState<unknown, SyncCheckpoint> {
  const { device, api, collection, onSuccess, onFailure } = options;
  // One batch the server keeps failing must not hold back every change queued behind it.
  const pusher = new IsolatingPusher((rows) =>
    api
      .push(
        collection,
        // On the wire the assumed version travels as its marker, not as a whole document.
        rows.map((row) => ({
          newDocumentState: row.newDocumentState,
          assumedRevision: row.assumedMasterState ? revisionOf(row.assumedMasterState) : undefined,
        })),
      )
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 403) return refuseAll(rows, error.message);
        throw error;
      }),
  );
  return replicateRxCollection<unknown, SyncCheckpoint>({
    replicationIdentifier: replicationIdentifier(collection, api.baseUrl),
    collection: device.db[collection] as never,
    live: options.live,
    retryTime: options.retryTimeMs,
    waitForLeadership: options.waitForLeadership,
    pull: {
      batchSize: options.pullBatchSize ?? DEFAULT_PULL_LIMIT,
      stream$: options.stream$,
      handler: async (checkpoint, batchSize) => {
        await options.beforeRequest?.();
        const response = await api.pull(collection, checkpoint, batchSize).catch(onFailure);
        await recordServerVersions(device, collection, response.documents);
        onSuccess();
        return { documents: response.documents, checkpoint: response.checkpoint ?? checkpoint };
      },
    },
    push: mayEverWrite(options.role, collection)
      ? {
          batchSize: options.pushBatchSize ?? Math.min(50, MAX_PUSH_DOCUMENTS),
          handler: async (rows) => {
            const pushRows = rows as unknown as PushRow[];
            await options.beforePush?.();
            await options.beforeRequest?.();
            const response = await pusher.push(pushRows).catch(onFailure);
            await keepRefusals(device, collection, pushRows, response);
            onSuccess();
            return response.conflicts as never;
          },
        }
      : undefined,
  });
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
        id: newRefusalId(collection),
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
