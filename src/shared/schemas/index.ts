/**
 * The replicated collections, one definition for the device database and the server.
 * `serverOwnedFields` are stamped by the server: a device's value is ignored on push and they
 * never count as a change or a conflict.
 */
import type { RxJsonSchema } from 'rxdb';
import { assignmentSchema, type Assignment } from './assignment.schema';
import { dailyLogSchema, type DailyLog } from './daily-log.schema';
import { timesheetSchema, type Timesheet } from './timesheet.schema';
import { reportSchema, type Report } from './report.schema';
import { institutionSchema, type Institution } from './institution.schema';

export interface CollectionDocs {
  assignments: Assignment;
  logs: DailyLog;
  timesheets: Timesheet;
  reports: Report;
  institutions: Institution;
}
export type CollectionName = keyof CollectionDocs;
export const COLLECTION_NAMES: readonly CollectionName[] = [
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
};

export function isCollectionName(name: string): name is CollectionName {
  return (COLLECTION_NAMES as readonly string[]).includes(name);
}

/**
 * The assignment a document belongs to: the key of every access rule. An assignment and an
 * institution are their own key (an institution belongs to no assignment; IN-1).
 */
export function assignmentIdOf<K extends CollectionName>(collection: K, doc: CollectionDocs[K]): string {
  return collection === 'assignments' || collection === 'institutions'
    ? (doc as Assignment | Institution).id
    : (doc as DailyLog | Timesheet | Report).assignmentId;
}

export type { Assignment, DailyLog, Institution, Report, Timesheet };
