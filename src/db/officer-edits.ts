/**
 * An officer's edit of a programme document (an assignment, a host institution) on the device:
 * they sync like any write; the server decides.
 */
import type { RxCollection } from 'rxdb';
import { SERVER_OWNED_FIELDS } from '../shared/schemas';
import { same } from '../shared/sync/merge';

/**
 * Inserts a new document whole; of an existing one writes only the fields the officer changed
 * since `base`, so what a sync brought meanwhile to the others (a status set on another device)
 * stays.
 */
export async function saveOfficerEdit<T extends { id: string }>(
  collection: RxCollection<T>,
  base: T | null,
  input: T,
): Promise<void> {
  const existing = await collection.findOne(input.id).exec();
  if (!existing) {
    await collection.insert(input as never);
    return;
  }
  // The base's keys too: an optional field the officer emptied (a rate, a picked institution) goes.
  const keys = new Set([...Object.keys(input), ...Object.keys(base ?? {})]) as Set<keyof T>;
  // The server's stamps are its own: the form never carries them.
  for (const field of SERVER_OWNED_FIELDS) keys.delete(field as keyof T);
  const changed = [...keys].filter((key) => !base || !same(base[key], input[key]));
  await existing.incrementalModify((current) => {
    const next = { ...current } as Record<string, unknown>;
    for (const key of changed) {
      if (input[key] === undefined) delete next[key as string];
      else next[key as string] = input[key];
    }
    return next as typeof current;
  });
}
