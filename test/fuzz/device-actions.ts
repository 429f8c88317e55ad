/**
 * What a user does on a simulated device in the convergence fuzz, with the checks the app makes
 * before it writes (the log form's rules and month lock, the timesheet and report screens'
 * allowed decisions). Each action writes the device's fork only; replication does the rest.
 * An action returns a line for the run's trace, or null when it did not apply.
 */
import { monthSnapshot } from '../../src/db/timesheets';
import { addDays } from '../../src/shared/dates';
import { checkLogRules } from '../../src/shared/rules/log-rules';
import { mergeThreeWay } from '../../src/shared/sync/merge';
import { isReportEditable, newReport, reportsDue } from '../../src/shared/rules/report-rules';
import { assignmentMonths, isLocked, timesheetIdForLog } from '../../src/shared/rules/timesheet-rules';
import {
  SERVER_OWNED_FIELDS,
  type Assignment,
  type DailyLog,
  type Report,
  type Timesheet,
} from '../../src/shared/schemas';
import { WORK_MODES } from '../../src/shared/schemas/daily-log.schema';
import { OBJECTIVE_PROGRESS, TEXT_SECTIONS, reportId } from '../../src/shared/schemas/report.schema';
import { timesheetId } from '../../src/shared/schemas/timesheet.schema';
import { markerOf } from '../../src/shared/sync/revision';
import type { Random } from './prng';
import type { Doc, SimDevice } from './sim-device';

export interface ActionContext {
  rng: Random;
  /** The device's calendar date. */
  today: string;
  /** A few dates each run keeps coming back to, so days fill up and devices collide. */
  hotDates: string[];
  nextId: () => string;
}

type Action = (device: SimDevice, ctx: ActionContext) => Promise<string | null>;

const asDoc = (value: object) => ({ ...value, _deleted: false }) as unknown as Doc;

function ownAssignments(device: SimDevice): Assignment[] {
  return device.live('assignments').map((doc) => doc as unknown as Assignment);
}

/** The log form refuses a day of a month this device holds as submitted or approved (TS-6). */
function monthLocked(device: SimDevice, log: Pick<DailyLog, 'assignmentId' | 'date'>): boolean {
  const timesheet = device.get('timesheets', timesheetIdForLog(log)) as Timesheet | undefined;
  return isLocked(timesheet?.status);
}

/** The log form's check: the rules against this device's other logs of that day. */
function formAccepts(device: SimDevice, log: DailyLog, assignment: Assignment, today: string): boolean {
  const others = device.live('logs').filter((doc) => doc.date === log.date && doc.id !== log.id);
  const otherHoursThatDay = others.reduce((sum, doc) => sum + (doc.hours as number), 0);
  return (
    checkLogRules(log, { assignment, otherHoursThatDay, otherLogsThatDay: others.length, today }).length === 0
  );
}

function pickDate(ctx: ActionContext, assignment: Assignment): string {
  if (ctx.rng.chance(0.8)) return ctx.rng.pick(ctx.hotDates);
  const last = assignment.endDate < ctx.today ? assignment.endDate : ctx.today;
  const span = Math.round((Date.parse(last) - Date.parse(assignment.startDate)) / 86_400_000);
  return addDays(assignment.startDate, ctx.rng.int(span + 1));
}

function logFields(ctx: ActionContext): Pick<DailyLog, 'hours' | 'workMode' | 'activities' | 'notes'> {
  const hours = ctx.rng.int(41) * 0.25;
  return {
    hours,
    workMode: ctx.rng.pick(WORK_MODES),
    activities: hours > 0 || ctx.rng.chance(0.5) ? ctx.rng.words() : '',
    notes: ctx.rng.chance(0.3) ? ctx.rng.words() : '',
  };
}

const createLog: Action = async (device, ctx) => {
  const assignment = ctx.rng.pick(ownAssignments(device));
  const log: DailyLog = {
    id: ctx.nextId(),
    assignmentId: assignment.id,
    date: pickDate(ctx, assignment),
    location: ctx.rng.words(2),
    ktActivities: [],
    ...logFields(ctx),
  };
  if (monthLocked(device, log) || !formAccepts(device, log, assignment, ctx.today)) return null;
  device.write('logs', asDoc(log));
  return `creates log ${log.id} on ${log.date} (${log.hours} h)`;
};

const editLog: Action = async (device, ctx) => {
  const logs = device.live('logs') as unknown as DailyLog[];
  if (logs.length === 0) return null;
  const before = ctx.rng.pick(logs);
  const assignment = ownAssignments(device).find((a) => a.id === before.assignmentId);
  if (!assignment) return null;
  const fields = logFields(ctx);
  const after: DailyLog = { ...before };
  // Most edits touch one or two fields, so edits on two devices often merge cleanly.
  for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
    if (ctx.rng.chance(0.4)) (after as Record<string, unknown>)[key] = fields[key];
  }
  if (ctx.rng.chance(0.15)) after.date = pickDate(ctx, assignment);
  if (after.hours > 0 && !after.activities.trim()) after.activities = ctx.rng.words();
  if (monthLocked(device, before) || monthLocked(device, after)) return null;
  if (!formAccepts(device, after, assignment, ctx.today)) return null;
  device.write('logs', { ...(after as unknown as Doc), _deleted: false });
  return `edits log ${after.id} (${after.date}, ${after.hours} h)`;
};

/** Log edit screens left open, by device: what each log was when its screen opened. */
const openScreens = new WeakMap<SimDevice, Map<string, DailyLog>>();

const openLogScreen: Action = async (device, ctx) => {
  const logs = device.live('logs') as unknown as DailyLog[];
  if (logs.length === 0) return null;
  const log = structuredClone(ctx.rng.pick(logs));
  const screens = openScreens.get(device) ?? new Map<string, DailyLog>();
  openScreens.set(device, screens.set(log.id, log));
  return `opens the edit screen of ${log.id}`;
};

/**
 * saveLogEdit (src/db/logs.ts): a screen opened before a sync brought other changes saves only
 * the fields the user changed; where both changed a field the current value stays and the
 * user's version is kept aside.
 */
const saveLogScreen: Action = async (device, ctx) => {
  const screens = openScreens.get(device);
  if (!screens || screens.size === 0) return null;
  const base = ctx.rng.pick([...screens.values()]);
  screens.delete(base.id);
  const current = device.get('logs', base.id) as unknown as DailyLog | undefined;
  const assignment = ownAssignments(device).find((a) => a.id === base.assignmentId);
  if (!assignment) return null;
  const typed = { ...base, ...logFields(ctx) };
  if (typed.hours > 0 && !typed.activities.trim()) typed.activities = ctx.rng.words();
  if (!current) {
    // Deleted meanwhile (by a sync): the screen saves the log as typed, so it comes back.
    if (monthLocked(device, typed) || !formAccepts(device, typed, assignment, ctx.today)) return null;
    device.write('logs', { ...(typed as unknown as Doc), _deleted: false });
    return `saves the edit screen of ${base.id}, deleted meanwhile: the log comes back`;
  }
  const { merged, clashes } = mergeThreeWay<DailyLog>(base, typed, current, SERVER_OWNED_FIELDS);
  const saved: DailyLog = { ...current };
  for (const key of Object.keys(typed) as (keyof DailyLog)[])
    (saved as Record<string, unknown>)[key] = merged[key];
  if (monthLocked(device, current) || monthLocked(device, saved)) return null;
  if (!formAccepts(device, saved, assignment, ctx.today)) return null;
  device.write('logs', { ...(saved as unknown as Doc), _deleted: false });
  if (clashes.length > 0) {
    device.keepAside({
      collection: 'logs',
      docId: base.id,
      attempted: typed,
      code: 'conflict',
      reasons: [{ id: 'device.log.changedWhileEditing', values: { fields: clashes.join(', ') } }],
    });
  }
  return `saves the edit screen of ${base.id} opened earlier${clashes.length ? ` (kept aside: ${clashes.join(', ')})` : ''}`;
};

const deleteLog: Action = async (device, ctx) => {
  const logs = device.live('logs') as unknown as DailyLog[];
  if (logs.length === 0) return null;
  const log = ctx.rng.pick(logs);
  if (monthLocked(device, log)) return null;
  device.write('logs', { ...(log as unknown as Doc), _deleted: true });
  return `deletes log ${log.id}`;
};

/** submitTimesheet (src/db/timesheets.ts): the snapshot of the month as this device holds it. */
const submitMonth: Action = async (device, ctx) => {
  const assignment = ctx.rng.pick(ownAssignments(device));
  const month = ctx.rng.pick(assignmentMonths(assignment).filter((m) => m <= ctx.today.slice(0, 7)));
  const id = timesheetId(assignment.id, month);
  const current = device.get('timesheets', id) as Timesheet | undefined;
  if (current && current.status !== 'draft' && current.status !== 'returned') return null;
  const logs = device.live('logs') as unknown as DailyLog[];
  const snapshot = await monthSnapshot(logs, assignment, month);
  if (snapshot.logs.length === 0) return null;
  const submission = { declaration: true as const, fullName: device.user.name, snapshot };
  const next: Timesheet = current
    ? { ...current, status: 'submitted', submission }
    : { id, assignmentId: assignment.id, month, status: 'submitted', submission };
  device.write('timesheets', asDoc(next));
  return `submits ${id} (${snapshot.logs.length} logs)`;
};

/** ensureReport, then an autosaved section or objective (src/db/reports.ts). */
const editReport: Action = async (device, ctx) => {
  const assignment = ctx.rng.pick(ownAssignments(device));
  const kind = ctx.rng.pick(reportsDue(assignment)).kind;
  const report =
    (device.get('reports', reportId(assignment.id, kind)) as Report | undefined) ??
    newReport(assignment, kind);
  if (!isReportEditable(report.status)) return null;
  const sections = structuredClone(report.sections);
  if (ctx.rng.chance(0.75)) {
    const section = ctx.rng.pick(TEXT_SECTIONS);
    sections[section] = ctx.rng.chance(0.1) ? '' : ctx.rng.words();
  } else if (sections.objectives.length > 0) {
    const objective = ctx.rng.pick(sections.objectives);
    objective.progress = ctx.rng.pick(OBJECTIVE_PROGRESS);
    objective.evidence = ctx.rng.words();
  }
  device.write('reports', asDoc({ ...report, sections }));
  return `edits report ${report.id}`;
};

const submitReport: Action = async (device, ctx) => {
  const reports = (device.live('reports') as unknown as Report[]).filter(
    (r) => isReportEditable(r.status) && r.sections.summary.trim() !== '',
  );
  if (reports.length === 0) return null;
  const report = ctx.rng.pick(reports);
  device.write('reports', asDoc({ ...report, status: 'submitted' }));
  return `submits report ${report.id}`;
};

function withStatus<T extends { status: string }>(
  device: SimDevice,
  collection: 'timesheets' | 'reports',
  status: string,
) {
  return (device.live(collection) as unknown as T[]).filter((doc) => doc.status === status);
}

const decideTimesheet: Action = async (device, ctx) => {
  const submitted = withStatus<Timesheet>(device, 'timesheets', 'submitted');
  if (submitted.length === 0) return null;
  const timesheet = ctx.rng.pick(submitted);
  if (ctx.rng.chance(0.5)) {
    const approval = { fullName: device.user.name, hash: timesheet.submission!.snapshot.hash };
    device.write('timesheets', asDoc({ ...timesheet, status: 'approved', approval }));
    return `approves ${timesheet.id}`;
  }
  const dayComments = ctx.rng.chance(0.5)
    ? [{ date: `${timesheet.month}-05`, comment: ctx.rng.words() }]
    : [];
  device.write(
    'timesheets',
    asDoc({ ...timesheet, status: 'returned', returned: { comment: ctx.rng.words(), dayComments } }),
  );
  return `returns ${timesheet.id}`;
};

const decideReport: Action = async (device, ctx) => {
  const submitted = withStatus<Report>(device, 'reports', 'submitted');
  if (submitted.length === 0) return null;
  const report = ctx.rng.pick(submitted);
  const kind = ctx.rng.pick(['endorsed', 'changes_requested'] as const);
  const decision = { kind, comment: ctx.rng.words(), sectionsRevision: markerOf(report.sections) };
  device.write('reports', asDoc({ ...report, status: kind, decision }));
  return `${kind === 'endorsed' ? 'endorses' : 'requests changes to'} ${report.id}`;
};

const reopenTimesheet: Action = async (device, ctx) => {
  const approved = withStatus<Timesheet>(device, 'timesheets', 'approved');
  if (approved.length === 0) return null;
  const timesheet = ctx.rng.pick(approved);
  device.write(
    'timesheets',
    asDoc({ ...timesheet, status: 'returned', reopened: { reason: ctx.rng.words() } }),
  );
  return `reopens ${timesheet.id}`;
};

const reviewReport: Action = async (device, ctx) => {
  const endorsed = withStatus<Report>(device, 'reports', 'endorsed');
  if (endorsed.length === 0) return null;
  const report = ctx.rng.pick(endorsed);
  device.write('reports', asDoc({ ...report, status: 'reviewed', review: { comment: ctx.rng.words() } }));
  return `reviews ${report.id}`;
};

/** Weighted: mostly logs for experts, as in the field. */
const ACTIONS: Record<string, readonly [Action, number][]> = {
  expert: [
    [createLog, 4],
    [editLog, 3],
    [openLogScreen, 1],
    [saveLogScreen, 1],
    [deleteLog, 1],
    [submitMonth, 2],
    [editReport, 2],
    [submitReport, 1],
  ],
  supervisor: [
    [decideTimesheet, 2],
    [decideReport, 1],
  ],
  officer: [
    [reopenTimesheet, 1],
    [reviewReport, 1],
  ],
};

export async function act(device: SimDevice, ctx: ActionContext): Promise<string | null> {
  const actions = ACTIONS[device.user.role]!;
  if (device.user.role === 'expert' && ownAssignments(device).length === 0) return null;
  let roll = ctx.rng.next() * actions.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [action, weight] of actions) {
    roll -= weight;
    if (roll < 0) return action(device, ctx);
  }
  return null;
}
