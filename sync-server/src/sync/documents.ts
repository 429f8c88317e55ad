/** Access to stored documents for one user: which assignments they may read, and the wire shape. */
import { OFFICERS_ONLY, canReadAssignment, isOfficersOnly } from '../../../src/shared/rules/access';
import type { CollectionName } from '../../../src/shared/schemas';
import type { SyncDocument } from '../../../src/shared/sync/protocol';
import type { PublicUser } from '../../../src/shared/users';
import type { DocumentReader, StoredDocument } from '../storage/types';
import type { AssignmentAccess } from './event-bus';

/** The stored document as devices see it: the data plus `_deleted` (SP-5). */
export function toSyncDocument(doc: StoredDocument): SyncDocument {
  return { ...doc.data, _deleted: doc.deleted } as SyncDocument;
}

/**
 * Ids of the assignments whose rows the user may read (SP-7), or 'all' for officers. Of a
 * collection only officers read (IN-1), nobody else reads any row, whatever its key.
 */
export async function readableAssignmentIds(
  reader: DocumentReader,
  user: PublicUser,
  collection?: CollectionName,
): Promise<string[] | 'all'> {
  if (user.role === 'officer') return 'all';
  if (collection && isOfficersOnly(collection)) return [];
  const assignments = await reader.listAssignments();
  return assignments.filter((a) => canReadAssignment(user, a.data)).map((a) => a.id);
}

/** The access fields of the assignment a stored document belongs to, if that assignment exists. */
export async function accessOf(
  reader: DocumentReader,
  doc: StoredDocument,
): Promise<AssignmentAccess | undefined> {
  if (doc.collection === 'assignments') return doc.data as AssignmentAccess;
  // IN-1: an institution is keyed by its own id, which must never borrow an assignment's readers.
  if (isOfficersOnly(doc.collection)) return OFFICERS_ONLY;
  return (await reader.getDocument('assignments', doc.assignmentId))?.data;
}
