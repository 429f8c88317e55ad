/**
 * The push policy of host institutions (docs/sync-protocol.md IN-*): only officers write them
 * (IN-1), a sector is one of its country's (IN-2), each change is audited (IN-3), and an
 * institution that people or assignments belong to is not deleted (IN-4). Institutions belong to
 * no assignment: each is its own key.
 */
import {
  institutionInUseProblem,
  institutionSectorProblem,
} from '../../../src/shared/rules/institution-rules';
import type { Reason } from '../../../src/shared/reasons';
import type { Institution } from '../../../src/shared/schemas';
import { auditDocumentChange } from './assignments';
import { lockable, writeAccess, type CollectionPolicy, type PolicyRow } from './policy';

export const institutionsPolicy: CollectionPolicy<Institution> = {
  // The scope the assignments that name the institution take too (IN-4, AS-8).
  lockKeys: (doc) => ({ scopes: lockable(doc.id) ? [`institution:${doc.id}`] : [], assignmentIds: [] }),
  access: async ({ user }) => writeAccess(user, 'institutions', undefined),
  async rules(row) {
    const problem = row.deleted ? await inUseProblem(row) : institutionSectorProblem(row.data);
    return problem ? { code: 'rule', reasons: [problem] } : null;
  },
  keyOf: (institution) => institution.id,
  afterWrite: ({ tx, user, now, current, deleted }, stored) =>
    auditDocumentChange(tx, { actorId: user.id, at: now }, 'institution', current, stored, deleted),
};

/** IN-4: read under the institution's scope lock, which adding a person to it also takes. */
async function inUseProblem({ tx, data, current }: PolicyRow<Institution>): Promise<Reason | null> {
  if (!current || current.deleted) return null;
  const assignmentIds = (await tx.listAssignments())
    .filter((stored) => !stored.deleted && stored.data.institutionId === data.id)
    .map((stored) => stored.id);
  const people = await tx.countPeopleOfInstitution(data.id);
  return institutionInUseProblem({ people, assignmentIds });
}
