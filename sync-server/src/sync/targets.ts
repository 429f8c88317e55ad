/**
 * The push policy of programme targets (docs/sync-protocol.md TG-*): only officers write them
 * (TG-1), a country is a programme country, the id that country and the value a whole number
 * within bounds (TG-2). A target belongs to no assignment: each is its own key.
 */
import { targetProblem } from '../../../src/shared/rules/target-rules';
import type { ProgrammeTarget } from '../../../src/shared/schemas';
import { lockable, writeAccess, type CollectionPolicy } from './policy';

export const targetsPolicy: CollectionPolicy<ProgrammeTarget> = {
  // TG-1: two officers setting one country's target at once: the second is based on the first.
  lockKeys: (doc) => ({ scopes: lockable(doc.id) ? [`target:${doc.id}`] : [], assignmentIds: [] }),
  access: async ({ user }) => writeAccess(user, 'targets', undefined),
  async rules({ data, deleted }) {
    // Deleting a target brings the country back to the default (TG-2): whatever the tombstone carries.
    const problem = deleted ? null : targetProblem(data);
    return problem ? { code: 'rule', reasons: [problem] } : null;
  },
  keyOf: (target) => target.id,
};
