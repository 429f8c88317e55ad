/**
 * Reads what the user had typed out of a refusal. `attempted` is opaque JSON that may break the
 * schema (that is often why it was refused), so every field is checked and defaulted.
 */
import type { Refusal } from '../../db/local-schemas';
import {
  KT_ACTIVITY_TYPES,
  WORK_MODES,
  type KtActivity,
  type WorkMode,
} from '../../shared/schemas/daily-log.schema';

export interface AttemptedLog {
  assignmentId: string | null;
  date: string;
  hours: number | null;
  workMode: WorkMode | null;
  location: string;
  activities: string;
  ktActivities: KtActivity[];
  notes: string;
  /** The refused change was a deletion. */
  deleted: boolean;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function parseAttempted(refusal: Pick<Refusal, 'attempted'>): AttemptedLog | null {
  let raw: unknown;
  try {
    raw = JSON.parse(refusal.attempted);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const doc = raw as Record<string, unknown>;
  const kt = Array.isArray(doc.ktActivities) ? doc.ktActivities : [];
  return {
    assignmentId: typeof doc.assignmentId === 'string' ? doc.assignmentId : null,
    date: text(doc.date),
    hours: typeof doc.hours === 'number' && Number.isFinite(doc.hours) ? doc.hours : null,
    workMode: WORK_MODES.includes(doc.workMode as WorkMode) ? (doc.workMode as WorkMode) : null,
    location: text(doc.location),
    activities: text(doc.activities),
    ktActivities: kt.flatMap((item: unknown) => {
      const row = (item ?? {}) as Record<string, unknown>;
      const type = row.type as KtActivity['type'];
      if (!KT_ACTIVITY_TYPES.includes(type)) return [];
      const people = typeof row.peopleReached === 'number' ? row.peopleReached : 0;
      return [{ type, peopleReached: people }];
    }),
    notes: text(doc.notes),
    deleted: doc._deleted === true,
  };
}
