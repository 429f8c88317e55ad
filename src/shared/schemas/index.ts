/**
 * The synced collections, one definition for the device database and the server.
 * `serverOwnedFields` are stamped by the server: a device's value is ignored on push and they
 * never count as a change or a conflict.
 */
import type { RxJsonSchema } from 'rxdb';
import { assignmentSchema, type Assignment } from './assignment.schema';
import { dailyLogSchema, type DailyLog } from './daily-log.schema';
import { timesheetSchema, type Timesheet } from './timesheet.schema';
import { reportSchema, type Report } from './report.schema';
import { institutionSchema, type Institution } from './institution.schema';
import { programmeTargetSchema, type ProgrammeTarget } from './programme-target.schema';

export interface CollectionDocs {
  assignments: Assignment;
  logs: DailyLog;
  timesheets: Timesheet;
  reports: Report;
  institutions: Institution;
  targets: ProgrammeTarget;
}
export type CollectionName = keyof CollectionDocs;
/**
 * Programme targets (TG-*) sync through the same push and pull but are no collection of the
 * device database: RxDB's open-source build allows 13 collections open at once in one page or
 * process, which the device database and the two-device tests already reach. An officer's device
 * keeps its few targets beside the database (src/db/targets.ts) and syncs them itself.
 */
export type ReplicatedCollectionName = Exclude<CollectionName, 'targets'>;
/** The collections the device database replicates. */
export const COLLECTION_NAMES: readonly ReplicatedCollectionName[] = [
  'assignments',
  'logs',
  'timesheets',
  'reports',
  'institutions',
];

export const SERVER_OWNED_FIELDS = ['authorId', 'createdAt', 'updatedAt', 'history'] as const;

export const COLLECTION_SCHEMAS: { [K in CollectionName]: RxJsonSchema<CollectionDocs[K]> } = {
  assignments: assignmentSchema,
  logs: dailyLogSchema,
  timesheets: timesheetSchema,
  reports: reportSchema,
  institutions: institutionSchema,
  targets: programmeTargetSchema,
};

/** A collection of the device database (a backup file names only these). */
export function isReplicatedCollectionName(name: string): name is ReplicatedCollectionName {
  return (COLLECTION_NAMES as readonly string[]).includes(name);
}

export function isCollectionName(name: string): name is CollectionName {
  return name === 'targets' || (COLLECTION_NAMES as readonly string[]).includes(name);
}

/**
 * The assignment a document belongs to: the key of every access rule. An assignment and an
 * institution are their own key (an institution belongs to no assignment; IN-1), and so is a
 * programme target (TG-1).
 */
export function assignmentIdOf<K extends CollectionName>(collection: K, doc: CollectionDocs[K]): string {
  return collection === 'assignments' || collection === 'institutions' || collection === 'targets'
    ? (doc as Assignment | Institution | ProgrammeTarget).id
    : (doc as DailyLog | Timesheet | Report).assignmentId;
}

export type { Assignment, DailyLog, Institution, ProgrammeTarget, Report, Timesheet };
