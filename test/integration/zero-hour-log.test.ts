/**
 * The server holds a 0-hour log to the rule the log form shows (SP-6, issue 11): it records a day
 * off and says why, in the notes or the activities; negative hours are refused as negative.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates';
import type { Assignment } from '../../src/shared/schemas';
import {
  API_PATHS,
  type PullResponse,
  type PushResponse,
  type SyncDocument,
} from '../../src/shared/sync/protocol';
import { createTestClock, login, startTestServer, type TestServer } from '../helpers/test-server';

describe('SP-6: a log of 0 hours', () => {
  const clock = createTestClock();
  let server: TestServer;
  let token: string;
  let assignment: Assignment;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  function aLog(patch: Partial<SyncDocument<'logs'>>): SyncDocument<'logs'> {
    return {
      id: crypto.randomUUID(),
      assignmentId: assignment.id,
      date: addDays(assignment.startDate, 3),
      hours: 0,
      workMode: 'remote',
      location: '',
      activities: '',
      ktActivities: [],
      notes: '',
      _deleted: false,
      ...patch,
    };
  }

  const push = (log: SyncDocument<'logs'>) =>
    call<PushResponse>('POST', API_PATHS.push('logs'), [{ newDocumentState: log }]);

  beforeAll(async () => {
    // Logs on the assignment's first days, which the demo's past timesheets would lock (TS-6).
    server = await startTestServer({ now: clock.now, seedPastMonths: false });
    token = await login(server.url, 'expert1@demo.test');
    const assignments = await call<PullResponse<'assignments'>>('GET', API_PATHS.pull('assignments'));
    assignment = assignments.documents.find((a) => a.id === 'asg-expert1') as Assignment;
  });
  afterAll(() => server.close());

  it('is refused when it says nothing, with the form’s message', async () => {
    const empty = aLog({});
    expect((await push(empty)).rejections).toMatchObject([
      { id: empty.id, code: 'rule', message: 'A log of 0 hours records a day off: say why in the notes.' },
    ]);
  });

  it('is kept with a note, or with activities, saying why', async () => {
    expect((await push(aLog({ notes: 'Public holiday' }))).rejections).toEqual([]);
    expect((await push(aLog({ activities: 'Read the borehole files' }))).rejections).toEqual([]);
  });

  it('refuses negative hours (by the schema, before the rules)', async () => {
    const negative = aLog({ hours: -2, activities: 'Survey' });
    expect((await push(negative)).rejections).toMatchObject([
      { id: negative.id, code: 'invalid', message: "Field 'hours' must be >= 0." },
    ]);
  });
});
