/**
 * Device-side sync cost (issue 9): the app's own sync code (startSync) on RxDB's memory storage
 * in Node, against the real sync server on SQLite, behind a counting proxy per device.
 *
 * - A device holding N logs: first sync, the pending count after one local edit, one edit's push,
 *   and what the device receives back for it.
 * - Pushing 100 and 10,000 new logs from a device that holds only its assignments.
 * - A 10-edit two-way sync: device A edits, device B of the same user receives.
 *
 * Each scenario runs in a child process of its own (RxDB open-source opens at most 13
 * collections per process, about two devices; and one run's heap must not slow the next) and
 * every timed step has a cap: a step that does not finish prints "> cap" instead of hanging.
 * A figure, not a test. Run alone: `npx tsx test/bench/device-sync.ts [sizes…]` (default
 * 1000 10000 20000; BENCH_SYNC_CAP_S sets the cap, default 240 s).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openUserDatabase, type DeviceDatabase } from '../../src/db/database';
import { saveLog } from '../../src/db/logs';
import { pendingChanges$ } from '../../src/db/sync-marks';
import { addDays } from '../../src/shared/dates';
import type { Assignment, DailyLog } from '../../src/shared/schemas';
import { startSync, type SyncController } from '../../src/sync/replication';
import { issueToken } from '../../sync-server/src/auth/tokens';
import { DEMO_ASSIGNMENTS } from '../../sync-server/src/seed-data';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { waitUntil } from '../helpers/devices';
import { buildDataset } from './expert-dataset';
import { since, startCountingProxy, type CountingProxy, type WireCount } from './counting-proxy';

export const DEFAULT_SIZES = [1_000, 10_000, 20_000];
const PUSH_SMALL = 100;
/** The push and two-way scenarios stop at the sizes the issue measures. */
const LARGEST_PUSH = 10_000;
const TWO_WAY_EDITS = 10;
const CAP_MS = Number(process.env.BENCH_SYNC_CAP_S ?? 240) * 1000;
/** Quarter-hour logs, 40 a day (10 h): within the 96-logs and 24-hour rules of a day. */
const LOGS_PER_DAY = 40;
/** Within MAX_ASSIGNMENT_DAYS (92): a big history is several consecutive assignments. */
const DAYS_PER_ASSIGNMENT = 90;
/** Nothing is left to arrive once the wire has been still this long. */
const SETTLE_MS = 1_000;
/** Finer than waitUntil's 50 ms: the targets are below 100 ms. */
const POLL_MS = 5;

const EXPERT = {
  id: 'user-bench-sync',
  email: 'bench.sync@bench.test',
  name: 'Bench Expert',
};
const today = new Date().toISOString().slice(0, 10);

type Row = [string, string];

// ---------------------------------------------------------------- data

function assignmentsFor(logs: number): Assignment[] {
  const count = Math.max(1, Math.ceil(Math.ceil(logs / LOGS_PER_DAY) / DAYS_PER_ASSIGNMENT));
  return Array.from({ length: count }, (_, k) => ({
    ...DEMO_ASSIGNMENTS[0]!,
    id: `asg-bench-sync-${k}`,
    expertId: EXPERT.id,
    expertName: EXPERT.name,
    startDate: addDays(today, -DAYS_PER_ASSIGNMENT * (k + 1) + 1),
    endDate: addDays(today, -DAYS_PER_ASSIGNMENT * k),
  }));
}

/** Varied texts, the same on every run, so byte counts (compressed too) compare across runs. */
const TEXTS = buildDataset(today).logs;

/** Log `n` of the bench expert: day n/40 back from today, in the assignment covering it. */
function benchLog(n: number, prefix: string): DailyLog {
  const day = Math.floor(n / LOGS_PER_DAY);
  return {
    ...TEXTS[n % TEXTS.length]!,
    id: `${prefix}-${n}`,
    assignmentId: `asg-bench-sync-${Math.floor(day / DAYS_PER_ASSIGNMENT)}`,
    date: addDays(today, -day),
    hours: 0.25,
  };
}

/**
 * A server with the bench expert, their assignments and `logs` logs, written straight into
 * storage (the push endpoint would take minutes for 20,000). Returns the expert's token.
 */
async function benchServer(
  assignments: Assignment[],
  logs: number,
): Promise<{ server: TestServer; token: string }> {
  const server = await startTestServer({
    storage: 'sqlite',
    seedPastMonths: false,
    // No heartbeats inside a measurement, and no rate limit on the one user the bench drives.
    streamHeartbeatMs: 3_600_000,
    rateLimits: { requestsPerMinutePerUser: 1_000_000 },
  });
  await server.storage.createUser({
    ...EXPERT,
    role: 'expert',
    passwordHash: 'unused',
  });
  const stamp = new Date().toISOString();
  await server.storage.transaction(async (tx) => {
    for (const assignment of assignments) {
      await tx.writeDocument({
        collection: 'assignments',
        id: assignment.id,
        assignmentId: assignment.id,
        data: { ...assignment, createdAt: stamp, updatedAt: stamp },
        deleted: false,
      });
    }
    for (let n = 0; n < logs; n += 1) {
      const log = benchLog(n, 'log-seeded');
      await tx.writeDocument({
        collection: 'logs',
        id: log.id,
        assignmentId: log.assignmentId,
        data: {
          ...log,
          authorId: EXPERT.id,
          createdAt: stamp,
          updatedAt: stamp,
        },
        deleted: false,
      });
    }
  });
  const { token } = await issueToken(server.storage, EXPERT.id, new Date(), 86_400_000);
  return { server, token };
}

// ---------------------------------------------------------------- devices and timing

interface BenchDevice {
  device: DeviceDatabase;
  sync: SyncController;
  proxy: CountingProxy;
}

let devices = 0;
/** Like openTestDevice (test/helpers/devices.ts), on memory storage, through its own proxy. */
async function openBenchDevice(server: TestServer, token: string): Promise<BenchDevice> {
  devices += 1;
  const proxy = await startCountingProxy(server.url);
  const device = await openUserDatabase(EXPERT.id, {
    storage: getRxStorageMemory() as never,
    name: `bench${process.pid}x${devices}`,
  });
  const sync = startSync(device, { baseUrl: proxy.url, token, role: 'expert' });
  return { device, sync, proxy };
}

/** A step ran out of time: its row says "> cap", and the scenario stops there. */
class CapExceeded extends Error {
  constructor(readonly step: string) {
    super(`${step}: over ${CAP_MS / 1000} s`);
  }
}

/** Milliseconds `work` took, or CapExceeded(step) once the cap is reached. */
async function timed(step: string, work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CapExceeded(step)), CAP_MS);
  });
  try {
    await Promise.race([work(), cap]);
  } finally {
    clearTimeout(timer);
  }
  return performance.now() - started;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function untilTrue(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await sleep(POLL_MS);
}

/** Every log of the device is there and the sync says it is in sync. */
async function inSyncHolding(bench: BenchDevice, logs: number): Promise<void> {
  await bench.sync.awaitInSync();
  await waitUntil(async () => (await bench.device.db.logs.count().exec()) >= logs, `${logs} logs`, CAP_MS);
}

async function serverHasLogs(server: TestServer, ids: readonly string[]): Promise<boolean> {
  for (const id of ids) if (!(await server.storage.getDocument('logs', id))) return false;
  return true;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const wire = (cost: WireCount) =>
  `${cost.requests} requests, ${kb(cost.upBytes)} up, ${kb(cost.downBytes)} down`;
const received = (cost: WireCount) =>
  `${cost.pulledDocs + cost.streamedDocs} (${cost.streamedDocs} on the stream, ${cost.pulledDocs} pulled)`;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString('en');

/** Edits one log through the app's write path; the marker tells the versions apart. */
async function editLog(device: DeviceDatabase, id: string, marker: string): Promise<void> {
  const doc = await device.db.logs.findOne(id).exec();
  if (!doc) throw new Error(`No log ${id} on the device`);
  await saveLog(device, { ...(doc.toJSON() as DailyLog), notes: marker });
}

async function serverHasNote(server: TestServer, id: string, marker: string): Promise<boolean> {
  return (await server.storage.getDocument('logs', id))?.data.notes === marker;
}

/**
 * Ms from one local edit to the next emission of pendingChanges$, the count the UI shows. Its own
 * subscription, open only while measured. Null when the edit was pushed and acknowledged with no
 * emission at all (an incremental count may skip the 0 → 1 → 0 round).
 */
async function pendingCountUpdate(
  bench: BenchDevice,
  server: TestServer,
  step: string,
): Promise<number | null> {
  const emitted: number[] = [];
  const subscription = pendingChanges$(bench.device).subscribe(() => emitted.push(performance.now()));
  try {
    await timed(`${step}: first count`, () => untilTrue(() => emitted.length > 0));
    await sleep(SETTLE_MS);
    const marker = `pending ${Date.now()}`;
    const started = performance.now();
    const emittedSince = () => emitted.find((at) => at > started);
    await timed(step, async () => {
      await editLog(bench.device, 'log-seeded-0', marker);
      await untilTrue(
        async () => emittedSince() !== undefined || (await serverHasNote(server, 'log-seeded-0', marker)),
      );
    });
    if (emittedSince() === undefined) await sleep(SETTLE_MS);
    const at = emittedSince();
    return at === undefined ? null : at - started;
  } finally {
    subscription.unsubscribe();
  }
}

// ---------------------------------------------------------------- scenarios

type Report = (row: Row) => void;

/** A device of the expert holding `n` logs: first sync, pending count, one edit's push. */
async function deviceHolding(n: number, report: Report): Promise<void> {
  const { server, token } = await benchServer(assignmentsFor(n), n);
  const bench = await openBenchDevice(server, token);
  const label = `Device holding ${count(n)} logs`;

  const firstSyncStep = `${label}: first sync (startSync → all on the device, in sync)`;
  const firstSync = await timed(firstSyncStep, () => inSyncHolding(bench, n));
  const firstSyncCost = bench.proxy.count();
  report([
    firstSyncStep,
    `${seconds(firstSync)}, ${wire(firstSyncCost)}, documents received ${received(firstSyncCost)}`,
  ]);
  await bench.proxy.quiet(SETTLE_MS);

  const pendingStep = `${label}: pending count after one local edit (edit → pendingChanges$ emits)`;
  const pendingMs = await pendingCountUpdate(bench, server, pendingStep);
  report([pendingStep, pendingMs === null ? 'no emission: pushed and acknowledged first' : ms(pendingMs)]);
  await bench.sync.awaitInSync();
  await bench.proxy.quiet(SETTLE_MS);

  const before = bench.proxy.count();
  const marker = `edit ${Date.now()}`;
  const pushStep = `${label}: one edit pushed (edit → the server has it)`;
  const pushMs = await timed(pushStep, async () => {
    await editLog(bench.device, 'log-seeded-1', marker);
    await untilTrue(() => serverHasNote(server, 'log-seeded-1', marker));
  });
  report([pushStep, ms(pushMs)]);
  await bench.sync.awaitInSync();
  await bench.proxy.quiet(SETTLE_MS);
  const cost = since(before, bench.proxy.count());
  report([
    `${label}: after one edit, documents received back by the device that pushed it`,
    `${received(cost)}; ${wire(cost)}`,
  ]);
}

/** `n` new logs written on a device that holds only its assignments, pushed to the server. */
async function pushNew(n: number, report: Report): Promise<void> {
  const { server, token } = await benchServer(assignmentsFor(n), 0);
  const bench = await openBenchDevice(server, token);
  const label = `Push ${count(n)} new logs from a device`;
  await timed(`${label}: the assignments' first sync`, () => bench.sync.awaitInSync());
  await bench.proxy.quiet(SETTLE_MS);

  const logs = Array.from({ length: n }, (_, i) => benchLog(i, 'log-new'));
  const lastIds = logs.slice(-10).map((log) => log.id);
  const before = bench.proxy.count();
  const pushStep = `${label} (insert → all on the server)`;
  const pushMs = await timed(pushStep, async () => {
    await bench.device.db.logs.bulkInsert(logs);
    await bench.sync.awaitInSync();
    await untilTrue(() => serverHasLogs(server, lastIds));
  });
  const everyId = logs.map((log) => log.id);
  if (!(await serverHasLogs(server, everyId))) throw new Error('The server misses some pushed logs');
  await bench.proxy.quiet(SETTLE_MS);
  const cost = since(before, bench.proxy.count());
  report([pushStep, `${seconds(pushMs)}, ${wire(cost)}`]);
  report([`${label}: documents received back by the pushing device`, received(cost)]);
}

/** Two devices of the expert holding `n` logs: A edits ten, B receives them. */
async function twoWay(n: number, report: Report): Promise<void> {
  const { server, token } = await benchServer(assignmentsFor(n), n);
  const a = await openBenchDevice(server, token);
  const b = await openBenchDevice(server, token);
  const label = `Two-way sync of ${TWO_WAY_EDITS} edits, devices holding ${count(n)} logs`;
  await timed(`${label}: first sync of both devices`, () =>
    Promise.all([inSyncHolding(a, n), inSyncHolding(b, n)]),
  );
  await Promise.all([a.proxy.quiet(SETTLE_MS), b.proxy.quiet(SETTLE_MS)]);

  const ids = Array.from({ length: TWO_WAY_EDITS }, (_, i) => `log-seeded-${i}`);
  const marker = `two-way ${Date.now()}`;
  const [beforeA, beforeB] = [a.proxy.count(), b.proxy.count()];
  const syncStep = `${label} (A edits → B has all ${TWO_WAY_EDITS})`;
  const syncMs = await timed(syncStep, async () => {
    for (const id of ids) await editLog(a.device, id, marker);
    await untilTrue(async () => {
      const docs = await b.device.db.logs.findByIds(ids).exec();
      return ids.every((id) => docs.get(id)?.notes === marker);
    });
  });
  await Promise.all([a.proxy.quiet(SETTLE_MS), b.proxy.quiet(SETTLE_MS)]);
  const [costA, costB] = [since(beforeA, a.proxy.count()), since(beforeB, b.proxy.count())];
  report([syncStep, ms(syncMs)]);
  report([
    `${label}: wire, device A / device B`,
    `A: ${wire(costA)}, received back ${received(costA)}; B: ${wire(costB)}`,
  ]);
}

const SCENARIOS = { deviceHolding, pushNew, twoWay } as const;
type ScenarioName = keyof typeof SCENARIOS;

// ---------------------------------------------------------------- processes

/** Runs one scenario in a child process; its rows, or "> cap" for the steps it never reached. */
function runInChild(scenario: ScenarioName, n: number, title: string): Promise<Row[]> {
  return new Promise((resolve) => {
    const rows: Row[] = [];
    const child = fork(fileURLToPath(import.meta.url), ['--child', scenario, String(n)], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // Setup (seeding, first syncs of a second device) is not capped step by step.
    const killer = setTimeout(() => child.kill('SIGKILL'), CAP_MS * 4);
    child.on('message', (row: Row) => {
      rows.push(row);
      console.error(`device-sync: ${row[0]}: ${row[1]}`); // progress: a full run takes minutes
    });
    child.on('exit', (code) => {
      clearTimeout(killer);
      if (code !== 0)
        rows.push([`${title}: the remaining figures`, code === null ? '> cap' : `failed (exit ${code})`]);
      resolve(rows);
    });
  });
}

async function childMain(scenario: ScenarioName, n: number): Promise<never> {
  // Run by hand (`--child pushNew 10000`, e.g. under --cpu-prof) it prints its rows.
  const report: Report = (row) => (process.send ? process.send(row) : console.log(row.join(': ')));
  try {
    await SCENARIOS[scenario](n, report);
    process.exit(0);
  } catch (error) {
    if (error instanceof CapExceeded) {
      report([error.step, '> cap']);
      process.exit(0);
    }
    console.error(error);
    process.exit(1);
  }
}

/** The bench's rows for the device sizes given (push and two-way capped at 10,000). */
export async function deviceSyncRows(sizes: readonly number[] = DEFAULT_SIZES): Promise<Row[]> {
  const largest = Math.min(Math.max(...sizes), LARGEST_PUSH);
  const runs: (readonly [ScenarioName, number, string])[] = [
    ...sizes.map((n) => ['deviceHolding', n, `Device holding ${count(n)} logs`] as const),
    ...[...new Set([PUSH_SMALL, largest])].map((n) => ['pushNew', n, `Push ${count(n)} new logs`] as const),
    ['twoWay', largest, `Two-way sync, ${count(largest)} logs`],
  ];
  const rows: Row[] = [];
  for (const [scenario, n, title] of runs) rows.push(...(await runInChild(scenario, n, title)));
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    await childMain(args[1] as ScenarioName, Number(args[2]));
  } else {
    const sizes = args.length > 0 ? args.map(Number) : DEFAULT_SIZES;
    const rows = await deviceSyncRows(sizes);
    console.log(
      ['| figure | value |', '| --- | --- |', ...rows.map(([name, value]) => `| ${name} | ${value} |`)].join(
        '\n',
      ),
    );
  }
}
