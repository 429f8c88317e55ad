/**
 * SP-15 on the device: every pull of a user who may not read everything says which assignments
 * they may read now. What the device holds of any other assignment (they were taken off it) is
 * dropped by handing RxDB tombstones as if the server had sent them, so nothing is pushed back.
 * A document with a change not yet sent is left alone: it goes up, the server refuses it with its
 * reason, the device keeps the typed text among its refusals (SP-6) and adopts the server's
 * tombstone.
 */
import type { RxCollection } from 'rxdb';
import type { DeviceDatabase } from '../db/database';
import { unconfirmedIds } from '../db/sync-marks';
import type { ReplicatedCollectionName } from '../shared/schemas';
import type { SyncDocument } from '../shared/sync/protocol';

/**
 * Per database and collection, the readable list last fully applied: while the device holds
 * nothing of any other assignment, the same list needs no query. Documents of another assignment
 * can still arrive on the stream (the user was just added to it), which forgets the list.
 */
const applied = new WeakMap<DeviceDatabase, Map<ReplicatedCollectionName, ReadonlySet<string>>>();

function assignmentOf(collection: ReplicatedCollectionName, doc: object): string {
  const record = doc as { id: string; assignmentId?: string };
  return collection === 'assignments' ? record.id : (record.assignmentId ?? '');
}

/** Call with every streamed batch: a document of an assignment outside the list applied forgets it. */
export function noteArrivals(
  device: DeviceDatabase,
  collection: ReplicatedCollectionName,
  docs: readonly object[],
): void {
  const readable = applied.get(device)?.get(collection);
  if (readable && docs.some((doc) => !readable.has(assignmentOf(collection, doc)))) {
    applied.get(device)!.delete(collection);
  }
}

export async function tombstonesOfUnreadable(
  device: DeviceDatabase,
  collection: ReplicatedCollectionName,
  readable: readonly string[],
): Promise<SyncDocument[]> {
  let byCollection = applied.get(device);
  if (!byCollection) applied.set(device, (byCollection = new Map()));
  const last = byCollection.get(collection);
  if (last && last.size === readable.length && readable.every((id) => last.has(id))) return [];
  const field = collection === 'assignments' ? 'id' : 'assignmentId';
  const held = await (device.db[collection] as RxCollection)
    .find({ selector: { [field]: { $nin: [...readable] } } })
    .exec();
  const data = held.map((doc) => doc.toJSON() as object);
  const pending = await unconfirmedIds(device, collection, data);
  const drop = data.filter((doc) => !pending.has((doc as { id: string }).id));
  // Until the pending ones are settled, the next pull looks again.
  if (drop.length === held.length) byCollection.set(collection, new Set(readable));
  return drop.map((doc) => ({ ...doc, _deleted: true }) as SyncDocument);
}
