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
  DEVICE_HEADER,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type SyncCheckpoint,
  type SyncDocument,
} from '../../src/shared/sync/protocol';
import { revisionOf } from '../../src/shared/sync/revision';
import { previousMonth } from '../../sync-server/src/seed';
import { aLog } from './builders';
import { openStream } from './sse-client';
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
  /**
   * A push that must be answered 200; returns its conflicts and rejections. `device` names the
   * device that sends it (SP-13).
   */
  push(
    who: Caller,
    collection: CollectionName,
    rows: PushRow[],
    from?: { device?: string },
  ): Promise<PushResponse>;
  /** One pull page, answered 200; `device` names the device that asks (SP-13). */
  pullPage<K extends CollectionName>(
    who: Caller,
    collection: K,
    page?: { checkpoint?: SyncCheckpoint | null; limit?: number; device?: string },
  ): Promise<PullResponse<K>>;
  /** The changes of a collection `who` may read after `seq` (one page of up to 1000), answered 200. */
  pullSince<K extends CollectionName>(who: Caller, collection: K, seq?: number): Promise<PullResponse<K>>;
  /**
   * One document pushed as a change of `assumed` (named by its revision), answered with any status:
   * the body is the push's answer, or the error of a push refused as a whole.
   */
  pushDocument(
    who: Caller,
    collection: CollectionName,
    doc: SyncDocument,
    assumed?: SyncDocument,
  ): Promise<{ status: number; body: PushResponse & { error?: { code: string; message: string } } }>;
  /** A document as the server's storage holds it, read directly rather than through a pull. */
  stored<K extends CollectionName>(collection: K, id: string): Promise<SyncDocument<K> | undefined>;
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
 * given. `later` gives options that exist only once earlier beforeAll hooks have run, such as a
 * fake push service's agent.
 */
export function useApiServer(
  options: TestServerOptions = {},
  later: () => TestServerOptions = () => ({}),
): ApiServer {
  const clock = createTestClock();
  const api = apiClient({ now: clock.now, ...options }, clock);
  beforeAll(async () => {
    api.server = await startTestServer({ now: clock.now, ...options, ...later() });
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

    call: (method, path, { as, ...options } = {}) =>
      callServer(api.server.url, method, path, {
        ...options,
        as: as === undefined ? undefined : tokenOf(as),
      }),

    async push(who, collection, rows, { device } = {}) {
      const { status, text } = await api.call('POST', API_PATHS.push(collection), {
        as: who,
        body: rows,
        headers: deviceHeader(device),
      });
      expect(status, text).toBe(200);
      return JSON.parse(text) as PushResponse;
    },

    async pullPage(who, collection, { checkpoint, limit, device } = {}) {
      const params = new URLSearchParams();
      if (checkpoint) params.set('checkpoint', JSON.stringify(checkpoint));
      if (limit) params.set('limit', String(limit));
      const query = params.size > 0 ? `?${params}` : '';
      const { status, text } = await api.call('GET', `${API_PATHS.pull(collection)}${query}`, {
        as: who,
        headers: deviceHeader(device),
      });
      expect(status, text).toBe(200);
      return JSON.parse(text) as PullResponse<typeof collection>;
    },

    pullSince: (who, collection, seq = 0) =>
      api.pullPage(who, collection, { checkpoint: { seq }, limit: 1000 }),

    async pushDocument(who, collection, doc, assumed) {
      const { status, json } = await api.call('POST', API_PATHS.push(collection), {
        as: who,
        body: [{ newDocumentState: doc, assumedRevision: assumed ? revisionOf(assumed) : undefined }],
      });
      return { status, body: json };
    },

    async stored<K extends CollectionName>(collection: K, id: string) {
      const doc = await api.server.storage.getDocument(collection, id);
      return doc && ({ ...doc.data, _deleted: doc.deleted } as SyncDocument<K>);
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

/**
 * One request to the server at `baseUrl`, for tests that run servers of their own; `as` is a bearer
 * token here.
 */
export async function callServer(
  baseUrl: string,
  method: string,
  path: string,
  { as, body, rawBody, headers: extra }: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...extra };
  if (as !== undefined) headers.authorization = `Bearer ${as}`;
  const sent = body === undefined ? rawBody : JSON.stringify(body);
  if (sent !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: sent });
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  return {
    status: response.status,
    headers: response.headers,
    text,
    get json() {
      return text ? JSON.parse(text) : undefined;
    },
  };
}

/** The header that names the device a request comes from (SP-13); none for a device from before. */
export const deviceHeader = (device: string | undefined): Record<string, string> =>
  device === undefined ? {} : { [DEVICE_HEADER]: device };

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

/**
 * A change of an officers-only collection reaches the officer's live stream and no one else's:
 * the expert's and supervisor's streams, caught up by a later change of their assignment, hold no
 * event of `collection`. `change` pushes the officer's change.
 */
export async function expectStreamedToOfficersOnly(
  api: ApiServer,
  collection: 'targets' | 'institutions',
  change: () => Promise<void>,
) {
  const streams = await Promise.all(
    (['expert1', 'supervisor1', 'officer'] as const).map((who) =>
      openStream(api.server.url, api.tokens[who]),
    ),
  );
  try {
    await Promise.all(streams.map((s) => s.waitFor((event) => event.type === 'resync', 'the first resync')));
    await change();
    const asg = (await api.stored('assignments', 'asg-expert1'))!;
    // Something the expert and supervisor do see after it, so their streams have caught up.
    const later = { ...asg, objectives: [...asg.objectives, 'Later.'] };
    expect((await api.pushDocument('officer', 'assignments', later, asg)).body.rejections).toEqual([]);
    await streams[2]!.waitFor(
      (event) => event.type === 'change' && event.collection === collection,
      `the officer’s change of ${collection}`,
    );
    for (const stream of streams.slice(0, 2)) {
      await stream.waitFor(
        (event) => event.type === 'change' && event.collection === 'assignments',
        'the assignment change',
      );
      expect(
        stream.events.filter((event) => event.type === 'change' && event.collection === collection),
      ).toEqual([]);
    }
  } finally {
    for (const stream of streams) stream.close();
  }
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
