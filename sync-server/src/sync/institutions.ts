/**
 * What the server decides about a pushed host institution (docs/sync-protocol.md IN-*): only
 * officers write it (IN-1), its sector is one of its country's (IN-2), each change is audited
 * (IN-3), and an institution that people or assignments belong to is not deleted (IN-4). Institutions belong to no assignment,
 * so none of the assignment-keyed stages of a push apply to them.
 */
import { writeRefusal } from '../../../src/shared/rules/access';
import {
  institutionInUseProblem,
  institutionSectorProblem,
} from '../../../src/shared/rules/institution-rules';
import type { Institution } from '../../../src/shared/schemas';
import type { PublicUser } from '../../../src/shared/users';
import type { DocumentTransaction, StoredDocument } from '../storage/types';
import { auditDocumentChange } from './assignments';

/** Why the change is refused, with the rejection code, or null. */
export async function institutionChangeRefusal(
  tx: DocumentTransaction,
  user: PublicUser,
  institution: Institution,
  deleted: boolean,
  current: StoredDocument | undefined,
): Promise<{ code: 'forbidden' | 'rule'; message: string } | null> {
  const forbidden = writeRefusal(user, 'institutions', undefined);
  if (forbidden) return { code: 'forbidden', message: forbidden };
  if (deleted) {
    if (!current || current.deleted) return null;
    // IN-4: read under the institution's scope lock, which adding a person to it also takes.
    const assignmentIds = (await tx.listAssignments())
      .filter((stored) => !stored.deleted && stored.data.institutionId === institution.id)
      .map((stored) => stored.id);
    const people = await tx.countPeopleOfInstitution(institution.id);
    const inUse = institutionInUseProblem({ people, assignmentIds });
    return inUse ? { code: 'rule', message: inUse } : null;
  }
  const sector = institutionSectorProblem(institution);
  return sector ? { code: 'rule', message: sector } : null;
}

export function auditInstitutionChange(
  tx: DocumentTransaction,
  entry: { actorId: string; at: Date },
  current: StoredDocument | undefined,
  next: Institution,
  deleted: boolean,
): Promise<void> {
  return auditDocumentChange(tx, entry, 'institution', current, next, deleted);
}
