/**
 * Whether an entry has reached the server, shown the same way on every screen that shows one: a
 * log card, a timesheet, a report and their lists. The pending set is src/db/sync-marks.ts's; a
 * page of many cards shares one subscription per collection.
 */
import { useMemo } from 'react';
import { shareReplay, type Observable } from 'rxjs';
import { useFieldbook } from '../../session/FieldbookProvider';
import type { DeviceDatabase } from '../../db/database';
import { pendingIds$ } from '../../db/sync-marks';
import type { CollectionName } from '../../shared/schemas';
import { useObservable } from '../../ui/useObservable';
import { useI18n } from './catalog';

const shared = new WeakMap<DeviceDatabase, Map<CollectionName, Observable<ReadonlySet<string>>>>();

/** One pending-ids stream per device and collection, however many markers show it. */
function sharedPendingIds$(device: DeviceDatabase, collection: CollectionName) {
  let byCollection = shared.get(device);
  if (!byCollection) {
    byCollection = new Map();
    shared.set(device, byCollection);
  }
  let source = byCollection.get(collection);
  if (!source) {
    source = pendingIds$(device, collection).pipe(shareReplay({ bufferSize: 1, refCount: true }));
    byCollection.set(collection, source);
  }
  return source;
}

/** Whether the document `id` of `collection` has changes here the server has not confirmed. */
export function usePending(collection: CollectionName, id: string | null | undefined): boolean {
  const { device } = useFieldbook();
  const source = useMemo(() => (device ? sharedPendingIds$(device, collection) : null), [device, collection]);
  const pending = useObservable(source);
  return Boolean(id && pending?.has(id));
}

/** "Waiting to sync" beside an entry the server has not got yet; nothing once it has. */
export function PendingMarker({
  collection,
  id,
}: {
  collection: CollectionName;
  id: string | null | undefined;
}) {
  const i18n = useI18n();
  const pending = usePending(collection, id);
  if (!pending) return null;
  return (
    <span className="pending-marker" title={i18n._('device-status.pending.hint')}>
      {i18n._('device-status.pending.text')}
    </span>
  );
}
