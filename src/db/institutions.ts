/** Host institutions on an officer's device (IN-*): they sync like any write; the server decides. */
import { map, type Observable } from 'rxjs';
import type { RxCollection } from 'rxdb';
import type { Institution } from '../shared/schemas';
import type { DeviceDatabase } from './database';
import { saveOfficerEdit } from './officer-edits';

/** By name. */
export function institutions$(device: DeviceDatabase): Observable<Institution[]> {
  return device.db.institutions
    .find({ sort: [{ name: 'asc' }] } as never)
    .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as Institution)));
}

export function institution$(device: DeviceDatabase, id: string): Observable<Institution | null> {
  return device.db.institutions
    .findOne(id)
    .$.pipe(map((doc) => (doc ? (doc.toJSON() as Institution) : null)));
}

/** Writes only what the officer changed since `base` (officer-edits.ts). */
export function saveInstitution(
  device: DeviceDatabase,
  base: Institution | null,
  input: Institution,
): Promise<void> {
  return saveOfficerEdit(device.db.institutions as RxCollection<Institution>, base, input);
}

/** IN-4: removes the institution here; the server keeps it, and says why, if anyone belongs to it. */
export async function deleteInstitution(device: DeviceDatabase, id: string): Promise<void> {
  const existing = await device.db.institutions.findOne(id).exec();
  // Incremental: a sync may write the document (server stamps) between the read and the removal.
  await existing?.incrementalRemove();
}
