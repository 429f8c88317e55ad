/**
 * Demo data for a first start: users, two assignments around today, their logs and timesheets.
 * Everything is written through the push path at plausible past times, so the documents are
 * validated, get seqs like any other write, and the timesheets carry real snapshots and history.
 *
 * Dates, with M the current month (UTC): the assignments run from today−70 to today+18, so
 * M−2 (clipped to the start) and M−1 are past months and M is open for logging.
 * - expert1: M−2 approved by supervisor1, M−1 submitted and waiting for supervisor1, and the
 *   recent week (today−1 … today−7; on the first days of a month some of it is in M−1).
 * - expert2: M−1 returned by supervisor2 with a comment and a day comment.
 * Knowledge-transfer reports (with the past months): expert1's inception report endorsed by
 * supervisor1 and mid-term report in draft, expert2's inception report submitted and waiting for
 * supervisor2.
 * With `programme: true` (the real demo) seed-programme.ts then adds a programme's worth of
 * experts, supervisors, assignments and their records, so the officers' dashboard has figures.
 */
import { addDays } from '../../src/shared/dates';
import { timesheetPeriod } from '../../src/shared/rules/timesheet-rules';
import type {
  Assignment,
  CollectionDocs,
  CollectionName,
  Institution,
  Report,
  Timesheet,
} from '../../src/shared/schemas';
import { reportId, type ReportKind, type ReportSections } from '../../src/shared/schemas/report.schema';
import { timesheetId } from '../../src/shared/schemas/timesheet.schema';
import type { PushRow, SyncDocument } from '../../src/shared/sync/protocol';
import { hashPassword } from './auth/passwords';
import type { Storage } from './storage/types';
import {
  PROGRAMME_SUPERVISOR_INSTITUTIONS,
  PROGRAMME_USERS,
  seedProgramme,
  type SeedWriter,
} from './seed-programme';
import { toSyncDocument } from './sync/documents';
import { applyPush } from './sync/push';
import { serverSnapshot } from './sync/timesheets';
import { markerOf } from '../../src/shared/sync/revision';
import {
  DEMO_APPROVED_MONTH_LOGS,
  DEMO_ASSIGNMENTS,
  DEMO_HOST_INSTITUTIONS,
  DEMO_LOGS,
  DEMO_PASSWORD,
  DEMO_RETURNED_MONTH_LOGS,
  DEMO_SUBMITTED_MONTH_LOGS,
  DEMO_SUPERVISOR_INSTITUTIONS,
  DEMO_USERS,
  demoInstitutionId,
} from './seed-data';
import { PROGRAMME_HOSTS } from './seed-programme-data';
import {
  DEMO_ENDORSEMENT_EXPERT1,
  DEMO_INCEPTION_EXPERT1,
  DEMO_INCEPTION_EXPERT2,
  DEMO_MIDTERM_EXPERT1,
} from './seed-report-data';

export { DEMO_HOST_INSTITUTIONS, DEMO_PASSWORD, DEMO_USERS } from './seed-data';

export const DEMO_ASSIGNMENT_OFFSET_DAYS = 70;
/** Within MAX_ASSIGNMENT_DAYS (92): the assignment ends 18 days after the seeding date. */
export const DEMO_ASSIGNMENT_LENGTH_DAYS = 88;

export interface SeedOptions {
  /**
   * Seed the past months' logs and timesheets (default true). Without them every day of the
   * assignments is open for logging: tests of the log protocol use that.
   */
  pastMonths?: boolean;
  /**
   * Add the programme-size data of seed-programme.ts after the demo above (default false): the
   * server's demo mode does, the tests do not, since many of them count documents.
   */
  programme?: boolean;
}

function user(id: string) {
  const found = DEMO_USERS.find((u) => u.id === id) ?? PROGRAMME_USERS.find((u) => u.id === id);
  if (!found) throw new Error(`No demo user ${id}`);
  return found;
}

/** The month before `month` ("2026-01" → "2025-12"). */
export function previousMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return monthNumber === 1 ? `${year - 1}-12` : `${year}-${String(monthNumber - 1).padStart(2, '0')}`;
}

/**
 * Seeds demo data if the storage has no users yet; returns whether it did. Server processes that
 * start together on one empty database seed it once: the check and the seed run exclusively.
 */
export function seedDemoData(
  storage: Storage,
  now: Date = new Date(),
  options: SeedOptions = {},
): Promise<boolean> {
  return storage.exclusively('seed-demo-data', async () => {
    if ((await storage.countUsers()) > 0) return false;
    await seedEmptyStorage(storage, now, options);
    return true;
  });
}

async function seedEmptyStorage(storage: Storage, now: Date, options: SeedOptions): Promise<void> {
  // One hash for every demo account: they share the documented password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = options.programme ? [...DEMO_USERS, ...PROGRAMME_USERS] : DEMO_USERS;
  const institutionOf = { ...DEMO_SUPERVISOR_INSTITUTIONS, ...PROGRAMME_SUPERVISOR_INSTITUTIONS };
  for (const demoUser of users) {
    // PE-11: a supervisor belongs to their assignments' institution (written just after).
    const institutionId = institutionOf[demoUser.id];
    await storage.createUser({ ...demoUser, passwordHash, ...(institutionId ? { institutionId } : {}) });
  }
  const writer = seedWriter(storage, now);
  await seedFirstDemo(writer, options);
  if (options.programme) await seedProgramme(writer);
}

/** Writes as a demo user through the push path; any refusal is a mistake in the demo data. */
function seedWriter(storage: Storage, now: Date): SeedWriter {
  // A past moment of a day, never later than the seeding time: documents look written back then.
  const at = (date: string, time: string) => {
    const moment = new Date(`${date}T${time}Z`);
    return moment < now ? moment : now;
  };

  const write = async (userId: string, collection: CollectionName, when: Date, docs: readonly object[]) => {
    const rows: PushRow[] = [];
    for (const doc of docs) {
      const id = (doc as { id: string }).id;
      const current = await storage.getDocument(collection, id);
      rows.push({
        newDocumentState: { ...doc, _deleted: false } as SyncDocument,
        assumedMasterState: current ? toSyncDocument(current) : undefined,
      });
    }
    const pushed = await applyPush({ storage, user: user(userId), now: when }, collection, rows);
    if (pushed.rejections.length > 0 || pushed.conflicts.length > 0) {
      throw new Error(`Demo data refused: ${JSON.stringify(pushed)}`);
    }
  };
  const stored = async <K extends CollectionName>(collection: K, id: string) =>
    (await storage.getDocument(collection, id))?.data as CollectionDocs[K];

  const submit = async (
    userId: string,
    fullName: string,
    assignment: Assignment,
    month: string,
    when: Date,
  ) => {
    const id = timesheetId(assignment.id, month);
    const draft: Timesheet = (await stored('timesheets', id)) ?? {
      id,
      assignmentId: assignment.id,
      month,
      status: 'draft',
    };
    const snapshot = await serverSnapshot(storage, assignment, month);
    await write(userId, 'timesheets', when, [
      { ...draft, status: 'submitted', submission: { declaration: true, fullName, snapshot } },
    ]);
  };
  const decide = async (userId: string, id: string, when: Date, patch: Partial<Timesheet>) =>
    write(userId, 'timesheets', when, [{ ...(await stored('timesheets', id)), ...patch }]);

  return { today: now.toISOString().slice(0, 10), at, write, stored, submit, decide };
}

/** Every demo host institution as a document (IN-*), with its city from the programme's table. */
function demoInstitutions(): Institution[] {
  return DEMO_HOST_INSTITUTIONS.map(({ name, country, sector }) => {
    const city = PROGRAMME_HOSTS.find((host) => host.name === name)?.city;
    return {
      id: demoInstitutionId(name),
      name,
      country,
      sector: sector as Institution['sector'],
      ...(city ? { city } : {}),
    };
  });
}

/** The five accounts' demo described at the top of this file. */
async function seedFirstDemo(writer: SeedWriter, options: SeedOptions): Promise<void> {
  const { today, at, write, stored, submit, decide } = writer;
  const startDate = addDays(today, -DEMO_ASSIGNMENT_OFFSET_DAYS);
  const endDate = addDays(startDate, DEMO_ASSIGNMENT_LENGTH_DAYS);

  // The host institutions first: the assignments name them (AS-8).
  await write('user-officer', 'institutions', at(addDays(startDate, -14), '09:00:00'), demoInstitutions());
  const assignments = DEMO_ASSIGNMENTS.map((a) => ({ ...a, startDate, endDate }) as Assignment);
  await write('user-officer', 'assignments', at(addDays(startDate, -7), '09:00:00'), assignments);
  const logOn = async (userId: string, assignmentId: string, date: string, log: object) =>
    write(userId, 'logs', at(date, '17:00:00'), [{ ...log, assignmentId, date }]);

  const thisMonth = today.slice(0, 7);
  const lastMonth = previousMonth(thisMonth);
  const monthBefore = previousMonth(lastMonth);
  const [asg1, asg2] = assignments as [Assignment, Assignment];
  // Never null: today−70 is always in or before M−2, and M−1 is whole.
  const approvedPeriod = timesheetPeriod(asg1, monthBefore)!;
  const firstOf = (month: string, day: number) => `${month}-${String(day).padStart(2, '0')}`;

  if (options.pastMonths !== false) {
    // M−2 has at least 9 days in the assignment: its last days are inside it.
    const approvedDays = [7, 6, 2, 1].map((back) => addDays(approvedPeriod.end, -back));
    for (const [i, log] of DEMO_APPROVED_MONTH_LOGS.entries()) {
      await logOn('user-expert1', asg1.id, approvedDays[i]!, log);
    }
    const submittedDays = [2, 3, 9, 10, 16].map((day) => firstOf(lastMonth, day));
    for (const [i, log] of DEMO_SUBMITTED_MONTH_LOGS.entries()) {
      await logOn('user-expert1', asg1.id, submittedDays[i]!, log);
    }
    const returnedDays = [4, 5, 11].map((day) => firstOf(lastMonth, day));
    for (const [i, log] of DEMO_RETURNED_MONTH_LOGS.entries()) {
      await logOn('user-expert2', asg2.id, returnedDays[i]!, log);
    }
  }
  // The recent week, before the timesheets: on the first days of a month some of it is in M−1.
  for (const { daysAgo, ...log } of DEMO_LOGS) {
    await logOn('user-expert1', asg1.id, addDays(today, -daysAgo), log);
  }
  if (options.pastMonths === false) return;

  // expert1, M−2: submitted on the 1st of M−1, approved two days later.
  const approvedId = timesheetId(asg1.id, monthBefore);
  await submit('user-expert1', 'Amina Yusuf', asg1, monthBefore, at(firstOf(lastMonth, 1), '08:30:00'));
  const submittedHash = (await stored('timesheets', approvedId)).submission!.snapshot.hash;
  await decide('user-supervisor1', approvedId, at(firstOf(lastMonth, 3), '10:15:00'), {
    status: 'approved',
    approval: {
      fullName: 'Abdirahman Warsame',
      signature: 'M10 42 C 22 8, 34 8, 40 30 S 58 52, 70 20 L 92 36',
      hash: submittedHash,
    },
  });

  // expert1, M−1: started as a draft in the month, submitted on the 1st of this month.
  await write('user-expert1', 'timesheets', at(firstOf(lastMonth, 20), '16:00:00'), [
    { id: timesheetId(asg1.id, lastMonth), assignmentId: asg1.id, month: lastMonth, status: 'draft' },
  ]);
  await submit('user-expert1', 'Amina Yusuf', asg1, lastMonth, at(firstOf(thisMonth, 1), '08:30:00'));

  // expert2, M−1: submitted on the 1st, returned by supervisor2 the next day.
  const returnedId = timesheetId(asg2.id, lastMonth);
  await submit('user-expert2', 'Chidi Okafor', asg2, lastMonth, at(firstOf(thisMonth, 1), '09:00:00'));
  await decide('user-supervisor2', returnedId, at(firstOf(thisMonth, 2), '11:00:00'), {
    status: 'returned',
    returned: {
      comment: 'Please check the hours before I sign: one day looks longer than the agency allows.',
      dayComments: [
        {
          date: firstOf(lastMonth, 5),
          comment: 'Ten hours on site: was part of it the evening team call? Log that part as remote.',
        },
      ],
    },
  });

  const report = (assignment: Assignment, kind: ReportKind, sections: ReportSections): Report => ({
    id: reportId(assignment.id, kind),
    assignmentId: assignment.id,
    kind,
    status: 'draft',
    sections,
  });
  const reportPatch = async (userId: string, id: string, when: Date, patch: Partial<Report>) =>
    write(userId, 'reports', when, [{ ...(await stored('reports', id)), ...patch }]);

  // expert1's inception report (due on day 14): drafted on day 9, submitted on day 13 and
  // endorsed by supervisor1 two days later.
  const inception1 = report(asg1, 'inception', DEMO_INCEPTION_EXPERT1);
  await write('user-expert1', 'reports', at(addDays(startDate, 9), '16:00:00'), [
    { ...inception1, sections: { ...DEMO_INCEPTION_EXPERT1, recommendations: '', sustainability: '' } },
  ]);
  await reportPatch('user-expert1', inception1.id, at(addDays(startDate, 13), '08:30:00'), {
    status: 'submitted',
    sections: DEMO_INCEPTION_EXPERT1,
  });
  await reportPatch('user-supervisor1', inception1.id, at(addDays(startDate, 15), '10:00:00'), {
    status: 'endorsed',
    decision: {
      kind: 'endorsed',
      comment: DEMO_ENDORSEMENT_EXPERT1,
      fullName: 'Abdirahman Warsame',
      sectionsRevision: markerOf(DEMO_INCEPTION_EXPERT1),
    },
  });

  // expert1's mid-term report: started last week, continued last night, not submitted yet.
  const midterm1 = report(asg1, 'midterm', DEMO_MIDTERM_EXPERT1);
  await write('user-expert1', 'reports', at(addDays(today, -6), '19:00:00'), [
    { ...midterm1, sections: { ...DEMO_MIDTERM_EXPERT1, ktNarrative: '', challenges: '' } },
  ]);
  await reportPatch('user-expert1', midterm1.id, at(addDays(today, -1), '20:30:00'), {
    sections: DEMO_MIDTERM_EXPERT1,
  });

  // expert2's inception report: written offline and submitted in one go on day 14.
  await write('user-expert2', 'reports', at(addDays(startDate, 14), '09:00:00'), [
    { ...report(asg2, 'inception', DEMO_INCEPTION_EXPERT2), status: 'submitted' },
  ]);
}
