/**
 * Three months of one expert's work on a server, written the way the app writes it: the account
 * is test setup (no API creates users), everything else goes through the real push endpoint — the
 * assignment as the programme officer, logs, draft timesheets and the inception report as the
 * expert. Deterministic: the same texts on every run, so byte counts compare across runs.
 */
import { addDays } from '../../src/shared/dates';
import type { Assignment, CollectionName, DailyLog, Report, Timesheet } from '../../src/shared/schemas';
import { KT_ACTIVITY_TYPES, WORK_MODES } from '../../src/shared/schemas/daily-log.schema';
import { API_PATHS, type PushResponse, type PushRow } from '../../src/shared/sync/protocol';
import { hashPassword } from '../../sync-server/src/auth/passwords';
import { login, type TestServer } from '../helpers/test-server';

export const DATASET_DAYS = 92;
export const DATASET_LOGS = 100;
export const DATASET_EXPERT = {
  id: 'user-bench-expert',
  email: 'bench.expert@bench.test',
  name: 'Faduma Hirsi',
  role: 'expert',
} as const;
export const DATASET_PASSWORD = 'bench-expert-password';
export const DATASET_INSTITUTION = 'Office of the Attorney General, Mogadishu';

export interface ExpertDataset {
  assignment: Assignment;
  logs: DailyLog[];
  /** Distinct days with a log (some days have two). */
  daysLogged: number;
}

/** Small seeded generator (mulberry32): varied texts, identical on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTIVITIES = [
  'Reviewed the draft case-management procedure with the prosecutors’ unit and marked the steps that need a template.',
  'Coached two junior legal officers on drafting indictments; went through three real files line by line.',
  'Half-day workshop on evidence handling and chain of custody for the investigation department.',
  'Met the registry staff to map how files move between offices; drew the current flow on the whiteboard.',
  'Worked remotely on the training curriculum: sessions 4 to 6, with exercises based on anonymised cases.',
  'Travelled to Baidoa with the deputy attorney general to meet the regional prosecutors.',
  'Advised the legal drafting team on the witness-protection bill; wrote comments on articles 7 to 15.',
  'Problem-solving session on the backlog of pre-trial detention cases; agreed a weekly review meeting.',
];
const NOTES = [
  '',
  '',
  'Power cut for two hours; continued on paper.',
  'The unit head asked for the slides in Somali as well.',
  'Follow up next week on the registry’s filing codes.',
];
const LOCATIONS = ['Office of the Attorney General, Mogadishu', 'Mogadishu (hotel)', 'Mogadishu – Baidoa'];

export function buildDataset(today: string): ExpertDataset {
  const next = random(20260101);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const startDate = addDays(today, -(DATASET_DAYS - 1));
  const assignment: Assignment = {
    id: 'asg-bench-expert',
    expertId: DATASET_EXPERT.id,
    expertName: DATASET_EXPERT.name,
    institution: { name: DATASET_INSTITUTION, country: 'Somalia', sector: 'Rule of Law' },
    supervisorIds: ['user-supervisor1'],
    supervisorNames: ['Abdirahman Warsame'],
    mode: 'physical',
    startDate,
    endDate: today,
    objectives: [
      'Set up a case-management procedure for the prosecutors’ unit.',
      'Train legal officers in drafting and evidence handling.',
    ],
    status: 'active',
  };
  // Every day of the period once, then a second, shorter entry on the first days until 100.
  const logs: DailyLog[] = [];
  for (let index = 0; index < DATASET_LOGS; index += 1) {
    const second = index >= DATASET_DAYS;
    const workMode = pick(WORK_MODES);
    logs.push({
      id: `log-bench-${String(index + 1).padStart(3, '0')}`,
      assignmentId: assignment.id,
      date: addDays(startDate, second ? (index - DATASET_DAYS) * 7 : index),
      hours: second ? 1.5 : 4 + Math.floor(next() * 17) / 4,
      workMode,
      location: workMode === 'remote' ? 'Mogadishu (hotel)' : pick(LOCATIONS),
      activities: `${pick(ACTIVITIES)} ${pick(ACTIVITIES)}`,
      ktActivities:
        next() < 0.6 ? [{ type: pick(KT_ACTIVITY_TYPES), peopleReached: 1 + Math.floor(next() * 20) }] : [],
      notes: pick(NOTES),
    });
  }
  return { assignment, logs, daysLogged: new Set(logs.map((log) => log.date)).size };
}

async function push<K extends CollectionName>(
  server: TestServer,
  token: string,
  collection: K,
  documents: readonly object[],
): Promise<void> {
  const rows = documents.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } }) as PushRow);
  const response = await fetch(`${server.url}${API_PATHS.push(collection)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(rows),
  });
  if (!response.ok) throw new Error(`Push of ${collection}: ${response.status} ${await response.text()}`);
  const result = (await response.json()) as PushResponse;
  if (result.rejections.length > 0 || result.conflicts.length > 0) {
    throw new Error(`Push of ${collection} refused: ${JSON.stringify(result.rejections)}`);
  }
}

/** Creates the expert and their three months on `server`; returns what was written. */
export async function seedExpertDataset(server: TestServer, today: string): Promise<ExpertDataset> {
  const dataset = buildDataset(today);
  await server.storage.createUser({ ...DATASET_EXPERT, passwordHash: await hashPassword(DATASET_PASSWORD) });
  const officer = await login(server.url, 'officer@demo.test');
  await push(server, officer, 'assignments', [dataset.assignment]);

  const expert = await login(server.url, DATASET_EXPERT.email, DATASET_PASSWORD);
  await push(server, expert, 'logs', dataset.logs);
  const months = [...new Set(dataset.logs.map((log) => log.date.slice(0, 7)))];
  const timesheets: Timesheet[] = months.map((month) => ({
    id: `${dataset.assignment.id}:${month}`,
    assignmentId: dataset.assignment.id,
    month,
    status: 'draft',
  }));
  await push(server, expert, 'timesheets', timesheets);
  const report: Report = {
    id: `${dataset.assignment.id}:inception`,
    assignmentId: dataset.assignment.id,
    kind: 'inception',
    status: 'draft',
    sections: {
      summary: 'First weeks: mapped the case flow, agreed the training plan with the unit head.',
      ktNarrative: ACTIVITIES.slice(0, 3).join('\n'),
      outputs: 'Case-flow map; training curriculum sessions 1–6.',
      challenges: 'Power cuts; registry records incomplete.',
      recommendations: '',
      sustainability: '',
      interns: '',
      objectives: dataset.assignment.objectives.map((objective) => ({
        objective,
        progress: 'in_progress',
        evidence: '',
      })),
    },
  } as Report;
  await push(server, expert, 'reports', [report]);
  return dataset;
}
