/**
 * Several server processes on one PostgreSQL database behave as one (docs/operations.md): a
 * change accepted by any of them reaches every live stream, the sign-in throttle holds across
 * them, and start-up is safe when they start together. Each "process" here is an app with a
 * storage (a connection pool and LISTEN connection) of its own; cluster.test.ts runs real ones.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_PATHS,
  type PushResponse,
  type PushRow,
  type SyncDocument,
} from '../../src/shared/sync/protocol';
import { buildApp } from '../../sync-server/src/app';
import { LOGIN_MAX_FAILURES } from '../../sync-server/src/routes/auth';
import { DEMO_USERS, seedDemoData } from '../../sync-server/src/seed';
import { PostgresStorage } from '../../sync-server/src/storage/postgres';
import { createTestSchema, type TestSchema } from '../helpers/postgres';
import { openStream } from '../helpers/sse-client';
import { login } from '../helpers/test-server';
import { aLog } from '../helpers/builders';

interface Process {
  app: FastifyInstance;
  storage: PostgresStorage;
  url: string;
}

async function startProcess(schema: TestSchema): Promise<Process> {
  const storage = await PostgresStorage.open(schema.options);
  const app = buildApp({ storage });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return { app, storage, url: `http://127.0.0.1:${port}` };
}

/** A valid log of expert1's demo assignment, dated today (open: no past months are seeded). */
function todaysLog(id: string, activities: string): SyncDocument<'logs'> {
  const date = new Date().toISOString().slice(0, 10);
  return aLog({
    id,
    assignmentId: 'asg-expert1',
    date,
    hours: 1,
    location: 'Hargeisa',
    activities,
    ktActivities: [],
  });
}

async function pushLogs(url: string, token: string, logs: SyncDocument<'logs'>[]): Promise<PushResponse> {
  const response = await fetch(`${url}${API_PATHS.push('logs')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(logs.map((log) => ({ newDocumentState: log })) satisfies PushRow[]),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as PushResponse;
}

async function stopProcess(process: Process): Promise<void> {
  await process.app.close();
  await process.storage.close();
}

describe('several server processes on one PostgreSQL database', () => {
  let schema: TestSchema;
  let processes: Process[];

  beforeAll(async () => {
    schema = await createTestSchema();
    // Started together on an empty database: the demo data is seeded once, and nobody crashes.
    const storages = await Promise.all([1, 2, 3].map(() => PostgresStorage.open(schema.options)));
    const seeded = await Promise.all(
      storages.map((storage) => seedDemoData(storage, new Date(), { pastMonths: false })),
    );
    expect(seeded.filter(Boolean)).toHaveLength(1);
    expect(await storages[0]!.countUsers()).toBe(DEMO_USERS.length);
    await Promise.all(storages.map((storage) => storage.close()));
    processes = await Promise.all([1, 2, 3].map(() => startProcess(schema)));
  });
  afterAll(async () => {
    await Promise.all((processes ?? []).map(stopProcess));
    await schema?.drop();
  });

  it('SP-8: a change pushed through one process reaches a live stream on another', async () => {
    const [a, b, c] = processes as [Process, Process, Process];
    const supervisorToken = await login(b.url, 'supervisor1@demo.test');
    const officerToken = await login(c.url, 'officer@demo.test');
    const supervisorStream = await openStream(b.url, supervisorToken);
    const officerStream = await openStream(c.url, officerToken);
    try {
      const expertToken = await login(a.url, 'expert1@demo.test');
      const log = todaysLog('log-multi-process-1', 'Pushed through process A, streamed by B and C.');
      expect((await pushLogs(a.url, expertToken, [log])).rejections).toEqual([]);

      for (const stream of [supervisorStream, officerStream]) {
        const event = await stream.waitFor(
          (e) => e.type === 'change' && e.documents.some((d) => d.id === log.id),
          'the log on a stream of another process',
        );
        expect(event.type === 'change' && event.collection).toBe('logs');
      }
    } finally {
      supervisorStream.close();
      officerStream.close();
    }
  });

  it('SP-8: a stream on another process shows nothing the user may not read', async () => {
    const [a, b] = processes as [Process, Process];
    const otherSupervisor = await openStream(b.url, await login(b.url, 'supervisor2@demo.test'));
    const officer = await openStream(b.url, await login(b.url, 'officer@demo.test'));
    try {
      const expertToken = await login(a.url, 'expert1@demo.test');
      const id = 'log-multi-process-private';
      await pushLogs(a.url, expertToken, [todaysLog(id, 'Only expert1, supervisor1 and officers see this.')]);
      // Once the officer's stream has it, the other supervisor's stream has passed it too.
      await officer.waitFor((e) => e.type === 'change' && e.documents.some((d) => d.id === id), 'the log');
      expect(otherSupervisor.events.filter((e) => e.type === 'change')).toEqual([]);
    } finally {
      otherSupervisor.close();
      officer.close();
    }
  });

  it('SP-8 SP-11: signing out through one process ends the token’s streams on the others at once', async () => {
    const [a, b, c] = processes as [Process, Process, Process];
    const token = await login(a.url, 'supervisor2@demo.test');
    const onB = await openStream(b.url, token);
    const onC = await openStream(c.url, token);
    await onB.waitFor((e) => e.type === 'resync', 'the stream to open');
    await onC.waitFor((e) => e.type === 'resync', 'the stream to open');
    const logout = await fetch(`${a.url}${API_PATHS.logout}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(logout.status).toBe(200);
    // Long before the 25 s heartbeat that would otherwise notice.
    const ended = await Promise.race([
      Promise.all([onB.ended, onC.ended]).then(() => true),
      new Promise((resolve) => setTimeout(() => resolve(false), 10_000)),
    ]);
    expect(ended).toBe(true);
  });

  it('SP-11: the sign-in throttle holds across processes (parallel guesses on all of them)', async () => {
    const email = 'expert2@demo.test';
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        fetch(`${processes[i % processes.length]!.url}${API_PATHS.login}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: `wrong-guess-${i}` }),
        }).then((r) => r.status),
      ),
    );
    // Exactly the limit was checked against the password; every other guess was turned away.
    expect(answers.filter((status) => status === 401)).toHaveLength(LOGIN_MAX_FAILURES);
    expect(answers.filter((status) => status === 429)).toHaveLength(30 - LOGIN_MAX_FAILURES);
  });
});
