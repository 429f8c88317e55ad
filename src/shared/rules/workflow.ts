/**
 * Workflows as data (docs/sync-protocol.md TS-2, TS-3, RP-2): a transition of a timesheet or a
 * report says from which states to which, who makes it, which fields it sets and which values it
 * needs, with the message shown when one is missing. The server's check, the device's writes, the
 * forms' messages and the screens' "may I?" all read the tables (timesheet-workflow.ts,
 * report-workflow.ts), so none of them can say something the others do not.
 */
import type { Assignment } from '../schemas/assignment.schema';
import { reason, type Reason } from '../reasons';
import type { RejectionCode } from '../sync/protocol';
import type { PublicUser } from '../users';

/** Who makes a transition: the assignment's expert, one of its host supervisors, any officer. */
export type Actor = 'expert' | 'supervisor' | 'officer';

export type AssignmentRoles = Pick<Assignment, 'expertId' | 'supervisorIds'>;

/** Why a change cannot stand, with the code the server answers with (SP-6): one reason or more. */
export interface RuleRefusal {
  code: RejectionCode;
  reasons: readonly Reason[];
}

export interface Transition<Status extends string, Doc> {
  from: readonly Status[];
  to: Status;
  by: Actor;
  /** The refusal (code 'forbidden') for anyone else. */
  forbidden: Reason;
  /** The refusal when the document is in none of the `from` states; values: `status`, the state it is in. */
  wrongState: string;
  /** The workflow's fields it may change; every other one must stay as it was. */
  sets: readonly (keyof Doc)[];
  /** The refusal when another field changes; absent, the workflow words it per field. */
  keeps?: Reason;
  /** The values the user must give, field → the reason when it is blank, in the form's order. */
  requires: Readonly<Record<string, Reason>>;
  /** Those values as the changed document carries them. */
  valuesOf(next: Doc): Readonly<Record<string, unknown>>;
  /** What else the transition needs that a form cannot ask for (the text read, the days signed). */
  check?(current: Doc | undefined, next: Doc): Reason | null;
}

export type Workflow<Kind extends string, Status extends string, Doc> = Readonly<
  Record<Kind, Transition<Status, Doc>>
>;

export function actsAs(user: PublicUser, assignment: AssignmentRoles, actor: Actor): boolean {
  if (user.role !== actor) return false;
  if (actor === 'expert') return assignment.expertId === user.id;
  return actor === 'officer' || assignment.supervisorIds.includes(user.id);
}

/** The transition from `from` to `to`, if the workflow has one: a pair of states names one. */
export function transitionBetween<Kind extends string, Status extends string, Doc>(
  workflow: Workflow<Kind, Status, Doc>,
  from: Status,
  to: Status,
): [Kind, Transition<Status, Doc>] | undefined {
  return (Object.entries(workflow) as [Kind, Transition<Status, Doc>][]).find(
    ([, transition]) => transition.to === to && transition.from.includes(from),
  );
}

/** What `user` may do with a document in `status`, asking nothing of what they have yet to type. */
export function allowedTransitions<Kind extends string, Status extends string, Doc>(
  workflow: Workflow<Kind, Status, Doc>,
  user: PublicUser,
  assignment: AssignmentRoles,
  status: Status,
): Kind[] {
  return (Object.entries(workflow) as [Kind, Transition<Status, Doc>][])
    .filter(([, transition]) => transition.from.includes(status) && actsAs(user, assignment, transition.by))
    .map(([kind]) => kind);
}

function isBlank(value: unknown): boolean {
  return typeof value === 'string'
    ? value.trim() === ''
    : value === undefined || value === null || value === false;
}

/** The reasons of the required values left blank, by field: what a form shows. */
export function missingFields<Status extends string, Doc>(
  transition: Transition<Status, Doc>,
  values: Readonly<Record<string, unknown>>,
): Partial<Record<string, Reason>> {
  return Object.fromEntries(Object.entries(transition.requires).filter(([field]) => isBlank(values[field])));
}

/** The first required value left blank, or null: what a write or the server refuses with. */
export function firstMissing<Status extends string, Doc>(
  transition: Transition<Status, Doc>,
  values: Readonly<Record<string, unknown>>,
): Reason | null {
  return Object.values(missingFields(transition, values))[0] ?? null;
}

/** Why `next` cannot be what `transition` makes of `current`: a blank value, then its own check. */
export function transitionRefusal<Status extends string, Doc>(
  transition: Transition<Status, Doc>,
  current: Doc | undefined,
  next: Doc,
): Reason | null {
  return firstMissing(transition, transition.valuesOf(next)) ?? transition.check?.(current, next) ?? null;
}

/**
 * The first of the refusals that hold whatever the transition, each a reason or null: an id that
 * is not the document's (`invalid`), a deletion, a document its assignment has no place for.
 */
export function shapeRefusal(problems: {
  id: Reason | null;
  deleted: Reason | null;
  outside: () => Reason | null;
}): RuleRefusal | null {
  if (problems.id) return { code: 'invalid', reasons: [problems.id] };
  if (problems.deleted) return { code: 'rule', reasons: [problems.deleted] };
  const outside = problems.outside();
  return outside ? { code: 'rule', reasons: [outside] } : null;
}

/** The device's refusal of a transition its document is not in a state for. */
export function wrongStateReason<Status extends string, Doc>(
  transition: Transition<Status, Doc>,
  status: Status,
): Reason {
  return reason(transition.wrongState, { status });
}
