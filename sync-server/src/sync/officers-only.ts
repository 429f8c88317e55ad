/**
 * One policy per collection that belongs to no assignment and only officers read and write
 * (isOfficersOnly: host institutions IN-*, programme targets TG-*). A push of such a row has the
 * stages every row has (SP-3, SP-4, the server's stamps), and the collection's own: who may write
 * it and its rules, the scope its writes are serialised on, and an audit entry where kept.
 */
import type { CollectionName, Institution, ProgrammeTarget } from '../../../src/shared/schemas';
import type { PublicUser } from '../../../src/shared/users';
import type { DocumentTransaction, StoredDocument } from '../storage/types';
import { auditInstitutionChange, institutionChangeRefusal } from './institutions';
import { targetChangeRefusal } from './targets';

type OfficersOnlyDoc = Institution | ProgrammeTarget;

export interface OfficersOnlyPolicy {
  /** Why the change is refused, with the rejection code, or null. */
  refusal(
    tx: DocumentTransaction,
    user: PublicUser,
    doc: OfficersOnlyDoc,
    deleted: boolean,
    current: StoredDocument | undefined,
  ): Promise<{ code: 'forbidden' | 'rule'; message: string } | null>;
  /** The lock scope of the document's writes: two pushes of one document run one after the other. */
  lockScope(id: string): string;
  audit?(
    tx: DocumentTransaction,
    entry: { actorId: string; at: Date },
    current: StoredDocument | undefined,
    next: OfficersOnlyDoc,
    deleted: boolean,
  ): Promise<void>;
}

const POLICIES: Partial<Record<CollectionName, OfficersOnlyPolicy>> = {
  institutions: {
    refusal: (tx, user, doc, deleted, current) =>
      institutionChangeRefusal(tx, user, doc as Institution, deleted, current),
    // The scope the assignments that name the institution take too (IN-3, AS-8).
    lockScope: (id) => `institution:${id}`,
    audit: (tx, entry, current, next, deleted) =>
      auditInstitutionChange(tx, entry, current, next as Institution, deleted),
  },
  targets: {
    refusal: async (_tx, user, doc, deleted) => targetChangeRefusal(user, doc as ProgrammeTarget, deleted),
    // TG-1: two officers setting one country's target at once: the second is based on the first.
    lockScope: (id) => `target:${id}`,
  },
};

export function officersOnlyPolicy(collection: CollectionName): OfficersOnlyPolicy {
  const policy = POLICIES[collection];
  if (!policy) throw new Error(`${collection} is not an officers-only collection`);
  return policy;
}
