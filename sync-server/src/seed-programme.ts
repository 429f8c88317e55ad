/**
 * The programme-size part of the demo (seedDemoData with `programme: true`): 24 more experts of
 * Afghan, Iraqi, Nigerian and Somali origin living in the Netherlands and the EU, a host
 * supervisor at every host institution of seed-data.ts (belonging to it, PE-11), and a second programme officer. Each
 * expert has completed, active and planned assignments around the seeding date, logs on the days
 * worked, timesheets and reports in the states a programme has at any moment, so the officers'
 * dashboard has figures for every country and sector.
 *
 * Everything is derived from the seeding date, the tables below and a seeded generator, and is
 * written through the push path like the rest of the demo, so every server rule holds.
 */
import { addDays, daysBetween, type IsoDate } from '../../src/shared/dates';
import type { Country } from '../../src/shared/reference-data';
import { activitySummary, reportPeriod, reportsDue } from '../../src/shared/rules/report-rules';
import { assignmentMonths, timesheetPeriod } from '../../src/shared/rules/timesheet-rules';
import type {
  Assignment,
  CollectionDocs,
  CollectionName,
  DailyLog,
  Timesheet,
} from '../../src/shared/schemas';
import {
  KT_ACTIVITY_LABELS,
  KT_ACTIVITY_TYPES,
  type WorkMode,
} from '../../src/shared/schemas/daily-log.schema';
import { reportId, type ReportKind, type ReportSections } from '../../src/shared/schemas/report.schema';
import { timesheetId } from '../../src/shared/schemas/timesheet.schema';
import { markerOf } from '../../src/shared/sync/revision';
import type { PublicUser } from '../../src/shared/users';
import { DEMO_HOST_INSTITUTIONS, demoInstitutionId, type HostInstitution } from './seed-data';
import {
  CHALLENGES,
  EVIDENCE,
  LOG_NOTES,
  PROGRAMME_EXPERTS,
  PROGRAMME_HOSTS,
  PROGRAMME_OFFICER,
  PROGRAMME_SUPERVISORS,
  RECOMMENDATIONS,
  REMOTE_WORK,
  SECTOR_WORK,
} from './seed-programme-data';

/** How seed.ts writes: as a demo user, through the push path, at a past moment. */
export interface SeedWriter {
  /** The seeding date (UTC). */
  today: IsoDate;
  /** That moment of the day, or the seeding time if it is later. */
  at(date: IsoDate, time: string): Date;
  write(userId: string, collection: CollectionName, when: Date, docs: readonly object[]): Promise<void>;
  stored<K extends CollectionName>(collection: K, id: string): Promise<CollectionDocs[K]>;
  /** Submits the month with the server's snapshot of its logs (TS-4). */
  submit(userId: string, fullName: string, assignment: Assignment, month: string, when: Date): Promise<void>;
  decide(userId: string, id: string, when: Date, patch: Partial<Timesheet>): Promise<void>;
}

/** The first programme expert is expert3: expert1 and expert2 are the documented demo. */
const FIRST_EXPERT_NUMBER = 3;
const FIRST_SUPERVISOR_NUMBER = 3;

const experts = PROGRAMME_EXPERTS.map((expert, i) => ({
  ...expert,
  id: `user-expert${FIRST_EXPERT_NUMBER + i}`,
  email: `expert${FIRST_EXPERT_NUMBER + i}@demo.test`,
}));
const supervisors = PROGRAMME_SUPERVISORS.map((name, i) => ({
  name,
  id: `user-supervisor${FIRST_SUPERVISOR_NUMBER + i}`,
  email: `supervisor${FIRST_SUPERVISOR_NUMBER + i}@demo.test`,
}));

export const PROGRAMME_USERS: readonly PublicUser[] = [
  ...experts.map(({ id, email, name }) => ({ id, email, name, role: 'expert' as const })),
  ...supervisors.map(({ id, email, name }) => ({ id, email, name, role: 'supervisor' as const })),
  { id: 'user-officer2', email: 'officer2@demo.test', name: PROGRAMME_OFFICER, role: 'officer' },
];

interface Host {
  institution: HostInstitution;
  city: string;
  supervisor: (typeof supervisors)[number];
}

const hosts: readonly Host[] = PROGRAMME_HOSTS.map(({ name, city, supervisor }) => {
  const institution = DEMO_HOST_INSTITUTIONS.find((candidate) => candidate.name === name);
  const person = supervisors[supervisor - FIRST_SUPERVISOR_NUMBER];
  if (!institution || !person) throw new Error(`Programme demo host ${name} is not in the tables`);
  return { institution, city, supervisor: person };
});

/** mulberry32: a small seeded generator, so every start from the same date seeds the same demo. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Weekdays off (0 = Sunday) where the expert works: the host country's, or the EU's at home. */
const REST_DAYS: Record<Country | 'home', readonly number[]> = {
  Afghanistan: [5],
  Iraq: [5, 6],
  Nigeria: [0, 6],
  Somalia: [4, 5],
  home: [0, 6],
};

interface Plan {
  assignment: Assignment;
  expert: (typeof experts)[number];
  /** The expert's place in the table: picks the states of their timesheets and reports. */
  index: number;
  /** 1 for the expert's oldest assignment, and so on. */
  ordinal: number;
  host: Host;
  logs: DailyLog[];
}

/** PE-11: each programme supervisor's host institution, by user id. */
export const PROGRAMME_SUPERVISOR_INSTITUTIONS: Readonly<Record<string, string>> = Object.fromEntries(
  hosts.map((host) => [host.supervisor.id, demoInstitutionId(host.institution.name)]),
);

/** Adds the programme to a storage that already holds the five accounts' demo. */
export async function seedProgramme(writer: SeedWriter): Promise<void> {
  const plans = experts.flatMap((expert, index) => planAssignments(expert, index, writer.today));
  for (const [i, { assignment }] of plans.entries()) {
    const officer = i % 2 === 0 ? 'user-officer' : 'user-officer2';
    await writer.write(officer, 'assignments', writer.at(addDays(assignment.startDate, -21), '09:00:00'), [
      assignment,
    ]);
  }
  for (const plan of plans) {
    plan.logs = workedDays(plan, writer.today);
    // A week at a time, as a phone that syncs now and then would send them.
    for (let start = 0; start < plan.logs.length; start += 7) {
      const week = plan.logs.slice(start, start + 7);
      await writer.write(plan.expert.id, 'logs', writer.at(week.at(-1)!.date, '18:30:00'), week);
    }
  }
  for (const plan of plans) await seedTimesheets(writer, plan);
  for (const plan of plans) await seedReports(writer, plan);
}

/**
 * The expert's assignments, oldest first and one after the other, so on-site ones never overlap
 * (AS-3): one or two completed, an active one for two experts in three, a planned one for two in
 * three (two of those cancelled). Every one lasts at most 92 days (AS-1).
 */
function planAssignments(expert: (typeof experts)[number], index: number, today: IsoDate): Plan[] {
  const random = generator(1000 + index);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const windows: { start: IsoDate; end: IsoDate }[] = [];
  let anchor = today;
  let active: { start: IsoDate; end: IsoDate } | undefined;
  if (index % 3 !== 2) {
    const elapsed = between(8, 67);
    const start = addDays(today, -elapsed);
    active = { start, end: addDays(start, Math.min(92, elapsed + between(6, 55)) - 1) };
    anchor = start;
  }
  const pastEnd = addDays(anchor, -between(10, 55));
  const past = { start: addDays(pastEnd, -between(30, 92) + 1), end: pastEnd };
  if (index % 4 === 0) {
    const end = addDays(past.start, -between(20, 80));
    windows.push({ start: addDays(end, -between(30, 75) + 1), end });
  }
  windows.push(past);
  if (active) windows.push(active);
  if (index % 3 !== 1) {
    const start = addDays(active?.end ?? today, between(14, 74));
    windows.push({ start, end: addDays(start, between(21, 90) - 1) });
  }

  const countryHosts = hosts.filter((host) => host.institution.country === expert.origin);
  // The experts of one origin work in its sectors in turn, so every sector has some.
  const place = experts.filter((other) => other.origin === expert.origin).indexOf(expert);
  const ownSector = countryHosts[place % countryHosts.length]!.institution.sector;
  const sectorHosts = countryHosts.filter((host) => host.institution.sector === ownSector);
  return windows.map((window, k) => {
    const host = sectorHosts[k % sectorHosts.length]!;
    const roll = random();
    const mode: Assignment['mode'] = roll < 0.45 ? 'physical' : roll < 0.75 ? 'hybrid' : 'virtual';
    const work = SECTOR_WORK[ownSector]!;
    const assignment: Assignment = {
      id: `asg-${expert.id.replace('user-', '')}-${k + 1}`,
      expertId: expert.id,
      expertName: expert.name,
      // The table's sectors are those of reference-data.ts; its type only says string.
      institution: { ...host.institution } as Assignment['institution'],
      institutionId: demoInstitutionId(host.institution.name),
      supervisorIds: [host.supervisor.id],
      supervisorNames: [host.supervisor.name],
      mode,
      startDate: window.start,
      endDate: window.end,
      objectives: work.objectives.filter((_, j) => j !== (index + k) % work.objectives.length),
      status: window.start > today && index % 12 === 5 ? 'cancelled' : statusOn(window, today),
    };
    return { assignment, expert, index, ordinal: k + 1, host, logs: [] };
  });
}

function statusOn(window: { start: IsoDate; end: IsoDate }, today: IsoDate): Assignment['status'] {
  if (window.start > today) return 'planned';
  return window.end < today ? 'completed' : 'active';
}

/** The logs of an assignment's days up to yesterday: travel, work on site or from home. */
function workedDays({ assignment, expert, host, index, ordinal }: Plan, today: IsoDate): DailyLog[] {
  if (assignment.status === 'cancelled') return [];
  const random = generator(5000 + index * 10 + ordinal);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const work = SECTOR_WORK[assignment.institution.sector]!;
  const { city } = host;
  // A hybrid assignment starts with three weeks at the host institution, then goes on from home.
  const lastOnSiteDay = assignment.mode === 'hybrid' ? 20 : Infinity;
  const lastDay = assignment.endDate < today ? assignment.endDate : addDays(today, -1);
  const logs: DailyLog[] = [];
  for (let day = assignment.startDate; day <= lastDay; day = addDays(day, 1)) {
    const offset = daysBetween(assignment.startDate, day);
    const travelsOut = assignment.mode !== 'virtual' && offset === 0;
    const travelsBack =
      (assignment.mode === 'physical' && day === assignment.endDate) ||
      (assignment.mode === 'hybrid' && offset === lastOnSiteDay);
    const mode: WorkMode =
      travelsOut || travelsBack
        ? 'travel'
        : assignment.mode === 'virtual' || offset > lastOnSiteDay || random() < 0.12
          ? 'remote'
          : 'on_site';
    const atHome = assignment.mode === 'virtual' || offset > lastOnSiteDay;
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const restDays = REST_DAYS[atHome ? 'home' : assignment.institution.country];
    if (mode !== 'travel' && (restDays.includes(weekday) || random() > (atHome ? 0.5 : 0.8))) continue;

    const base = { id: `log-${assignment.id}-${day}`, assignmentId: assignment.id, date: day, notes: '' };
    if (mode === 'travel') {
      logs.push({
        ...base,
        hours: between(12, 20) / 2,
        workMode: 'travel',
        location: travelsOut ? `${expert.home} – ${city}` : `${city} – ${expert.home}`,
        activities: travelsOut
          ? `Travelled from ${expert.home} to ${city}; security briefing and introduction at the host institution.`
          : `Handed over the working files to the team and travelled back from ${city} to ${expert.home}.`,
        ktActivities: [],
      });
    } else if (mode === 'on_site' || (assignment.mode === 'virtual' && random() < 0.55)) {
      const activity = pick(work.activities);
      const reached = Math.max(1, activity.people + between(-2, 3) - (mode === 'remote' ? 2 : 0));
      const ktActivities = [{ type: activity.type, peopleReached: reached }];
      if (random() < 0.2) ktActivities.push({ type: 'advice', peopleReached: between(1, 3) });
      logs.push({
        ...base,
        hours: mode === 'on_site' ? between(10, 17) / 2 : between(4, 10) / 2,
        workMode: mode,
        location: mode === 'on_site' ? assignment.institution.name : `${expert.home} (online)`,
        activities: activity.text,
        ktActivities,
        notes: random() < 0.1 ? pick(LOG_NOTES) : '',
      });
    } else {
      logs.push({
        ...base,
        hours: between(4, 12) / 2,
        workMode: 'remote',
        location: atHome ? expert.home : `${city} (guesthouse)`,
        activities: pick(REMOTE_WORK),
        ktActivities: random() < 0.4 ? [{ type: 'coaching_mentoring', peopleReached: between(1, 4) }] : [],
      });
    }
  }
  return logs;
}

function monthAfter(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

/**
 * The timesheets of the months before this one: older months approved (one expert in six still
 * waits on the month before last), last month submitted, approved, not yet submitted or
 * returned, by expert. A decision that would fall after today is not made yet.
 */
async function seedTimesheets(writer: SeedWriter, { assignment, expert, index, host, logs }: Plan) {
  const { today, at } = writer;
  const thisMonth = today.slice(0, 7);
  const months = assignmentMonths(assignment).filter((month) => month < thisMonth);
  for (const month of months) {
    const period = timesheetPeriod(assignment, month)!;
    const monthLogs = logs.filter((log) => log.date >= period.start && log.date <= period.end);
    if (monthLogs.length === 0) continue;
    const id = timesheetId(assignment.id, month);
    const isLastMonth = monthAfter(month) === thisMonth;
    const state = isLastMonth
      ? (['submitted', 'approved', 'draft', 'returned'] as const)[index % 4]
      : monthAfter(monthAfter(month)) === thisMonth && index % 6 === 5
        ? 'submitted'
        : 'approved';
    if (state === 'draft') {
      await writer.write(expert.id, 'timesheets', at(monthLogs.at(-1)!.date, '19:00:00'), [
        { id, assignmentId: assignment.id, month, status: 'draft' },
      ]);
      continue;
    }
    const submitDay = `${monthAfter(month)}-0${1 + (index % 3)}`;
    await writer.submit(expert.id, expert.name, assignment, month, at(submitDay, '08:30:00'));
    const decisionDay = addDays(submitDay, 1 + (index % 4));
    if (state === 'submitted' || decisionDay > today) continue;
    const when = at(decisionDay, '11:00:00');
    if (state === 'approved') {
      const hash = (await writer.stored('timesheets', id)).submission!.snapshot.hash;
      await writer.decide(host.supervisor.id, id, when, {
        status: 'approved',
        approval: { fullName: host.supervisor.name, signature: signature(index), hash },
      });
    } else {
      await writer.decide(host.supervisor.id, id, when, {
        status: 'returned',
        returned: {
          comment: 'Please add what was done on the first day: the activities are too short for the file.',
          dayComments: [{ date: monthLogs[0]!.date, comment: 'Which team was this with?' }],
        },
      });
    }
  }
}

/** A drawn signature, a little different for each expert's supervisor. */
function signature(index: number): string {
  const lift = 8 + (index % 5) * 3;
  return `M10 40 C 20 ${lift}, 34 ${lift}, 42 30 S 60 50, 72 ${18 + (index % 4)} L 94 34`;
}

type ReportState = 'draft' | 'submitted' | 'endorsed' | 'changes_requested' | 'reviewed' | 'missing';

/** Whose turn each report is: a mix across experts, with some overdue ones for the queues. */
function reportState(plan: Plan, kind: ReportKind): ReportState {
  const { index, assignment } = plan;
  if (assignment.status === 'completed') {
    if (kind === 'final') {
      return (['reviewed', 'endorsed', 'submitted', 'changes_requested', 'missing'] as const)[index % 5]!;
    }
    return index % 3 === 0 ? 'endorsed' : 'reviewed';
  }
  if (kind === 'inception') {
    return (['endorsed', 'submitted', 'draft', 'reviewed', 'missing'] as const)[index % 5]!;
  }
  return (['submitted', 'draft', 'missing'] as const)[index % 3]!;
}

async function seedReports(writer: SeedWriter, plan: Plan) {
  const { today, at } = writer;
  const { assignment, expert, host, index } = plan;
  if (assignment.status !== 'completed' && assignment.status !== 'active') return;
  for (const due of reportsDue(assignment)) {
    if (due.due > today) continue;
    const state = reportState(plan, due.kind);
    if (state === 'missing') continue;
    const id = reportId(assignment.id, due.kind);
    const sections = reportSections(plan, due.kind);
    const report = { id, assignmentId: assignment.id, kind: due.kind, status: 'draft', sections };
    if (state === 'draft') {
      // Begun, not finished: the expert has not written the last sections yet.
      const begun = { ...sections, recommendations: '', sustainability: '', interns: '' };
      await writer.write(expert.id, 'reports', at(addDays(due.due, -3), '19:00:00'), [
        { ...report, sections: begun },
      ]);
      continue;
    }
    await writer.write(expert.id, 'reports', at(addDays(due.due, -1), '09:00:00'), [
      { ...report, status: 'submitted' },
    ]);
    const decisionDay = addDays(due.due, 3);
    if (state === 'submitted' || decisionDay > today) continue;
    const patch = async (userId: string, when: Date, change: object) =>
      writer.write(userId, 'reports', when, [{ ...(await writer.stored('reports', id)), ...change }]);
    const sectionsRevision = markerOf((await writer.stored('reports', id)).sections);
    if (state === 'changes_requested') {
      await patch(host.supervisor.id, at(decisionDay, '10:00:00'), {
        status: 'changes_requested',
        decision: {
          kind: 'changes_requested',
          comment: 'Please say for each objective what the team can now do without you, with an example.',
          fullName: host.supervisor.name,
          sectionsRevision,
        },
      });
      continue;
    }
    await patch(host.supervisor.id, at(decisionDay, '10:00:00'), {
      status: 'endorsed',
      decision: {
        kind: 'endorsed',
        comment: `This matches what we saw at ${host.institution.name}; thank you for the clear account.`,
        fullName: host.supervisor.name,
        sectionsRevision,
      },
    });
    const reviewDay = addDays(due.due, 8);
    if (state !== 'reviewed' || reviewDay > today) continue;
    await patch(index % 2 === 0 ? 'user-officer' : 'user-officer2', at(reviewDay, '14:00:00'), {
      status: 'reviewed',
      review: { comment: 'Read and filed; the figures agree with the timesheets.' },
    });
  }
}

const PROGRESS: Record<
  ReportKind,
  readonly ('not_started' | 'in_progress' | 'achieved' | 'not_achievable')[]
> = {
  inception: ['in_progress', 'not_started', 'not_started'],
  midterm: ['achieved', 'in_progress', 'in_progress'],
  final: ['achieved', 'achieved', 'not_achievable'],
};

/** A report written from the assignment's tables and what its logs say was done (RP-7). */
function reportSections({ assignment, expert, host, index, logs }: Plan, kind: ReportKind): ReportSections {
  const work = SECTOR_WORK[assignment.institution.sector]!;
  const due = reportsDue(assignment).find((report) => report.kind === kind)!;
  const done = activitySummary(logs, reportPeriod(assignment, due));
  const perType = KT_ACTIVITY_TYPES.filter((type) => done.byType[type].activities > 0).map(
    (type) =>
      `${KT_ACTIVITY_LABELS[type]}: ${done.byType[type].activities} times, ${done.byType[type].peopleReached} people`,
  );
  const progress = PROGRESS[kind];
  return {
    summary: `${kind === 'final' ? 'Over the whole assignment' : 'So far'} the work at ${host.institution.name} has focused on ${work.focus}.`,
    objectives: assignment.objectives.map((objective, j) => {
      const state = kind === 'final' && j === 2 && index % 2 === 0 ? 'achieved' : progress[j]!;
      return { objective, progress: state, evidence: EVIDENCE[state] };
    }),
    ktNarrative: `From ${done.period.start} to ${done.period.end}: ${done.daysLogged} days logged (${done.onSiteDays} on site, ${done.travelDays} travel, ${done.remoteDays} remote). ${perType.join('; ') || 'No knowledge-transfer sessions yet'}.`,
    outputs: work.output,
    challenges: CHALLENGES[(index + kind.length) % CHALLENGES.length]!,
    recommendations: RECOMMENDATIONS[index % RECOMMENDATIONS.length]!,
    sustainability: `The materials are in the institution’s shared folder, and the team can reach me in ${expert.home} for questions after the assignment.`,
    interns:
      index % 3 === 0
        ? `An intern from a university in ${expert.home} helped prepare the materials remotely.`
        : '',
  };
}
