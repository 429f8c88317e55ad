/**
 * What the server decides about a pushed programme target (docs/sync-protocol.md TG-*): only
 * officers write it (TG-1), its country is a programme country, its id that country and its value
 * a whole number within bounds (TG-2). A target belongs to no assignment, so none of the
 * assignment-keyed stages of a push apply to it.
 */
import { writeRefusal } from '../../../src/shared/rules/access';
import { targetProblem } from '../../../src/shared/rules/target-rules';
import type { ProgrammeTarget } from '../../../src/shared/schemas';
import type { PublicUser } from '../../../src/shared/users';

/** Why the change is refused, with the rejection code, or null. */
export function targetChangeRefusal(
  user: PublicUser,
  target: ProgrammeTarget,
  deleted: boolean,
): { code: 'forbidden' | 'rule'; message: string } | null {
  const forbidden = writeRefusal(user, 'targets', undefined);
  if (forbidden) return { code: 'forbidden', message: forbidden };
  // Deleting a target brings the country back to the default (TG-2): whatever the tombstone carries.
  if (deleted) return null;
  const problem = targetProblem(target);
  return problem ? { code: 'rule', message: problem } : null;
}
