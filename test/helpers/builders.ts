/**
 * Builders of valid documents for tests: each returns a document that passes its schema in
 * src/shared/schemas (test/unit/builders.test.ts checks the defaults), with the fields a test
 * cares about given as overrides. The defaults fit together: a log, timesheet or report belongs to
 * `anAssignment()` (assignment-1, June 2025 inside its period). On the demo server pass
 * `assignmentId: 'asg-expert1'` and a date of the demo's months.
 *
 *   aLog({ date: '2025-06-03', hours: 4 })
 *   aTimesheet({ status: 'submitted', submission })     // id follows assignmentId and month
 *   aReport({ kind: 'final' }, anAssignment().objectives)
 */
import { newReport } from '../../src/shared/rules/report-rules';
import type { Assignment } from '../../src/shared/schemas';
import { reportId } from '../../src/shared/schemas/report.schema';
import { timesheetId } from '../../src/shared/schemas/timesheet.schema';
import type { SyncDocument } from '../../src/shared/sync/protocol';
import type { PublicUser } from '../../src/shared/users';

/** The users the default assignment names: its expert, its supervisor, and an officer. */
export const expert: PublicUser = { id: 'expert-1', email: 'e@demo.test', name: 'Amina', role: 'expert' };
export const supervisor: PublicUser = { id: 'sup-1', email: 's@demo.test', name: 'Sam', role: 'supervisor' };
export const officer: PublicUser = { id: 'off-1', email: 'o@demo.test', name: 'Olu', role: 'officer' };

/** A physical assignment in Somalia from 20 May to 31 July 2025, with no objectives. */
export function anAssignment(overrides: Partial<Assignment> = {}): Assignment {
  return {
    id: 'assignment-1',
    expertId: expert.id,
    expertName: 'Amina Expert',
    institution: { name: 'Ministry of Water', country: 'Somalia', sector: 'Water' },
    supervisorIds: [supervisor.id],
    supervisorNames: ['Sam Supervisor'],
    mode: 'physical',
    startDate: '2025-05-20',
    endDate: '2025-07-31',
    objectives: [],
    status: 'active',
    ...overrides,
  };
}

/** Six hours on site on 2 June 2025, with a new id. */
export function aLog(overrides: Partial<SyncDocument<'logs'>> = {}): SyncDocument<'logs'> {
  return {
    id: crypto.randomUUID(),
    assignmentId: 'assignment-1',
    date: '2025-06-02',
    hours: 6,
    workMode: 'on_site',
    location: 'Mogadishu',
    activities: 'Calibrated the turbidity meters with the water-quality unit.',
    ktActivities: [{ type: 'training', peopleReached: 3 }],
    notes: '',
    _deleted: false,
    ...overrides,
  };
}

/** A draft of June 2025; its id is its assignment and month (TS-1) unless given. */
export function aTimesheet(overrides: Partial<SyncDocument<'timesheets'>> = {}): SyncDocument<'timesheets'> {
  const assignmentId = overrides.assignmentId ?? 'assignment-1';
  const month = overrides.month ?? '2025-06';
  return {
    id: timesheetId(assignmentId, month),
    assignmentId,
    month,
    status: 'draft',
    _deleted: false,
    ...overrides,
  };
}

/**
 * A draft inception report with empty sections and one not-started entry per objective, as a
 * device starts it (newReport); its id is its assignment and kind (RP-1) unless given.
 */
export function aReport(
  overrides: Partial<SyncDocument<'reports'>> = {},
  objectives: readonly string[] = [],
): SyncDocument<'reports'> {
  const assignmentId = overrides.assignmentId ?? 'assignment-1';
  const kind = overrides.kind ?? 'inception';
  return {
    ...newReport({ id: assignmentId, objectives: [...objectives] }, kind),
    id: reportId(assignmentId, kind),
    _deleted: false,
    ...overrides,
  };
}

/**
 * A step of a timesheet's or report's history as a device might send it, made up: the server
 * writes history itself (TS-5, RP-6) and must ignore this.
 */
export function aForgedHistoryStep<To extends string>(to: To) {
  return {
    at: '2001-01-01T00:00:00.000Z',
    byUserId: 'x',
    byName: 'Nobody',
    role: 'officer' as const,
    from: 'submitted' as const,
    to,
  };
}
