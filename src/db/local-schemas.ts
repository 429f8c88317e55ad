/**
 * Device-only collections, never replicated.
 * - `refusals`: what the user typed when the server refused it or another device won a clash,
 *   with the reason. Nothing a user typed disappears silently.
 * - `sync_marks`: a fingerprint of the last server version seen per document, so the device can
 *   count and date its changes that the server has not got yet.
 */
import type { DeepMutable, ExtractDocumentTypeFromTypedRxJsonSchema, RxJsonSchema } from 'rxdb';
import type { Assignment, CollectionName, Report } from '../shared/schemas';

export const REFUSAL_CODES = ['forbidden', 'invalid', 'rule', 'conflict'] as const;

const refusalSchemaLiteral = {
  title: 'refused change',
  // v1: docId up to 80 characters, the length of a report id (v0 said 64).
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 100 },
    collectionName: { type: 'string', maxLength: 40 },
    // The longest primary key of a replicated collection (reports: 80).
    docId: { type: 'string', maxLength: 80 },
    // The user's version as JSON text: it may break the collection's rules, so it is kept opaque.
    attempted: { type: 'string' },
    code: { type: 'string', enum: REFUSAL_CODES },
    message: { type: 'string' },
    at: { type: 'string', maxLength: 30 },
  },
  required: ['id', 'collectionName', 'docId', 'attempted', 'code', 'message', 'at'],
  indexes: ['at'],
} as const;
export type Refusal = ExtractDocumentTypeFromTypedRxJsonSchema<DeepMutable<typeof refusalSchemaLiteral>>;

/** A new refusal's id: unique even for several kept at the same moment (at most 47 characters). */
export function newRefusalId(collection: string): string {
  return `${collection}:${crypto.randomUUID()}`;
}
export const refusalSchema: RxJsonSchema<Refusal> = refusalSchemaLiteral as never;
/** How a stored refusal of an older schema version becomes one of the current version. */
export const refusalMigrations = {
  1: (refusal: Refusal) => refusal,
};

/**
 * The same for the replicated collections, by collection. Reports v1 only adds an optional
 * field (decision.sectionsRevision), so stored reports stay as they are.
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
