/**
 * Allowance payment batches over HTTP (docs/sync-protocol.md PB-1 … PB-4), on SQLite, and on
 * PostgreSQL in the integration-postgres project: a month is paid once, also when two officers
 * batch it at once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PAYMENTS_API_PATHS, type PaymentBatchResponse } from '../../src/shared/payments';
import type { PushResponse, SyncDocument } from '../../src/shared/sync/protocol';
import { snapshotHash, snapshotLogs, timesheetPeriod } from '../../src/shared/rules/timesheet-rules';
import type { Assignment, DailyLog } from '../../src/shared/schemas';
import { timesheetId } from '../../src/shared/schemas/timesheet.schema';
import { useApiServer, type Caller } from '../helpers/api-client';
import { TEST_DATABASE_URL } from '../helpers/postgres';
import { login } from '../helpers/test-server';

const api = useApiServer({ now: () => new Date() });
/** The demo's approved and submitted months of expert1. */
let approvedId: string;
let submittedId: string;

beforeAll(async () => {
  const months = (await api.server.storage.documentsOfAssignment('asg-expert1')).filter(
    (doc) => doc.collection === 'timesheets',
  );
  const withStatus = (status: string) =>
    months.find((doc) => (doc.data as { status: string }).status === status)!.id;
  approvedId = withStatus('approved');
  submittedId = withStatus('submitted');
});

const call = (who: Caller, method: string, path: string, body?: unknown) =>
  api.call(method, path, { as: who, body });

const timesheet = async (id: string) => (await api.timesheet(id))!;

/** An officer's edit of an assignment through the ordinary push (SP-3). */
async function editAssignment(
  id: string,
  patch: Partial<SyncDocument<'assignments'>>,
): Promise<PushResponse> {
  const current = await api.find('assignments', id);
  return api.push('officer', 'assignments', [
    { newDocumentState: { ...current!, ...patch }, assumedMasterState: current },
  ]);
}

describe('payment batches (PB-*)', () => {
  it('PB-1 PB-2: batches approved months only, each once, with the batch named on a second try', async () => {
    const notApproved = await call('officer', 'POST', PAYMENTS_API_PATHS.batches, {
      timesheetIds: [submittedId],
    });
    expect(notApproved.status).toBe(400);
    expect(notApproved.json.error.message).toContain(`not approved: ${submittedId}`);

    const created = await call('officer', 'POST', PAYMENTS_API_PATHS.batches, { timesheetIds: [approvedId] });
    expect(created.status).toBe(201);
    const { batch } = created.json;
    expect(batch).toMatchObject({ timesheetIds: [approvedId], paidOn: null, createdBy: 'user-officer' });
    expect(batch.id).toMatch(/^PB-\d{4}-\d{2}-\d{2}-[0-9a-f]{6}$/);

    const again = await call('officer', 'POST', PAYMENTS_API_PATHS.batches, { timesheetIds: [approvedId] });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain(`${approvedId} (in ${batch.id})`);

    const csv = await call('officer', 'GET', PAYMENTS_API_PATHS.csv(batch.id));
    expect(csv.status).toBe(200);
    const lines = csv.text.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(approvedId);
    expect((await call('officer', 'GET', PAYMENTS_API_PATHS.batches)).json).toMatchObject({
      batches: [batch],
    });
  });

  it('PB-2: of two officers batching the same month at once, exactly one succeeds', async () => {
    // Approve the submitted month first.
    const submitted = await timesheet(submittedId);
    const approval = { fullName: 'Abdirahman Warsame', hash: submitted.submission!.snapshot.hash };
    expect(
      (await api.decide('supervisor1', { ...submitted, status: 'approved', approval })).rejections,
    ).toEqual([]);
    const officer2 = await login(api.server.url, 'officer@demo.test');
    const answers = await Promise.all(
      ['officer', officer2].map((who) =>
        call(who, 'POST', PAYMENTS_API_PATHS.batches, { timesheetIds: [submittedId] }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
  });

  it('PB-3: a batch is marked paid once, with a real date; a batched month cannot be reopened', async () => {
    const batches: PaymentBatchResponse['batch'][] = (
      await call('officer', 'GET', PAYMENTS_API_PATHS.batches)
    ).json.batches;
    const first = batches.find((b) => b.timesheetIds.includes(approvedId))!;
    const future = await call('officer', 'POST', PAYMENTS_API_PATHS.paid(first.id), { paidOn: '2099-01-01' });
    expect(future.status).toBe(400);
    expect(
      (await call('officer', 'POST', PAYMENTS_API_PATHS.paid(first.id), { paidOn: '2026-02-30' })).status,
    ).toBe(400);
    const paid = await call('officer', 'POST', PAYMENTS_API_PATHS.paid(first.id), { paidOn: '2026-11-30' });
    expect(paid.status).toBe(200);
    expect(paid.json.batch).toMatchObject({ paidOn: '2026-11-30', paidBy: 'user-officer' });
    const twice = await call('officer', 'POST', PAYMENTS_API_PATHS.paid(first.id), { paidOn: '2026-12-01' });
    expect(twice.status).toBe(409);
    expect(twice.json.error.message).toContain('already marked paid on 2026-11-30');
    expect(
      (await call('officer', 'POST', PAYMENTS_API_PATHS.paid('PB-none'), { paidOn: '2026-11-30' })).status,
    ).toBe(404);

    const approved = await timesheet(approvedId);
    const reopen = await api.decide('officer', {
      ...approved,
      status: 'returned',
      reopened: { reason: 'Wrong hours.' },
    });
    expect(reopen.rejections[0]).toMatchObject({
      code: 'rule',
      message: `This month is in payment batch ${first.id}, so it stays approved as it was paid. If it was paid wrongly, settle it with the finance team outside Fieldbook.`,
      reasons: [{ id: 'rules.timesheet.batched', values: { batchId: first.id } }],
    });
    expect((await timesheet(approvedId)).status).toBe('approved');
  });

  it('PB-4: the expert, supervisor and officers see a month’s payment; others and non-officers’ batch calls do not', async () => {
    const mine = await call('expert1', 'GET', PAYMENTS_API_PATHS.timesheetPayment(approvedId));
    expect(mine.status).toBe(200);
    expect(mine.json).toMatchObject({
      timesheetId: approvedId,
      paidOn: '2026-11-30',
      batchId: expect.stringMatching(/^PB-/),
    });
    expect((await call('supervisor1', 'GET', PAYMENTS_API_PATHS.timesheetPayment(approvedId))).status).toBe(
      200,
    );
    expect((await call('expert2', 'GET', PAYMENTS_API_PATHS.timesheetPayment(approvedId))).status).toBe(404);
    const unbatched = (await api.server.storage.documentsOfAssignment('asg-expert2')).find(
      (doc) => doc.collection === 'timesheets',
    )!.id;
    expect((await call('expert2', 'GET', PAYMENTS_API_PATHS.timesheetPayment(unbatched))).json).toMatchObject(
      {
        batchId: null,
        paidOn: null,
      },
    );
    expect((await call('expert1', 'GET', PAYMENTS_API_PATHS.batches)).status).toBe(403);
    expect(
      (await call('expert1', 'POST', PAYMENTS_API_PATHS.batches, { timesheetIds: [approvedId] })).status,
    ).toBe(403);
    expect((await call('officer', 'POST', PAYMENTS_API_PATHS.batches, { timesheetIds: [] })).status).toBe(
      400,
    );
    expect(
      (await call('officer', 'POST', PAYMENTS_API_PATHS.batches, { timesheetIds: ['a', 'a'] })).status,
    ).toBe(400);
  });

  it('AS-7: an assignment with a month in a batch keeps its daily rate and mode; other edits and other assignments change', async () => {
    const paid = await editAssignment('asg-expert1', { dailyRateEur: 200 });
    expect(paid.rejections).toMatchObject([
      {
        id: 'asg-expert1',
        code: 'rule',
        message: expect.stringMatching(
          /payment batch(es)? PB-.*daily allowance \(EUR 125 a day, physical\) stays as it was paid/,
        ),
      },
    ]);
    expect((await editAssignment('asg-expert1', { mode: 'virtual' })).rejections).toHaveLength(1);
    expect(
      (await editAssignment('asg-expert1', { objectives: ['Train the borehole team', 'Write the manual'] }))
        .rejections,
    ).toEqual([]);
    // The same effective rate, now written down, changes nothing that was paid.
    expect((await editAssignment('asg-expert1', { dailyRateEur: 125 })).rejections).toEqual([]);

    expect((await editAssignment('asg-expert2', { dailyRateEur: 150 })).rejections).toEqual([]);
    expect((await api.assignment('asg-expert2')).dailyRateEur).toBe(150);
    for (const dailyRateEur of [12.5, -1, 1001]) {
      const refused = await editAssignment('asg-expert2', { dailyRateEur });
      expect(refused.rejections).toMatchObject([
        { id: 'asg-expert2', code: 'invalid', message: expect.stringMatching(/dailyRateEur/) },
      ]);
    }
  });

  // Two server processes on one PostgreSQL are two connections: holding the expert's scope from a
  // third one lines both requests up behind it, as a slow push would. (SQLite serves one process,
  // whose storage runs one operation at a time.) Registered in integration-postgres only.
  const onPostgres = process.env.TEST_STORAGE === 'postgres' ? it : () => undefined;
  onPostgres('PB-3: an officer reopening a month while another batches it: never both', async () => {
    // expert2 resubmits the returned demo month and supervisor2 approves it.
    const month = api.lastMonth;
    const id = timesheetId('asg-expert2', month);
    const assignment = (await api.server.storage.getDocument('assignments', 'asg-expert2'))!
      .data as Assignment;
    const logs = (await api.server.storage.findLogsBetween('asg-expert2', `${month}-01`, `${month}-31`)).map(
      (doc) => doc.data as DailyLog,
    );
    const snapshot = snapshotLogs(logs, 'asg-expert2', timesheetPeriod(assignment, month)!);
    const hash = await snapshotHash('asg-expert2', month, snapshot);
    const returned = await timesheet(id);
    expect(
      (
        await api.decide('expert2', {
          ...returned,
          status: 'submitted',
          submission: { declaration: true, fullName: 'Chidi Okafor', snapshot: { logs: snapshot, hash } },
        })
      ).rejections,
    ).toEqual([]);
    const submitted = await timesheet(id);
    expect(
      (
        await api.decide('supervisor2', {
          ...submitted,
          status: 'approved',
          approval: { fullName: 'Grace Eze', hash },
        })
      ).rejections,
    ).toEqual([]);

    const holder = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `${api.server.schema}:scope:expert:user-expert2`,
    ]);
    const pause = () => new Promise((resolve) => setTimeout(resolve, 300));
    const approved = await timesheet(id);
    const reopening = api.decide('officer', {
      ...approved,
      status: 'returned',
      reopened: { reason: 'Wrong rate.' },
    });
    await pause();
    const batching = call('officer', 'POST', PAYMENTS_API_PATHS.batches, { timesheetIds: [id] });
    await pause();
    await holder.query('COMMIT');
    await holder.end();
    const [reopen, batch] = await Promise.all([reopening, batching]);

    const reopened = reopen.rejections.length === 0;
    const batched = batch.status === 201;
    expect({ reopened, batched }, batch.text).not.toEqual({ reopened: true, batched: true });
    expect(reopened || batched).toBe(true);
    expect((await timesheet(id)).status).toBe(batched ? 'approved' : 'returned');
  });
});
