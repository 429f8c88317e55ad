/**
 * The typed HTTP fixture of the integration tests: a seeded test server (./test-server.ts) with the
 * demo users signed in, and the calls tests make — push, pull, decide, the officers' CSV export, or
 * any raw request.
 *
 *   const api = useApiServer();                      // beforeAll/afterAll of this describe; api.clock moves it
 *   await api.push('expert1', 'logs', [{ newDocumentState: expert1Log(api.today) }]);
 *   await api.decide('supervisor1', { ...(await api.timesheet(id))!, status: 'approved', approval });
 *
 * A caller is a demo user's name or a bearer token.
 */
import { expect, afterAll, beforeAll } from 'vitest';
import { addDays } from '../../src/shared/dates';
import { snapshotHash, snapshotLogs, timesheetPeriod } from '../../src/shared/rules/timesheet-rules';
import type { Assignment, CollectionName, DailyLog } from '../../src/shared/schemas';
import type { TimesheetSnapshot } from '../../src/shared/schemas/timesheet.schema';
import {
  API_PATHS,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type SyncCheckpoint,
  type SyncDocument,
} from '../../src/shared/sync/protocol';
import { previousMonth } from '../../sync-server/src/seed';
import { aLog } from './builders';
import {
  createTestClock,
  login,
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from './test-server';

export const DEMO_USERS = ['expert1', 'expert2', 'supervisor1', 'supervisor2', 'officer'] as const;
export type DemoUser = (typeof DEMO_USERS)[number];
/** A demo user's name, or a bearer token. */
export type Caller = DemoUser | (string & {});

export interface CallOptions {
  /** Who calls; none sends no authorization header. */
  as?: Caller;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (content-type JSON unless `headers` say otherwise). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  /** The body as sent, a byte-order mark included (response.text() would drop it). */
  text: string;
  /** The body parsed as JSON; undefined when empty. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the parts they assert on
  json: any;
}

export interface ApiServer {
  /** The running server; set once the describe's beforeAll has run. */
  server: TestServer;
  tokens: Record<DemoUser, string>;
  /** The server's clock (createTestClock), and the months it places the demo data in. */
  clock: ReturnType<typeof createTestClock>;
  today: string;
  thisMonth: string;
  lastMonth: string;
  monthBefore: string;

  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  /** A push that must be answered 200; returns its conflicts and rejections. */
  push(who: Caller, collection: CollectionName, rows: PushRow[]): Promise<PushResponse>;
  /** One pull page, answered 200. */
  pullPage<K extends CollectionName>(
    who: Caller,
    collection: K,
    page?: { checkpoint?: SyncCheckpoint | null; limit?: number },
  ): Promise<PullResponse<K>>;
  /** Every document of a collection `who` may read (one page of up to 500). */
  pull<K extends CollectionName>(who: Caller, collection: K): Promise<SyncDocument<K>[]>;
  /** The server's version of a document, as the officer (who reads all) sees it. */
  find<K extends CollectionName>(collection: K, id: string): Promise<SyncDocument<K> | undefined>;
  timesheet(id: string): Promise<SyncDocument<'timesheets'> | undefined>;
  report(id: string): Promise<SyncDocument<'reports'> | undefined>;
  assignment(id: string): Promise<Assignment>;
  /** Pushes `next` as a change of the server's current version of the same timesheet or report. */
  decide(who: Caller, next: SyncDocument<'timesheets'> | SyncDocument<'reports'>): Promise<PushResponse>;
  /** Pushes a log as the expert of its demo assignment, based on the server's current version. */
  writeLog(log: SyncDocument<'logs'>): Promise<PushResponse>;
  /** The snapshot a device holding the server's logs would declare for a month (TS-4). */
  snapshot(assignmentId: string, month: string): Promise<TimesheetSnapshot>;
  /** The officers' CSV export of timesheets (TS-8); `query` such as `?month=2026-05`. */
  exportTimesheets(who: Caller, query?: string): Promise<CallResult>;
}

/**
 * A seeded server for the tests of the current describe block (started in beforeAll, deleted in
 * afterAll) with every demo user signed in. The server's clock is a test clock unless `now` is
 * given.
 */
export function useApiServer(options: TestServerOptions = {}): ApiServer {
  const clock = createTestClock();
  const api = apiClient({ now: clock.now, ...options }, clock);
  beforeAll(async () => {
    api.server = await startTestServer({ now: clock.now, ...options });
    for (const who of DEMO_USERS) api.tokens[who] = await login(api.server.url, `${who}@demo.test`);
  });
  afterAll(() => api.server.close());
  return api;
}

function apiClient(options: TestServerOptions, clock: ReturnType<typeof createTestClock>): ApiServer {
  const today = (options.now ?? clock.now)().toISOString().slice(0, 10);
  const thisMonth = today.slice(0, 7);
  const lastMonth = previousMonth(thisMonth);
  const tokenOf = (who: Caller) => api.tokens[who as DemoUser] ?? who;

  const api: ApiServer = {
    server: undefined as unknown as TestServer,
    tokens: {} as Record<DemoUser, string>,
    clock,
    today,
    thisMonth,
    lastMonth,
    monthBefore: previousMonth(lastMonth),

    async call(method, path, { as, body, rawBody, headers: extra } = {}) {
      const headers: Record<string, string> = { ...extra };
      if (as !== undefined) headers.authorization = `Bearer ${tokenOf(as)}`;
      const sent = body === undefined ? rawBody : JSON.stringify(body);
      if (sent !== undefined) headers['content-type'] ??= 'application/json';
      const response = await fetch(`${api.server.url}${path}`, { method, headers, body: sent });
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
      return {
        status: response.status,
        headers: response.headers,
        text,
        get json() {
          return text ? JSON.parse(text) : undefined;
        },
      };
    },

    async push(who, collection, rows) {
      const { status, text } = await api.call('POST', API_PATHS.push(collection), { as: who, body: rows });
      expect(status, text).toBe(200);
      return JSON.parse(text) as PushResponse;
    },

    async pullPage(who, collection, { checkpoint, limit } = {}) {
      const params = new URLSearchParams();
      if (checkpoint) params.set('checkpoint', JSON.stringify(checkpoint));
      if (limit) params.set('limit', String(limit));
      const query = params.size > 0 ? `?${params}` : '';
      const { status, text } = await api.call('GET', `${API_PATHS.pull(collection)}${query}`, { as: who });
      expect(status, text).toBe(200);
      return JSON.parse(text) as PullResponse<typeof collection>;
    },

    async pull(who, collection) {
      return (await api.pullPage(who, collection, { limit: 500 })).documents;
    },

    async find(collection, id) {
      return (await api.pull('officer', collection)).find((doc) => doc.id === id);
    },

    timesheet: (id) => api.find('timesheets', id),
    report: (id) => api.find('reports', id),

    async assignment(id) {
      const found = await api.find('assignments', id);
      if (!found) throw new Error(`no assignment ${id}`);
      return found;
    },

    async decide(who, next) {
      // A report has sections, a timesheet none: the one field that tells the collections apart.
      const collection = 'sections' in next ? 'reports' : 'timesheets';
      const assumed = await api.find(collection, next.id);
      return api.push(who, collection, [{ newDocumentState: next, assumedMasterState: assumed }]);
    },

    async writeLog(log) {
      const expert = log.assignmentId === 'asg-expert2' ? 'expert2' : 'expert1';
      const assumed = (await api.pull(expert, 'logs')).find((l) => l.id === log.id);
      return api.push(expert, 'logs', [{ newDocumentState: log, assumedMasterState: assumed }]);
    },

    async snapshot(assignmentId, month) {
      const assignment = await api.assignment(assignmentId);
      const logs = (await api.pull('officer', 'logs')).filter((l) => !l._deleted) as DailyLog[];
      const period = timesheetPeriod(assignment, month);
      const snapshotted = period ? snapshotLogs(logs, assignmentId, period) : [];
      return { logs: snapshotted, hash: await snapshotHash(assignmentId, month, snapshotted) };
    },

    exportTimesheets: (who, query = '') =>
      api.call('GET', `${API_PATHS.exportTimesheets}${query}`, { as: who }),
  };
  return api;
}

/** A new log of expert1's demo assignment (asg-expert1) on `date`. */
export const expert1Log = (date: string, patch: Partial<SyncDocument<'logs'>> = {}) =>
  aLog({ assignmentId: 'asg-expert1', date, ...patch });

/**
 * Only the expert of the assignment creates its timesheet or report (SP-7): its supervisor and the
 * officer are refused; users of another assignment are refused too and get back a tombstone of
 * what they sent, which reveals nothing. Nothing is stored.
 */
export async function expectOnlyTheExpertCreates(
  api: ApiServer,
  collection: 'timesheets' | 'reports',
  doc: SyncDocument<'timesheets'> | SyncDocument<'reports'>,
) {
  for (const insider of ['supervisor1', 'officer'] as const) {
    const response = await api.push(insider, collection, [{ newDocumentState: doc }]);
    expectRefused(response, 'forbidden', /Only the expert/);
  }
  for (const outsider of ['expert2', 'supervisor2'] as const) {
    const response = await api.push(outsider, collection, [{ newDocumentState: doc }]);
    expectRefused(response, 'forbidden', /assignments you work on or supervise/);
    expect(response.conflicts).toEqual([{ ...doc, _deleted: true }]);
  }
  expect(await api.find(collection, doc.id)).toBeUndefined();
}

/**
 * Only a supervisor of the assignment decides on expert1's timesheet or report (SP-7): the expert
 * and the officer are refused, and so are the supervisor and expert of another assignment.
 */
export async function expectOnlyTheSupervisorDecides(
  api: ApiServer,
  next: SyncDocument<'timesheets'> | SyncDocument<'reports'>,
) {
  for (const who of ['expert1', 'officer'] as const) {
    expectRefused(await api.decide(who, next), 'forbidden', /host supervisor/);
  }
  for (const outsider of ['supervisor2', 'expert2'] as const) {
    expectRefused(await api.decide(outsider, next), 'forbidden', /assignments you work on or supervise/);
  }
}

/**
 * Logs of expert1's demo assignment on `api`'s server: `newLog` builds one (by default on the
 * assignment's second day), `created` pushes one and returns it as the server stamped it, and
 * `assignment` is the assignment as the server holds it (read in beforeAll).
 */
export function useExpert1Logs(api: ApiServer) {
  let assignment: Assignment;
  beforeAll(async () => {
    assignment = await api.assignment('asg-expert1');
  });
  const newLog = (patch: Partial<SyncDocument<'logs'>> = {}) =>
    expert1Log(addDays(assignment.startDate, 1), patch);
  const created = async (patch: Partial<SyncDocument<'logs'>> = {}) => {
    const log = newLog(patch);
    expect(await api.push('expert1', 'logs', [{ newDocumentState: log }])).toEqual(ACCEPTED);
    const found = (await api.pull('expert1', 'logs')).find((d) => d.id === log.id);
    expect(found).toBeDefined();
    return found!;
  };
  return { assignment: () => assignment, newLog, created };
}

/** The answer to a push that applied every row. */
export const ACCEPTED: PushResponse = { conflicts: [], rejections: [] };

/** Asserts a push was refused on its one row with `code` and a message that matches. */
export function expectRefused(response: PushResponse, code: string, message: RegExp | string) {
  expect(response.rejections).toHaveLength(1);
  expect(response.rejections[0]).toMatchObject({ code });
  if (typeof message === 'string') expect(response.rejections[0]!.message).toBe(message);
  else expect(response.rejections[0]!.message).toMatch(message);
}
