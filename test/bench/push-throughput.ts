/**
 * Pushed documents per second: `clients` experts, each with an assignment of their own, push new
 * logs in batches at the same time through the real server (HTTP on loopback) — one in-process
 * server, or three server processes on one PostgreSQL schema with the clients spread over them.
 * A figure, not a test. Run alone:
 * `npx tsx test/bench/push-throughput.ts [sqlite|postgres|postgres-3] [clients…]`.
 */
import { addDays } from '../../src/shared/dates';
import type { Assignment } from '../../src/shared/schemas';
import { API_PATHS, type PushResponse, type SyncDocument } from '../../src/shared/sync/protocol';
import { issueToken } from '../../sync-server/src/auth/tokens';
import { DEMO_ASSIGNMENTS } from '../../sync-server/src/seed-data';
import { PostgresStorage } from '../../sync-server/src/storage/postgres';
import type { Storage } from '../../sync-server/src/storage/types';
import { createTestSchema, TEST_DATABASE_URL } from '../helpers/postgres';
import { spawnServer } from '../helpers/server-process';
import { startTestServer } from '../helpers/test-server';

/** Logs pushed in one run, whatever the number of clients, so runs compare. */
const TOTAL_LOGS = 2400;
const BATCH_SIZE = 50;
/** Days of each bench assignment that logs are spread over (≤ 92 days, and in the past). */
const DAYS = 80;

export interface PushThroughput {
  /** `postgres-3`: three server processes on one database. */
  backend: 'sqlite' | 'postgres' | 'postgres-3';
  clients: number;
  logs: number;
  ms: number;
  docsPerSecond: number;
  rejected: number;
}

/** Where the clients push, and the storage to prepare their experts in. */
interface Target {
  urls: string[];
  storage: Storage;
}

/** Experts with an assignment each, and a token to push with. */
async function benchExperts(
  server: Target,
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
  server: Target,
  backend: PushThroughput['backend'],
  clients: number,
): Promise<PushThroughput> {
  const runId = `${clients}-${Date.now().toString(36)}`;
  const experts = await benchExperts(server, clients, runId);
  const today = new Date().toISOString().slice(0, 10);
  const perClient = Math.floor(TOTAL_LOGS / clients);
  let rejected = 0;
  const push = async (url: string, token: string, logs: SyncDocument<'logs'>[]) => {
    const response = await fetch(`${url}${API_PATHS.push('logs')}`, {
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
        await push(server.urls[client % server.urls.length]!, token, logs);
      }
    }),
  );
  const ms = performance.now() - started;
  const logs = perClient * clients;
  return { backend, clients, logs, ms, docsPerSecond: (logs / ms) * 1000, rejected };
}

/** Runs `measure` against a fresh server of the kind named, then removes it. */
export async function withBenchServer<T>(
  backend: PushThroughput['backend'],
  measure: (target: Target) => Promise<T>,
): Promise<T> {
  if (backend !== 'postgres-3') {
    const server = await startTestServer({ storage: backend, seedPastMonths: false });
    try {
      return await measure({ urls: [server.url], storage: server.storage });
    } finally {
      await server.close();
    }
  }
  const schema = await createTestSchema();
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema.schema}`);
  const processes = await Promise.all(
    [1, 2, 3].map(() => spawnServer({ DATABASE_URL: url.toString(), LOG_LEVEL: 'error' })),
  );
  const storage = await PostgresStorage.open(schema.options);
  try {
    return await measure({ urls: processes.map((p) => p.url), storage });
  } finally {
    await storage.close();
    await Promise.all(processes.map((p) => p.stop()));
    await schema.drop();
  }
}

/** The bench's rows: SQLite and PostgreSQL with 1 and 8 clients, 32 on PostgreSQL, three processes. */
export async function pushThroughputRows(): Promise<[string, string][]> {
  const runs: [PushThroughput['backend'], number][] = [
    ['sqlite', 1],
    ['sqlite', 8],
    ['postgres', 1],
    ['postgres', 8],
    ['postgres', 32],
    ['postgres-3', 8],
  ];
  const rows: [string, string][] = [];
  for (const [backend, clients] of runs) {
    const figure = await withBenchServer(backend, (target) =>
      measurePushThroughput(target, backend, clients),
    );
    const where =
      backend === 'postgres-3'
        ? 'PostgreSQL, 3 server processes'
        : backend === 'sqlite'
          ? 'SQLite'
          : 'PostgreSQL';
    rows.push([
      `Pushed logs per second, ${where}, ${clients} client${clients > 1 ? 's' : ''} (${TOTAL_LOGS} logs in batches of ${BATCH_SIZE})`,
      `${figure.docsPerSecond.toFixed(0)} /s`,
    ]);
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const backend = (process.argv[2] ?? 'sqlite') as PushThroughput['backend'];
  const counts = process.argv.slice(3).map(Number);
  for (const clients of counts.length > 0 ? counts : [1, 8, 32]) {
    const figure = await withBenchServer(backend, (target) =>
      measurePushThroughput(target, backend, clients),
    );
    console.log(
      `${backend} ${clients} clients: ${figure.docsPerSecond.toFixed(0)} docs/s (${figure.logs} logs in ${figure.ms.toFixed(0)} ms, ${figure.rejected} rejected)`,
    );
  }
}
