/**
 * One expert's crowded day must not hold up anyone else (docs/sync-protocol.md SP-6): the
 * logs-per-day limit refuses each extra log in place, and the per-row check reads a bounded number
 * of that expert's logs through an index, so the write transaction stays short. Runs on SQLite and
 * PostgreSQL. The crowded day is written straight into storage, below the API, as data kept from
 * before the limit (or written by an older server) would be.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates';
import { MAX_LOGS_PER_DAY } from '../../src/shared/rules/log-rules';
import type { Assignment, CollectionName, DailyLog } from '../../src/shared/schemas';
import type { Storage } from '../../sync-server/src/storage/types';
import {
  API_PATHS,
  MAX_PUSH_DOCUMENTS,
  type PushResponse,
  type PushRow,
} from '../../src/shared/sync/protocol';
import { PostgresStorage } from '../../sync-server/src/storage/postgres';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite';
import { TEST_DATABASE_URL } from '../helpers/postgres';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

const CROWD = 10_000;
/**
 * Generous for a busy two-core machine: these requests take tens of milliseconds when nothing
 * holds them up. Before the limit and the indexed read, the push took 4–10 s here and held the
 * other requests for as long (SQLite; on PostgreSQL the other expert's write waited on the lock).
 */
const UNHINDERED_MS = 2_000;
const LIMIT_MESSAGE = new RegExp(`at most ${MAX_LOGS_PER_DAY} logs`);

type Who = 'expert1' | 'expert2' | 'officer';

function aLog(assignmentId: string, date: string, patch: Partial<DailyLog> = {}): DailyLog {
  return {
    id: crypto.randomUUID(),
    assignmentId,
    date,
    hours: 0,
    workMode: 'remote',
    location: 'Home office',
    activities: '',
    ktActivities: [],
    // A 0-hour log says why (SP-6).
    notes: 'Short call',
    ...patch,
  };
}

const newRows = (logs: DailyLog[]): PushRow[] =>
  logs.map((log) => ({ newDocumentState: { ...log, _deleted: false } }) as PushRow);

/**
 * The server with signed-in demo users; every day of the assignments open for logging.
 * `beforeStart` writes into its storage while it is down, as an older version would have.
 */
function serverFixture(backend: 'sqlite' | 'postgres', beforeStart?: (storage: Storage) => Promise<void>) {
  const f = {
    server: undefined as unknown as TestServer,
    tokens: {} as Record<Who, string>,
    asg1: undefined as unknown as Assignment,

    async push(who: Who, collection: CollectionName, rows: PushRow[]): Promise<PushResponse> {
      const response = await fetch(`${f.server.url}${API_PATHS.push(collection)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${f.tokens[who]}`, 'content-type': 'application/json' },
        body: JSON.stringify(rows),
      });
      const text = await response.text();
      expect(response.status, text).toBe(200);
      return JSON.parse(text) as PushResponse;
    },
  };
  beforeAll(async () => {
    f.server = await startTestServer({ storage: backend, seedPastMonths: false });
    if (beforeStart) {
      // Started again after it, the live streams begin at the end of the table: what the test
      // measures is the push, not the streams reading a backlog written below the API.
      await f.server.stop();
      const storage =
        backend === 'sqlite'
          ? new SqliteStorage({ path: f.server.dbPath })
          : await PostgresStorage.open({ connectionString: TEST_DATABASE_URL, schema: f.server.schema });
      await beforeStart(storage);
      await storage.close();
      await f.server.restart();
    }
    for (const who of ['expert1', 'expert2', 'officer'] as const) {
      f.tokens[who] = await login(f.server.url, `${who}@demo.test`);
    }
    f.asg1 = (await f.server.storage.getDocument('assignments', 'asg-expert1'))!.data;
  });
  afterAll(() => f.server.close());
  return f;
}

/** Resolves with what `run` resolved with and how long it took. */
async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`logs per day (${backend})`, () => {
    const f = serverFixture(backend);

    it('SP-6: the log over the limit is refused on its own row with the reason; edits and deletions of the day still go through', async () => {
      const day = addDays(f.asg1.startDate, 3);
      const full = Array.from({ length: MAX_LOGS_PER_DAY }, () => aLog('asg-expert1', day));
      const extra = aLog('asg-expert1', day);
      const nextDay = aLog('asg-expert1', addDays(day, 1));
      expect(await f.push('expert1', 'logs', newRows(full))).toEqual({ conflicts: [], rejections: [] });
      const refused = await f.push('expert1', 'logs', newRows([extra, nextDay]));
      expect(refused.rejections).toEqual([
        { id: extra.id, code: 'rule', message: expect.stringMatching(LIMIT_MESSAGE) },
      ]);
      expect(refused.rejections[0]!.message).toContain(day);
      expect(refused.conflicts).toEqual([{ ...extra, _deleted: true }]);

      // The limit is the expert's, across assignments, as the 24-hour rule is.
      // Virtual: an expert's on-site assignments may not overlap (AS-3).
      const second = { ...f.asg1, id: 'asg-expert1-second', mode: 'virtual' as const };
      delete second.createdAt;
      delete second.updatedAt;
      expect(
        await f.push('officer', 'assignments', [{ newDocumentState: { ...second, _deleted: false } }]),
      ).toEqual({
        conflicts: [],
        rejections: [],
      });
      const onSecond = aLog(second.id, day);
      expect((await f.push('expert1', 'logs', newRows([onSecond]))).rejections).toEqual([
        { id: onSecond.id, code: 'rule', message: expect.stringMatching(LIMIT_MESSAGE) },
      ]);

      // A log already on the full day can still be corrected, or deleted to make room.
      const stored = (await f.server.storage.getDocument('logs', full[0]!.id))!;
      const corrected = { ...stored.data, activities: 'Reading the borehole files.', _deleted: false };
      expect(
        await f.push('expert1', 'logs', [
          { newDocumentState: corrected, assumedMasterState: { ...stored.data, _deleted: false } },
        ] as PushRow[]),
      ).toEqual({ conflicts: [], rejections: [] });
      const removed = (await f.server.storage.getDocument('logs', full[1]!.id))!;
      expect(
        await f.push('expert1', 'logs', [
          {
            newDocumentState: { ...removed.data, _deleted: true },
            assumedMasterState: { ...removed.data, _deleted: false },
          },
        ] as PushRow[]),
      ).toEqual({ conflicts: [], rejections: [] });
      expect((await f.push('expert1', 'logs', newRows([extra]))).rejections).toEqual([]);
    });
  });

  describe(`a day already holding ${CROWD} logs (${backend})`, () => {
    const crowdedDayOf = (asg1: Assignment) => addDays(asg1.startDate, 1);
    const f = serverFixture(backend, async (storage) => {
      const day = crowdedDayOf((await storage.getDocument('assignments', 'asg-expert1'))!.data);
      await storage.transaction(async (tx) => {
        for (let i = 0; i < CROWD; i += 1) {
          const log = aLog('asg-expert1', day, { id: `crowd-${i}` });
          await tx.writeDocument({
            collection: 'logs',
            id: log.id,
            assignmentId: log.assignmentId,
            data: log,
            deleted: false,
          });
        }
      });
    });

    it(`SP-6: a 100-row push on that day is bounded and leaves other users' requests alone`, async () => {
      const crowdedDay = crowdedDayOf(f.asg1);
      const rows = newRows(Array.from({ length: MAX_PUSH_DOCUMENTS }, () => aLog('asg-expert1', crowdedDay)));
      const otherLog = aLog('asg-expert2', addDays(f.asg1.startDate, 2), {
        hours: 6,
        activities: 'Sprint planning with the e-government team.',
      });

      // Once each before measuring, so that what is timed is not the first request's start-up work.
      await f.push('expert1', 'logs', newRows([aLog('asg-expert1', crowdedDay)]));
      await fetch(`${f.server.url}${API_PATHS.health}`);

      const crowded = timed(() => f.push('expert1', 'logs', rows));
      const other = timed(() => f.push('expert2', 'logs', newRows([otherLog])));
      const health = timed(() => fetch(`${f.server.url}${API_PATHS.health}`));
      const [big, one, healthz] = await Promise.all([crowded, other, health]);
      console.info(
        `${backend}: 100-row push on a day of ${CROWD} logs ${big.ms.toFixed(0)} ms; ` +
          `another expert's push ${one.ms.toFixed(0)} ms; /healthz ${healthz.ms.toFixed(0)} ms`,
      );

      expect(big.value.rejections).toHaveLength(MAX_PUSH_DOCUMENTS);
      for (const rejection of big.value.rejections) {
        expect(rejection).toEqual({
          id: expect.any(String),
          code: 'rule',
          message: expect.stringMatching(LIMIT_MESSAGE),
        });
      }
      expect(one.value).toEqual({ conflicts: [], rejections: [] });
      expect(healthz.value.status).toBe(200);
      expect(big.ms).toBeLessThan(UNHINDERED_MS);
      expect(one.ms).toBeLessThan(UNHINDERED_MS);
      expect(healthz.ms).toBeLessThan(UNHINDERED_MS);
    });
  });
}
