/**
 * Schemas and migrations of the device database that are not the shared entity schemas.
 * - `sync_marks` (device-only, never replicated): a fingerprint of the last server version seen
 *   per document, so the device can count and date its changes that the server has not got yet.
 * - The migrations of the replicated collections.
 * The device-only `refusals` collection has its own home: refusals.ts.
 */
import type { DeepMutable, ExtractDocumentTypeFromTypedRxJsonSchema, RxJsonSchema } from 'rxdb';
import type { Assignment, CollectionName, Report } from '../shared/schemas';

/**
 * How stored documents of an older schema version become current ones, by collection. Reports
 * v1 only adds an optional field (decision.sectionsRevision), so stored reports stay as they are.
 */
export const replicatedMigrations: Partial<Record<CollectionName, Record<number, (doc: never) => unknown>>> =
  {
    reports: { 1: (report: Report) => report },
    // Version 1 adds the optional daily rate: stored assignments stay as they are.
    assignments: { 1: (assignment: Assignment) => assignment },
  };

const syncMarkSchemaLiteral = {
  title: 'sync mark',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    /** `${collection}:${docId}` */
    id: { type: 'string', maxLength: 120 },
    fingerprint: { type: 'string' },
  },
  required: ['id', 'fingerprint'],
} as const;
export type SyncMark = ExtractDocumentTypeFromTypedRxJsonSchema<DeepMutable<typeof syncMarkSchemaLiteral>>;
export const syncMarkSchema: RxJsonSchema<SyncMark> = syncMarkSchemaLiteral as never;
