/**
 * Pushed documents per second: `clients` experts, each with an assignment of their own, push new
 * logs in batches at the same time through the real server (HTTP on loopback). A figure, not a
 * test. Run alone: `npx tsx test/bench/push-throughput.ts [sqlite|postgres] [clients…]`.
 */
import { addDays } from '../../src/shared/dates';
import type { Assignment } from '../../src/shared/schemas';
import { API_PATHS, type PushResponse, type SyncDocument } from '../../src/shared/sync/protocol';
import { issueToken } from '../../sync-server/src/auth/tokens';
import { DEMO_ASSIGNMENTS } from '../../sync-server/src/seed-data';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** Logs pushed in one run, whatever the number of clients, so runs compare. */
const TOTAL_LOGS = 2400;
const BATCH_SIZE = 50;
/** Days of each bench assignment that logs are spread over (≤ 92 days, and in the past). */
const DAYS = 80;

export interface PushThroughput {
  backend: 'sqlite' | 'postgres';
  clients: number;
  logs: number;
  ms: number;
  docsPerSecond: number;
  rejected: number;
}

/** Experts with an assignment each, and a token to push with. */
async function benchExperts(
  server: TestServer,
  count: number,
  runId: string,
): Promise<{ token: string; assignmentId: string }[]> {
  const today = new Date().toISOString().slice(0, 10);
  const experts = [];
  for (let i = 0; i < count; i += 1) {
    const userId = `user-bench-${runId}-${i}`;
    await server.storage.createUser({
      id: userId,
      email: `bench-${runId}-${i}@bench.test`,
      name: `Bench expert ${i}`,
      role: 'expert',
      passwordHash: 'unused',
    });
    const assignment: Assignment = {
      ...DEMO_ASSIGNMENTS[0]!,
      id: `asg-bench-${runId}-${i}`,
      expertId: userId,
      expertName: `Bench expert ${i}`,
      startDate: addDays(today, -DAYS),
      endDate: addDays(today, 10),
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    };
    await server.storage.transaction((tx) =>
      tx.writeDocument({
        collection: 'assignments',
        id: assignment.id,
        assignmentId: assignment.id,
        data: assignment,
        deleted: false,
      }),
    );
    const { token } = await issueToken(server.storage, userId, new Date(), 86_400_000);
    experts.push({ token, assignmentId: assignment.id });
  }
  return experts;
}

export async function measurePushThroughput(
  server: TestServer,
  backend: PushThroughput['backend'],
  clients: number,
): Promise<PushThroughput> {
  const runId = `${clients}-${Date.now().toString(36)}`;
  const experts = await benchExperts(server, clients, runId);
  const today = new Date().toISOString().slice(0, 10);
  const perClient = Math.floor(TOTAL_LOGS / clients);
  let rejected = 0;
  const push = async (token: string, logs: SyncDocument<'logs'>[]) => {
    const response = await fetch(`${server.url}${API_PATHS.push('logs')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(logs.map((log) => ({ newDocumentState: log }))),
    });
    if (!response.ok) throw new Error(`push failed: ${response.status} ${await response.text()}`);
    rejected += ((await response.json()) as PushResponse).rejections.length;
  };
  const started = performance.now();
  await Promise.all(
    experts.map(async ({ token, assignmentId }, client) => {
      for (let first = 0; first < perClient; first += BATCH_SIZE) {
        const logs = Array.from({ length: Math.min(BATCH_SIZE, perClient - first) }, (_, k) => {
          const n = first + k;
          return {
            id: `log-${runId}-${client}-${n}`,
            assignmentId,
            date: addDays(today, -1 - (n % DAYS)),
            hours: 0.25,
            workMode: 'on_site',
            location: 'Bench',
            activities: `Bench log ${n} of client ${client}: met the maintenance team and went through the pump logbook.`,
            ktActivities: [],
            notes: '',
            _deleted: false,
          } satisfies SyncDocument<'logs'>;
        });
        await push(token, logs);
      }
    }),
  );
  const ms = performance.now() - started;
  const logs = perClient * clients;
  return { backend, clients, logs, ms, docsPerSecond: (logs / ms) * 1000, rejected };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const backend = (process.argv[2] ?? 'sqlite') as PushThroughput['backend'];
  const counts = process.argv.slice(3).map(Number);
  for (const clients of counts.length > 0 ? counts : [1, 8, 32]) {
    const server = await startTestServer({ storage: backend, seedPastMonths: false });
    try {
      const figure = await measurePushThroughput(server, backend, clients);
      console.log(
        `${backend} ${clients} clients: ${figure.docsPerSecond.toFixed(0)} docs/s (${figure.logs} logs in ${figure.ms.toFixed(0)} ms, ${figure.rejected} rejected)`,
      );
    } finally {
      await server.close();
    }
  }
}
