// @vitest-environment jsdom
/** Timesheet screens for the three roles, and the lock on days, against a real device database. */
import 'fake-indexeddb/auto';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, MemoryRouter, RouterProvider } from 'react-router';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Fieldbook } from '../../src/session/FieldbookProvider';
import { openUserDatabase, type DeviceDatabase } from '../../src/db/database';
import { submitTimesheet } from '../../src/db/timesheets';
import { dayCountingRule } from '../../src/i18n/labels';
import { snapshotHash, snapshotLogs } from '../../src/shared/rules/timesheet-rules';
import type { DailyLog, Timesheet } from '../../src/shared/schemas';
import { timesheetId } from '../../src/shared/schemas/timesheet.schema';
import type { PublicUser } from '../../src/shared/users';
import { LogForm } from '../../src/features/logs/LogForm';
import { emptyLogValues } from '../../src/features/logs/log-form-values';
import { fakeFieldbook } from '../helpers/fake-fieldbook';
import { anAssignment, expert, officer, supervisor } from '../helpers/builders';

const fake = vi.hoisted(() => ({ current: null as unknown as Fieldbook }));
vi.mock('../../src/session/FieldbookProvider', () => ({
  useFieldbook: () => fake.current,
  apiBaseUrl: () => 'http://server.test',
}));
const { routes } = await import('../../src/app/routes');

const assignment = anAssignment();
const MONTH = '2025-06';
const ID = timesheetId(assignment.id, MONTH);
const PATH = `/assignments/${assignment.id}/timesheets/${MONTH}`;

function log(
  id: string,
  date: string,
  hours: number,
  workMode: DailyLog['workMode'],
  activities: string,
): DailyLog {
  return {
    id,
    assignmentId: assignment.id,
    date,
    hours,
    workMode,
    location: 'Baidoa',
    activities,
    ktActivities: workMode === 'on_site' ? [{ type: 'workshop', peopleReached: 12 }] : [],
    notes: '',
    updatedAt: `${date}T18:00:00.000Z`,
  };
}

let device: DeviceDatabase;
let counter = 0;

beforeEach(async () => {
  counter += 1;
  device = await openUserDatabase(`ts-screens-${counter}`, {
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
  await device.db.assignments.insert(assignment);
  await device.db.logs.bulkInsert([
    log('jun-02', '2025-06-02', 8, 'on_site', 'Borehole survey'),
    log('jun-03', '2025-06-03', 6, 'remote', 'Wrote the report'),
    log('jun-04', '2025-06-04', 4, 'travel', 'Drive to Baidoa'),
    log('jul-01', '2025-07-01', 8, 'on_site', 'July work'),
  ]);
  localStorage.clear();
});
afterEach(async () => {
  cleanup();
  await device.db.remove();
});

function renderAs(user: PublicUser, path: string) {
  fake.current = fakeFieldbook(user, device, 'token-1');
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return { router, user: userEvent.setup() };
}

async function stored(): Promise<Timesheet | undefined> {
  return (await device.db.timesheets.findOne(ID).exec())?.toJSON() as Timesheet | undefined;
}

async function junHash(): Promise<string> {
  const logs = (await device.db.logs.find().exec()).map((doc) => doc.toJSON() as DailyLog);
  return snapshotHash(
    assignment.id,
    MONTH,
    snapshotLogs(logs, assignment.id, { start: '2025-06-01', end: '2025-06-30' }),
  );
}

/** A timesheet as the server would hand it back, history included. */
async function seed(status: Timesheet['status'], extra: Partial<Timesheet> = {}) {
  const hash = await junHash();
  const submission = {
    declaration: true as const,
    fullName: 'Amina Expert',
    snapshot: { logs: [], hash },
  };
  const history = [
    {
      at: '2025-07-01T08:00:00.000Z',
      byUserId: expert.id,
      byName: 'Amina Expert',
      role: 'expert',
      from: 'draft',
      to: 'submitted',
      hash,
    },
  ];
  if (status === 'approved') {
    history.push({
      at: '2025-07-02T09:00:00.000Z',
      byUserId: supervisor.id,
      byName: 'Sam Supervisor',
      role: 'supervisor',
      from: 'submitted',
      to: 'approved',
      hash,
    });
  }
  await device.db.timesheets.insert({
    id: ID,
    assignmentId: assignment.id,
    month: MONTH,
    status,
    submission,
    ...(status === 'approved'
      ? { approval: { fullName: 'Sam Supervisor', signature: 'M10 10L50 40 90 20', hash } }
      : {}),
    history,
    ...extra,
  });
}

describe('timesheet screen', () => {
  it('shows the days, totals with allowance and the history', async () => {
    await seed('approved');
    renderAs(expert, PATH);
    expect(await screen.findByRole('heading', { level: 1, name: /Timesheet — June 2025/ })).toBeTruthy();
    const days = screen.getByRole('table');
    expect(within(days).getAllByRole('row')).toHaveLength(4);
    expect(days.textContent).toContain('Borehole survey');
    expect(days.textContent).toContain('Workshop: 12 people reached');
    expect(days.textContent).not.toContain('July work');
    const totals = screen.getByRole('region', { name: 'Totals and allowance' });
    expect(within(totals).getByText('Hours').nextSibling?.textContent).toBe('18');
    expect(within(totals).getByText('Days worked').nextSibling?.textContent).toBe('3');
    // Remote days earn no allowance: on site and travel do, at Somalia's EUR 125.
    expect(within(totals).getByText('Allowance days').nextSibling?.textContent).toBe('2');
    expect(within(totals).getByText('Allowance').nextSibling?.textContent).toBe('2 × EUR 125 = EUR 250');
    // The rule stands beside the totals, on screen and on the printed timesheet.
    expect(within(totals).getByText(dayCountingRule()).closest('.no-print')).toBeNull();
    const history = screen.getByRole('region', { name: 'History' });
    expect(within(history).getAllByRole('listitem')).toHaveLength(2);
    expect(history.textContent).toContain('Sam Supervisor (Host supervisor)');
    expect(history.textContent).toContain('Approved');
    expect(history.textContent).not.toMatch(/→|submitted|approved/);
    expect(screen.getByRole('heading', { name: /Approved by Sam Supervisor on / })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Signature of Sam Supervisor' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Submit timesheet' })).toBeNull();
  });

  it('submits only with the declaration and a full name, then waits to sync', async () => {
    const { user } = renderAs(expert, PATH);
    expect(await screen.findByText('Not started')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Submit timesheet' }));
    expect(await screen.findByText('Tick the declaration to submit.')).toBeTruthy();
    expect(screen.getByText('Type your full name to sign the declaration.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('I confirm these hours are a true record'));
    expect(await stored()).toBeUndefined();

    await user.click(screen.getByLabelText('I confirm these hours are a true record'));
    await user.type(screen.getByLabelText('Full name'), 'Amina Expert');
    await user.click(screen.getByRole('button', { name: 'Submit timesheet' }));
    expect(await screen.findByText('Submitted — waiting for sign-off')).toBeTruthy();
    expect(screen.getByText(/Waiting to sync/)).toBeTruthy();
    const saved = await stored();
    expect(saved?.status).toBe('submitted');
    expect(saved?.submission?.fullName).toBe('Amina Expert');
    expect(saved?.submission?.snapshot.hash).toBe(await junHash());
  });

  it('disables submitting a month with no days, and says why', async () => {
    const empty = { ...assignment, id: 'assignment-2', startDate: '2025-08-01', endDate: '2025-08-31' };
    await device.db.assignments.insert(empty);
    renderAs(expert, `/assignments/${empty.id}/timesheets/2025-08`);
    const button = await screen.findByRole('button', { name: 'Submit timesheet' });
    expect(button).toHaveProperty('disabled', true);
    expect(screen.getByText('There are no days logged in this month yet.')).toBeTruthy();
  });

  it('lets the supervisor approve the submitted days', async () => {
    await submitTimesheet(device, assignment, MONTH, 'Amina Expert');
    const { user } = renderAs(supervisor, PATH);
    await user.click(await screen.findByRole('button', { name: 'Approve' }));
    expect(await screen.findByText('Type your full name to approve.')).toBeTruthy();
    expect((await stored())?.status).toBe('submitted');
    await user.type(screen.getByLabelText('Full name'), 'Sam Supervisor');
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(async () => expect((await stored())?.status).toBe('approved'));
    const saved = await stored();
    expect(saved?.approval?.fullName).toBe('Sam Supervisor');
    expect(saved?.approval?.hash).toBe(saved?.submission?.snapshot.hash);
    expect(await screen.findByText('The days still match what was approved')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Return to expert' })).toBeNull();
  });

  it('returns to the expert only with a comment, with comments on single days', async () => {
    await submitTimesheet(device, assignment, MONTH, 'Amina Expert');
    const { user } = renderAs(supervisor, PATH);
    await user.click(await screen.findByRole('button', { name: 'Return to expert' }));
    const comment = screen.getByLabelText('Comment for the expert');
    expect(await screen.findByText('Write a comment for the expert.')).toBeTruthy();
    expect(comment.getAttribute('aria-invalid')).toBe('true');
    expect((await stored())?.status).toBe('submitted');

    await user.type(comment, 'Please check the travel day');
    await user.type(screen.getByLabelText(/Comment on .*4.*2025/), 'Was this four hours?');
    await user.click(screen.getByRole('button', { name: 'Return to expert' }));
    await waitFor(async () => expect((await stored())?.status).toBe('returned'));
    expect((await stored())?.returned).toEqual({
      comment: 'Please check the travel day',
      dayComments: [{ date: '2025-06-04', comment: 'Was this four hours?' }],
    });
  });

  it('shows the expert the return comment and the day comment next to its day', async () => {
    await seed('returned', {
      returned: {
        comment: 'Please check the travel day',
        dayComments: [{ date: '2025-06-04', comment: 'Was this four hours?' }],
      },
    });
    renderAs(expert, PATH);
    expect(await screen.findByText('Returned — action needed')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Returned by your supervisor' }).textContent).toContain(
      'Please check the travel day',
    );
    const travelRow = screen.getByText('Drive to Baidoa').closest('tr');
    expect(travelRow?.textContent).toContain('Was this four hours?');
    expect(screen.getByRole('button', { name: 'Submit timesheet' })).toHaveProperty('disabled', false);
  });

  it('lets an officer reopen an approved month only with a reason', async () => {
    await seed('approved');
    const { user } = renderAs(officer, PATH);
    await user.click(await screen.findByRole('button', { name: 'Reopen' }));
    expect(await screen.findByText('Write why the timesheet is reopened.')).toBeTruthy();
    expect((await stored())?.status).toBe('approved');
    await user.type(screen.getByLabelText('Reason for reopening'), 'The travel day was missing');
    await user.click(screen.getByRole('button', { name: 'Reopen' }));
    await waitFor(async () => expect((await stored())?.status).toBe('returned'));
    expect((await stored())?.reopened).toEqual({ reason: 'The travel day was missing' });
    expect(await screen.findByRole('region', { name: 'Reopened by the programme' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('says when the days no longer match what was approved', async () => {
    await seed('approved');
    renderAs(expert, PATH);
    expect(await screen.findByText('The days still match what was approved')).toBeTruthy();
    // Only the text changed, hours and work mode did not: the approval no longer covers it.
    await device.db.logs.upsert({
      ...log('jun-03', '2025-06-03', 6, 'remote', 'Rewrote the report'),
      updatedAt: '2025-08-01T10:00:00.000Z',
    });
    expect(await screen.findByText('Days changed since approval')).toBeTruthy();
    expect(screen.queryByText('The days still match what was approved')).toBeNull();
  });

  it('still checks a month approved when snapshots were versioned by the server’s updatedAt', async () => {
    const logs = (await device.db.logs.find().exec()).map((doc) => doc.toJSON() as DailyLog);
    const june = { start: '2025-06-01', end: '2025-06-30' };
    const legacyLogs = snapshotLogs(logs, assignment.id, june, 'updatedAt');
    const hash = await snapshotHash(assignment.id, MONTH, legacyLogs);
    await seed('approved', {
      submission: { declaration: true, fullName: 'Amina Expert', snapshot: { logs: legacyLogs, hash } },
      approval: { fullName: 'Sam Supervisor', hash },
    });
    renderAs(expert, PATH);
    expect(await screen.findByText('The days still match what was approved')).toBeTruthy();
    await device.db.logs.upsert({
      ...log('jun-03', '2025-06-03', 6, 'remote', 'Wrote the report'),
      updatedAt: '2025-08-01T10:00:00.000Z',
    });
    expect(await screen.findByText('Days changed since approval')).toBeTruthy();
  });

  it('shows a decision another device made first', async () => {
    await seed('approved');
    await device.db.refusals.insert({
      id: `timesheets:${ID}:1`,
      collectionName: 'timesheets',
      docId: ID,
      attempted: JSON.stringify({ id: ID, assignmentId: assignment.id, month: MONTH, status: 'returned' }),
      code: 'conflict',
      message:
        'This timesheet was already approved by Sam Supervisor on 2025-07-02; your change to returned was not applied.',
      at: '2025-07-03T10:00:00.000Z',
    });
    renderAs(supervisor, PATH);
    const refusals = await screen.findByRole('region', { name: '1 change was not saved' });
    expect(refusals.textContent).toContain('already approved by Sam Supervisor');
    expect(refusals.textContent).toContain('Someone decided first');
    expect(refusals.textContent).toContain('June 2025');
    expect(refusals.textContent).toContain('to Returned — action needed');
    expect(refusals.textContent).not.toContain('Activities');
  });
});

describe('assignment page and inbox', () => {
  it('lists each month of the assignment with its status', async () => {
    await seed('approved');
    renderAs(expert, `/assignments/${assignment.id}`);
    const section = await screen.findByRole('region', { name: 'Timesheets' });
    await waitFor(() => expect(within(section).getAllByRole('listitem')).toHaveLength(3));
    const [may, june, july] = within(section).getAllByRole('listitem');
    expect(may?.textContent).toContain('Not started');
    expect(june?.textContent).toContain('Approved');
    expect(june?.textContent).toContain('3 days · 18 hours');
    expect(july?.textContent).toContain('Not started');
  });

  it('shows the supervisor the timesheets to sign, with a count in the header', async () => {
    await submitTimesheet(device, assignment, MONTH, 'Amina Expert');
    const { user, router } = renderAs(supervisor, '/');
    await user.click(await screen.findByRole('link', { name: 'To sign (1)' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'To sign' })).toBeTruthy();
    const item = await screen.findByRole('link', { name: 'Amina Expert — June 2025' });
    expect(item.closest('li')?.textContent).toContain('Ministry of Water');
    expect(item.closest('li')?.textContent).toContain('3 days · 18 hours');
    await user.click(item);
    await waitFor(() => expect(router.state.location.pathname).toBe(PATH));
  });
});

describe('locked days', () => {
  it('marks logs of an approved month and disables their edit controls', async () => {
    await seed('approved');
    renderAs(expert, `/assignments/${assignment.id}`);
    const june = await screen.findByRole('article', { name: /Jun 2,|2 Jun/ });
    await waitFor(() =>
      expect(june.textContent).toContain(
        'June 2025 was approved by Sam Supervisor on Wed, 2 Jul 2025; ask your programme officer to reopen it',
      ),
    );
    expect(within(june).getByRole('button', { name: 'Edit log of 2025-06-02' })).toHaveProperty(
      'disabled',
      true,
    );
    const july = screen.getByRole('article', { name: /Jul 1,|1 Jul/ });
    expect(july.textContent).not.toContain('Locked');
    expect(within(july).getByRole('link', { name: 'Edit log of 2025-07-01' })).toBeTruthy();
  });

  it('shows the lock on the edit screen instead of the form', async () => {
    await seed('submitted');
    renderAs(expert, '/logs/jun-02/edit');
    expect(await screen.findByText(/June 2025 is submitted and waiting for sign-off/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save log' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Delete log' })).toHaveProperty('disabled', true);
  });

  it('has the log form refuse a date in a locked month', async () => {
    await seed('approved');
    const onSaved = vi.fn();
    render(
      <MemoryRouter>
        <LogForm
          device={device}
          assignment={assignment}
          logId={null}
          draftName="log:new:test"
          initial={{ ...emptyLogValues('2025-06-10'), hours: '6', activities: 'Late entry' }}
          onSaved={onSaved}
        />
      </MemoryRouter>,
    );
    const user = userEvent.setup();
    // Wait for the month's timesheet to load before saving.
    await waitFor(async () => expect(await device.db.timesheets.count().exec()).toBe(1));
    await user.click(screen.getByRole('button', { name: 'Save log' }));
    expect(
      await screen.findByText(
        'You cannot log this date. June 2025 was approved by Sam Supervisor on Wed, 2 Jul 2025; ask your programme officer to reopen it to change its days.',
      ),
    ).toBeTruthy();
    expect(onSaved).not.toHaveBeenCalled();
    expect(await device.db.logs.count().exec()).toBe(4);

    await user.clear(screen.getByLabelText('Date'));
    await user.type(screen.getByLabelText('Date'), '2025-07-10');
    await user.click(screen.getByRole('button', { name: 'Save log' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
  });
});

describe('export', () => {
  it('downloads the CSV with the session token, and says when offline', async () => {
    const fetchMock = vi.fn(async () => new Response('id,month\n', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const createObjectURL = vi.fn(() => 'blob:export');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    try {
      const { user } = renderAs(officer, '/');
      await user.click(await screen.findByRole('button', { name: 'Export approved timesheets (CSV)' }));
      expect(await screen.findByText('Export downloaded.')).toBeTruthy();
      expect(fetchMock).toHaveBeenCalledWith(
        'http://server.test/api/export/timesheets.csv',
        expect.objectContaining({ headers: expect.objectContaining({ authorization: 'Bearer token-1' }) }),
      );
      fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
      await user.click(screen.getByRole('button', { name: 'Export approved timesheets (CSV)' }));
      expect(await screen.findByText(/Export needs a connection/)).toBeTruthy();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
