/**
 * Three real server processes on one PostgreSQL schema behind a load balancer that sends every
 * request — pulls, pushes, live streams — to a process picked at random (docs/operations.md).
 * Real device databases edit, delete and read through it while streams are cut and one process
 * is stopped and started again; afterwards every device holds exactly what the server holds,
 * with nothing lost and nothing stale, delivered by the live streams alone.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveLog, deleteLog, type LogInput } from '../../src/db/logs';
import type { DailyLog } from '../../src/shared/schemas';
import { API_PATHS } from '../../src/shared/sync/protocol';
import { openTestDevice, waitUntil, type TestDevice } from '../helpers/devices';
import { startLoadBalancer, seededRandom, type LoadBalancer } from '../helpers/load-balancer';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '../helpers/postgres';
import { spawnServer, type ServerProcess } from '../helpers/server-process';
import { login } from '../helpers/test-server';

const SEED = 20261201;
const ROUNDS = 40;

describe('three server processes behind a load balancer', () => {
  let schema: TestSchema;
  let databaseUrl: string;
  let processes: ServerProcess[] = [];
  let balancer: LoadBalancer;
  const devices: TestDevice[] = [];

  beforeAll(async () => {
    schema = await createTestSchema();
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema.schema}`);
    databaseUrl = url.toString();
    // All three start at once on the empty schema: migrations and the demo seed run once.
    processes = await Promise.all([1, 2, 3].map(() => spawnServer({ DATABASE_URL: databaseUrl })));
    balancer = await startLoadBalancer(
      processes.map((p) => p.url),
      SEED,
    );
  });
  afterAll(async () => {
    await Promise.all(devices.map((device) => device.close()));
    await balancer?.close();
    await Promise.all(processes.map((p) => p.stop()));
    await schema?.drop();
  });

  async function signedIn(email: string, userId: string, role: 'expert' | 'supervisor' | 'officer') {
    const device = await openTestDevice(userId, balancer.url, role);
    devices.push(device);
    device.startSync(await login(balancer.url, email));
    return device;
  }

  /** Straight from one process, not through the balancer; one sign-in, not one per look. */
  let expertToken: string | undefined;
  async function serverLogs(): Promise<Map<string, DailyLog>> {
    const token = (expertToken ??= await login(processes[0]!.url, 'expert1@demo.test'));
    const logs = new Map<string, DailyLog>();
    let checkpoint: unknown = null;
    for (;;) {
      const params = new URLSearchParams({ limit: '500' });
      if (checkpoint) params.set('checkpoint', JSON.stringify(checkpoint));
      const response = await fetch(`${processes[0]!.url}${API_PATHS.pull('logs')}?${params}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const page = (await response.json()) as {
        documents: (DailyLog & { _deleted: boolean })[];
        checkpoint: unknown;
      };
      if (page.documents.length === 0) return logs;
      for (const { _deleted, ...log } of page.documents) {
        if (_deleted) logs.delete(log.id);
        else logs.set(log.id, log as DailyLog);
      }
      checkpoint = page.checkpoint;
    }
  }

  async function deviceLogs(device: TestDevice): Promise<Map<string, DailyLog>> {
    const docs = await device.device.db.logs.find().exec();
    return new Map(docs.map((doc) => [doc.id, doc.toJSON() as DailyLog]));
  }

  // Generous for a busy two-core machine: each wait below fails with what it saw well before this.
  it(
    'every device converges: nothing lost, nothing stale, with requests spread over the processes',
    { timeout: 300_000 },
    async () => {
      const random = seededRandom(SEED);
      // Two devices: RxDB's open-source build allows 13 collections open in one process.
      const phone = await signedIn('expert1@demo.test', 'user-expert1', 'expert');
      const supervisor = await signedIn('supervisor1@demo.test', 'user-supervisor1', 'supervisor');
      for (const device of [phone, supervisor]) {
        await waitUntil(() => device.device.db.assignments.findOne('asg-expert1').exec(), 'the assignment');
      }

      // What each log should finally say.
      const expected = new Map<string, LogInput | null>();
      const today = new Date().toISOString().slice(0, 10);
      for (let round = 0; round < ROUNDS; round += 1) {
        const device = phone;
        const own = [...expected].filter(([, log]) => log !== null);
        const pick = random();
        if (own.length === 0 || pick < 0.5) {
          // Today is open for logging whatever the date (the demo's past months are locked).
          const log: LogInput = {
            id: `cluster-${round}`,
            assignmentId: 'asg-expert1',
            date: today,
            hours: 0.25,
            workMode: 'on_site',
            location: 'Mogadishu',
            activities: `Round ${round}: went through the borehole logbook with the maintenance team.`,
            ktActivities: [],
            notes: '',
          };
          await saveLog(device.device, log);
          expected.set(log.id, log);
        } else {
          const [id, log] = own[Math.floor(random() * own.length)]!;
          if (pick < 0.85) {
            const edited = { ...log!, notes: `Edited in round ${round}.` };
            await saveLog(device.device, edited);
            expected.set(id, edited);
          } else {
            await deleteLog(device.device, id);
            expected.set(id, null);
          }
        }
        if (round % 10 === 5) balancer.dropStreams();
        if (round === ROUNDS / 2) {
          // A graceful stop of one process, and a new one in its place: its devices move on.
          const stopped = processes[1]!;
          expect(await stopped.stop()).toBe(0);
          processes[1] = await spawnServer({ DATABASE_URL: databaseUrl });
          balancer.replaceBackend(stopped.url, processes[1].url);
        }
        await new Promise((resolve) => setTimeout(resolve, random() * 100));
      }

      const wanted = new Map([...expected].filter((entry): entry is [string, LogInput] => entry[1] !== null));
      // The server holds every acknowledged write as last written.
      await waitUntil(
        async () => {
          const onServer = await serverLogs();
          return [...expected].every(([id, log]) =>
            log
              ? onServer.get(id)?.notes === log.notes && onServer.get(id)?.activities === log.activities
              : !onServer.has(id),
          );
        },
        'every change on the server',
        60_000,
      );
      const truth = await serverLogs();
      for (const [id, log] of wanted) expect(truth.get(id)).toMatchObject(log);

      // Each device reaches exactly the server's state — through the live streams, no pull forced.
      for (const device of [phone, supervisor]) {
        const converged = async () => {
          const onDevice = await deviceLogs(device);
          return (
            onDevice.size === truth.size &&
            [...truth].every(([id, log]) => isDeepStrictEqual(onDevice.get(id), log)) &&
            device.sync?.state.pendingCount === 0
          );
        };
        await waitUntil(converged, 'the device to hold exactly the server’s logs', 60_000).catch(
          async (error: Error) => {
            const onDevice = await deviceLogs(device);
            const differing = [...new Set([...truth.keys(), ...onDevice.keys()])].filter(
              (id) => !isDeepStrictEqual(onDevice.get(id), truth.get(id)),
            );
            throw new Error(
              `${error.message}; differing: ${JSON.stringify(differing.map((id) => [id, onDevice.get(id), truth.get(id)]))}; ` +
                `sync: ${JSON.stringify(device.sync?.state)}`,
            );
          },
        );
      }
      // The balancer really spread the work.
      for (const { url } of processes) expect(balancer.counts.get(url)).toBeGreaterThan(5);
    },
  );
});
