/** Writes of assignments on the device (officers): they sync like any write; the server decides. */
import type { RxCollection } from 'rxdb';
import type { Assignment } from '../shared/schemas';
import type { DeviceDatabase } from './database';
import { saveOfficerEdit } from './officer-edits';

/** Writes only what the officer changed since `base` (officer-edits.ts). */
export function saveAssignment(
  device: DeviceDatabase,
  base: Assignment | null,
  input: Assignment,
): Promise<void> {
  return saveOfficerEdit(device.db.assignments as RxCollection<Assignment>, base, input);
}
