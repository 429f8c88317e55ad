/** Writes of assignments on the device (officers): they sync like any write; the server decides. */
import { SERVER_OWNED_FIELDS, type Assignment } from '../shared/schemas';
import { same } from '../shared/sync/merge';
import type { DeviceDatabase } from './database';

/**
 * Inserts a new assignment whole; of an existing one writes only the fields the officer changed
 * since `base`, so what a sync brought meanwhile to the others (a status set on another device)
 * stays.
 */
export async function saveAssignment(
  device: DeviceDatabase,
  base: Assignment | null,
  input: Assignment,
): Promise<void> {
  const existing = await device.db.assignments.findOne(input.id).exec();
  if (!existing) {
    await device.db.assignments.insert(input);
    return;
  }
  // The base's keys too: an optional field the officer emptied (a rate, a picked institution) goes.
  const keys = new Set([...Object.keys(input), ...Object.keys(base ?? {})]) as Set<keyof Assignment>;
  // The server's stamps are its own: the form never carries them.
  for (const field of SERVER_OWNED_FIELDS) keys.delete(field as keyof Assignment);
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
