/**
 * Demo data for a first start: users, two assignments around today and a week of logs. Written
 * through the push path, so the documents are validated and get seqs like any other write.
 */
import { addDays } from '../../src/shared/dates';
import type { PushRow, SyncDocument } from '../../src/shared/sync/protocol';
import { hashPassword } from './auth/passwords';
import type { Storage } from './storage/types';
import { ChangeBus } from './sync/event-bus';
import { applyPush } from './sync/push';
import { DEMO_ASSIGNMENTS, DEMO_LOGS, DEMO_PASSWORD, DEMO_USERS } from './seed-data';

export { DEMO_HOST_INSTITUTIONS, DEMO_PASSWORD, DEMO_USERS } from './seed-data';

export const DEMO_ASSIGNMENT_OFFSET_DAYS = 30;
export const DEMO_ASSIGNMENT_LENGTH_DAYS = 85;

function user(id: string) {
  const found = DEMO_USERS.find((u) => u.id === id);
  if (!found) throw new Error(`No demo user ${id}`);
  return found;
}

/** Seeds demo data if the storage has no users yet; returns whether it did. */
export async function seedDemoData(
  storage: Storage,
  now: Date = new Date(),
  bus: ChangeBus = new ChangeBus(),
): Promise<boolean> {
  if ((await storage.countUsers()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const demoUser of DEMO_USERS) await storage.createUser({ ...demoUser, passwordHash });

  const today = now.toISOString().slice(0, 10);
  const startDate = addDays(today, -DEMO_ASSIGNMENT_OFFSET_DAYS);
  const endDate = addDays(startDate, DEMO_ASSIGNMENT_LENGTH_DAYS);
  const row = (doc: object): PushRow => ({ newDocumentState: { ...doc, _deleted: false } as SyncDocument });

  const assignments = DEMO_ASSIGNMENTS.map((a) => row({ ...a, startDate, endDate }));
  const pushed = await applyPush(
    { storage, bus, user: user('user-officer'), now },
    'assignments',
    assignments,
  );
  const logs = DEMO_LOGS.map(({ daysAgo, ...log }) =>
    row({ ...log, assignmentId: 'asg-expert1', date: addDays(today, -daysAgo) }),
  );
  const pushedLogs = await applyPush({ storage, bus, user: user('user-expert1'), now }, 'logs', logs);
  const refused = [...pushed.rejections, ...pushedLogs.rejections];
  if (refused.length > 0) throw new Error(`Demo data refused: ${JSON.stringify(refused)}`);
  return true;
}
