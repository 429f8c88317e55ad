/**
 * The replication of one collection with the sync server: pull by checkpoint, push with the
 * refusals kept for the user. Used live by the page (replication.ts) and one-shot by the service
 * worker's background sync (background-sync.ts).
 */
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxReplicationPullStreamItem } from 'rxdb';
import { concatMap, filter, firstValueFrom, type Observable } from 'rxjs';
import { isReason } from '../shared/reasons';
import type { ReplicatedCollectionName } from '../shared/schemas';
import { mayEverWrite } from '../shared/rules/access';
import type { Role } from '../shared/users';
import {
  DEFAULT_PULL_LIMIT,
  MAX_PUSH_DOCUMENTS,
  type AcceptedRow,
  type PushResponse,
  type PushRow,
  type SyncCheckpoint,
  type SyncDocument,
} from '../shared/sync/protocol';
import type { DeviceDatabase } from '../db/database';
import { recordServerVersions } from '../db/sync-marks';
import { revisionOf } from '../shared/sync/revision';
import { ApiError, type ApiClient } from './api-client';
import { keepRefusals } from '../db/refusals';
import { IsolatingPusher } from './push-isolation';
import { noteArrivals, tombstonesOfUnreadable } from './lost-access';

export interface CollectionReplicationOptions {
  device: DeviceDatabase;
  api: ApiClient;
  collection: ReplicatedCollectionName;
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
  /** Runs before every pull, after `beforeRequest`: the first waits for the live stream (SP-14). */
  beforePull?: () => Promise<void>;
  onSuccess: () => void;
  /** After each pulled page: how many it held, and how many the server has behind it (SP-14). */
  onPulled?: (received: number, remaining: number) => void;
  /** Called with every failed request; must rethrow so RxDB retries. */
  onFailure: (error: unknown) => never;
}

/** The same identifier on the page and in the service worker: they share checkpoints. */
export function replicationIdentifier(collection: ReplicatedCollectionName, baseUrl: string): string {
  return `fieldbook-${collection}-${baseUrl}`;
}

export function replicateCollection(
  options: CollectionReplicationOptions,
): RxReplicationState<unknown, SyncCheckpoint> {
  const { device, api, collection, onSuccess, onFailure } = options;
  // One id per device database (RxDB's storage token, kept in the database itself): the server
  // leaves this device's own writes out of its pulls and stream (SP-13).
  api.identifyDevice(device.db.storageToken);
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
        if (error instanceof ApiError && error.status === 403) return refuseAll(rows, error);
        throw error;
      }),
  );
  /**
   * SP-13: a page or event fetched before a push of this device was stored must not overwrite that
   * push (own-writes.ts). Done after any push under way has been taken in (RxDB waits the same way
   * before it applies a stream event), so its seq is known here.
   */
  const newestVersions = async (documents: SyncDocument[], checkpoint: SyncCheckpoint | null | undefined) => {
    const pushing = replication.internalReplicationState?.events.active.up;
    if (pushing?.getValue()) await firstValueFrom(pushing.pipe(filter((active) => !active)));
    return api.ownWrites.newest(collection, documents, checkpoint?.seq);
  };
  const replication = replicateRxCollection<unknown, SyncCheckpoint>({
    replicationIdentifier: replicationIdentifier(collection, api.baseUrl),
    collection: device.db[collection] as never,
    live: options.live,
    retryTime: options.retryTimeMs,
    waitForLeadership: options.waitForLeadership,
    pull: {
      batchSize: options.pullBatchSize ?? DEFAULT_PULL_LIMIT,
      // In order, each after any push under way, as for pulls (newestVersions).
      stream$: options.stream$?.pipe(
        concatMap(async (item) => {
          if (item === 'RESYNC') return item;
          const documents = item.documents as SyncDocument[];
          // SP-15: an assignment the user was just added to arrives here, not by pull.
          noteArrivals(device, collection, documents);
          return {
            checkpoint: item.checkpoint,
            documents: (await newestVersions(documents, item.checkpoint)) as never[],
          };
        }),
      ),
      handler: async (checkpoint, batchSize) => {
        await options.beforeRequest?.();
        await options.beforePull?.();
        const response = await api.pull(collection, checkpoint, batchSize).catch(onFailure);
        const pulled = await newestVersions(response.documents, response.checkpoint);
        // SP-15: what the user may no longer read goes, as if the server had deleted it.
        const documents = response.readable
          ? [...pulled, ...(await tombstonesOfUnreadable(device, collection, response.readable))]
          : pulled;
        await recordServerVersions(device, collection, documents);
        options.onPulled?.(response.documents.length, response.remaining ?? 0);
        onSuccess();
        return { documents, checkpoint: response.checkpoint ?? checkpoint };
      },
    },
    push: mayEverWrite(options.role, collection)
      ? {
          batchSize: options.pushBatchSize ?? MAX_PUSH_DOCUMENTS,
          handler: async (rows) => {
            const { send, settled } = worthSending(rows as unknown as PushRow[]);
            if (settled.length > 0) await recordServerVersions(device, collection, settled);
            if (send.length === 0) return [];
            await options.beforePush?.();
            await options.beforeRequest?.();
            const response = await pusher.push(send).catch(onFailure);
            rememberOwnWrites(api, collection, send, response.accepted ?? []);
            await keepRejected(device, collection, send, response);
            const stamped = await stampedVersions(device, collection, send, response.accepted ?? []);
            onSuccess();
            return [...response.conflicts, ...stamped] as never;
          },
        }
      : undefined,
  });
  return replication;
}

/** The server's version of every row it stored as sent, with its seq (SP-13, own-writes.ts). */
function rememberOwnWrites(
  api: ApiClient,
  collection: ReplicatedCollectionName,
  rows: PushRow[],
  accepted: AcceptedRow[],
) {
  const sent = new Map(rows.map((row) => [row.newDocumentState.id, row.newDocumentState]));
  for (const stamps of accepted) {
    const pushed = sent.get(stamps.id);
    if (pushed) api.ownWrites.record(collection, withStamps(pushed, stamps), stamps.seq);
  }
}

/**
 * Rows whose content is the very server version they are based on need no request (SP-13): RxDB
 * pushes such a row after it adopted a server version (server stamps taken, a conflict resolved to
 * the server's side, a refusal reverted), and the server would only answer that it has it. A newer
 * server version meanwhile is another device's and comes by pull: RxDB's downstream holds a pulled
 * version of a row back until its adopted version has been through this push.
 */
function worthSending(rows: PushRow[]): { send: PushRow[]; settled: SyncDocument[] } {
  const send: PushRow[] = [];
  const settled: SyncDocument[] = [];
  for (const row of rows) {
    const assumed = row.assumedMasterState;
    if (assumed && revisionOf(assumed) === revisionOf(row.newDocumentState))
      settled.push(row.newDocumentState);
    else send.push(row);
  }
  return { send, settled };
}

/**
 * SP-13: the server does not send this device back what it stored as sent; the answer carries the
 * server's stamps instead. RxDB takes them the way it takes any server version: handed back as a
 * conflict, which the conflict handler resolves to the server's side (same content, SP-4), so the
 * copy and RxDB's record of the server version change together. Only for copies that still hold
 * what was pushed: RxDB would fail to write onto one the user changed meanwhile and forget that
 * this push went through; that change goes up next, based on the pushed version, and gets stamps
 * of its own.
 */
async function stampedVersions(
  device: DeviceDatabase,
  collection: ReplicatedCollectionName,
  rows: PushRow[],
  accepted: AcceptedRow[],
): Promise<SyncDocument[]> {
  if (accepted.length === 0) return [];
  const sent = new Map(rows.map((row) => [row.newDocumentState.id, row.newDocumentState]));
  const copies = await device.db[collection].storageInstance.findDocumentsById(
    accepted.map((row) => row.id),
    true,
  );
  const unchanged = new Set(
    copies
      .filter((copy) => sent.has(copy.id) && revisionOf(copy) === revisionOf(sent.get(copy.id)!))
      .map((copy) => copy.id),
  );
  return accepted.flatMap((stamps) => {
    const pushed = sent.get(stamps.id);
    const lacking = Object.keys(stamps.set).length > 0 || (stamps.unset ?? []).length > 0;
    return pushed && lacking && unchanged.has(stamps.id) ? [withStamps(pushed, stamps)] : [];
  });
}

function withStamps<T extends object>(doc: T, stamps: AcceptedRow): T {
  const stamped: Record<string, unknown> = { ...doc, ...stamps.set };
  for (const field of stamps.unset ?? []) delete stamped[field];
  return stamped as T;
}

/**
 * A whole push refused with 403: every typed version is kept as a refusal. Rows revert to the
 * version the device last had from the server; a row without one stays as it is, because a
 * tombstone could delete a document the server does have.
 */
function refuseAll(rows: PushRow[], { message, reason }: ApiError): PushResponse {
  const reasons = reason ? [reason] : [];
  return {
    rejections: rows.map((row) => ({ id: row.newDocumentState.id, code: 'forbidden', message, reasons })),
    conflicts: rows.flatMap((row) => (row.assumedMasterState ? [row.assumedMasterState] : [])),
  };
}

/** Rejected rows are kept as refusals with the server's reason (SP-6); the rest are recorded. */
async function keepRejected(
  device: DeviceDatabase,
  collection: ReplicatedCollectionName,
  rows: PushRow[],
  response: PushResponse,
): Promise<void> {
  const rowsById = new Map(rows.map((row) => [row.newDocumentState.id, row]));
  const refusals = response.rejections.flatMap((rejection) => {
    const row = rowsById.get(rejection.id);
    if (!row) return [];
    device.refusedReverts.mark(collection, rejection.id);
    return [
      {
        collection,
        docId: rejection.id,
        attempted: row.newDocumentState,
        code: rejection.code,
        message: rejection.message,
        reasons: (rejection.reasons ?? []).filter(isReason),
      },
    ];
  });
  await keepRefusals(device.db, refusals);
  const conflicted = new Set(response.conflicts.map((doc) => doc.id));
  const stamps = new Map((response.accepted ?? []).map((row) => [row.id, row]));
  const accepted: SyncDocument[] = rows
    .filter((row) => !conflicted.has(row.newDocumentState.id))
    .map((row) => {
      const stamped = stamps.get(row.newDocumentState.id);
      return stamped ? withStamps(row.newDocumentState, stamped) : row.newDocumentState;
    });
  await recordServerVersions(device, collection, [...accepted, ...response.conflicts]);
}
