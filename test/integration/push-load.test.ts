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
import type { ExpertDayCount, Storage } from '../../sync-server/src/storage/types';
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

/**
 * The largest number of logs one read inside a write transaction handed back (rows of a list, or
 * the logs a day count went through), and how many reads handed back any. Before the limit and the indexed read, each row of a push read
 * the whole crowded day (the push took 4–10 s and held the other requests for as long); the count
 * tells that apart on any machine, where a stopwatch tells it apart only on a quiet one.
 */
function countLogsRead(storage: Storage): { reads: number; most: number } {
  const counted = { reads: 0, most: 0 };
  const transaction = storage.transaction.bind(storage);
  storage.transaction = (fn) =>
    transaction((tx) =>
      fn(
        new Proxy(tx, {
          get(target, key) {
            const value: unknown = Reflect.get(target, key);
            if (typeof value !== 'function') return value;
            return async (...args: unknown[]) => {
              const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(
                target,
                args,
              );
              const logs = Array.isArray(result)
                ? result.length
                : key === 'countExpertLogsOnDate'
                  ? (result as ExpertDayCount).logs
                  : 0;
              if (logs > 0) counted.reads += 1;
              counted.most = Math.max(counted.most, logs);
              return result;
            };
          },
        }),
      ),
    );
  return counted;
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
      expect(refused.rejections).toMatchObject([
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
      expect((await f.push('expert1', 'logs', newRows([onSecond]))).rejections).toMatchObject([
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

      // Once each first: a server's first request does start-up work of its own.
      await f.push('expert1', 'logs', newRows([aLog('asg-expert1', crowdedDay)]));
      await fetch(`${f.server.url}${API_PATHS.health}`);

      const read = countLogsRead(f.server.storage);
      const [big, one, healthz] = await Promise.all([
        f.push('expert1', 'logs', rows),
        f.push('expert2', 'logs', newRows([otherLog])),
        fetch(`${f.server.url}${API_PATHS.health}`),
      ]);

      expect(big.rejections).toHaveLength(MAX_PUSH_DOCUMENTS);
      for (const rejection of big.rejections) {
        expect(rejection).toMatchObject({
          id: expect.any(String),
          code: 'rule',
          message: expect.stringMatching(LIMIT_MESSAGE),
        });
      }
      expect(one).toEqual({ conflicts: [], rejections: [] });
      expect(healthz.status).toBe(200);
      // Each row counts the day only up to the limit: every read is bounded, none hands back the crowd.
      expect(read.reads).toBeGreaterThanOrEqual(MAX_PUSH_DOCUMENTS);
      expect(read.most).toBeLessThanOrEqual(MAX_LOGS_PER_DAY);
    });
  });
}
