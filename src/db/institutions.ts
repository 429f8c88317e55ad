/** Host institutions on an officer's device (IN-*): they sync like any write; the server decides. */
import { map, type Observable } from 'rxjs';
import { SERVER_OWNED_FIELDS, type Institution } from '../shared/schemas';
import { same } from '../shared/sync/merge';
import type { DeviceDatabase } from './database';

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

/**
 * Inserts a new institution whole; of an existing one writes only the fields the officer changed
 * since `base`, so what a sync brought meanwhile to the others stays (as saveAssignment).
 */
export async function saveInstitution(
  device: DeviceDatabase,
  base: Institution | null,
  input: Institution,
): Promise<void> {
  const existing = await device.db.institutions.findOne(input.id).exec();
  if (!existing) {
    await device.db.institutions.insert(input);
    return;
  }
  const keys = new Set([...Object.keys(input), ...Object.keys(base ?? {})]) as Set<keyof Institution>;
  // The server's stamps are its own: the form never carries them.
  for (const field of SERVER_OWNED_FIELDS) keys.delete(field as keyof Institution);
  const changed = [...keys].filter((key) => !base || !same(base[key], input[key]));
  await existing.incrementalModify((current) => {
    const next = { ...current } as Record<string, unknown>;
    for (const key of changed) {
      if (input[key] === undefined) delete next[key];
      else next[key] = input[key];
    }
    return next as typeof current;
  });
}
