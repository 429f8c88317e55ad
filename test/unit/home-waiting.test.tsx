// @vitest-environment jsdom
/**
 * What needs me (issue 11 §2), against a real device database: the expert's cards and "Log today"
 * on the home, the saved confirmation, the assignment page's month calendars, the warning before
 * submitting a month still running, and the supervisor's one inbox.
 */
import 'fake-indexeddb/auto';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Fieldbook } from '../../src/session/FieldbookProvider';
import { openUserDatabase, type DeviceDatabase } from '../../src/db/database';
import { saveLog } from '../../src/db/logs';
import { newReport } from '../../src/shared/rules/report-rules';
import type { Timesheet } from '../../src/shared/schemas';
import { reportId } from '../../src/shared/schemas/report.schema';
import { timesheetId } from '../../src/shared/schemas/timesheet.schema';
import type { PublicUser } from '../../src/shared/users';
import { formatDay } from '../../src/ui/format';
import { fakeFieldbook } from '../helpers/fake-fieldbook';
import { anAssignment } from '../helpers/builders';

const fake = vi.hoisted(() => ({ current: null as unknown as Fieldbook }));
vi.mock('../../src/session/FieldbookProvider', () => ({ useFieldbook: () => fake.current }));
const { routes } = await import('../../src/app/routes');

/** A Wednesday. */
const TODAY = '2026-11-18';
const expert: PublicUser = { id: 'expert-1', email: 'expert1@demo.test', name: 'Amina', role: 'expert' };
const supervisor: PublicUser = { id: 'supervisor-1', email: 's@demo.test', name: 'Sam', role: 'supervisor' };
// Reports due: inception 4 Oct, mid-term 2 Nov, final 15 Dec.
const assignment = anAssignment({
  id: 'a1',
  expertId: expert.id,
  supervisorIds: [supervisor.id],
  startDate: '2026-09-20',
  endDate: '2026-12-15',
  objectives: ['Train the borehole team'],
});
const base = {
  assignmentId: assignment.id,
  workMode: 'on_site' as const,
  location: 'Baidoa',
  notes: '',
  ktActivities: [],
};

let device: DeviceDatabase;
let counter = 0;

async function addLog(id: string, date: string, hours: number) {
  await saveLog(device, { ...base, id, date, hours, activities: `Work of ${date}` });
}

async function addTimesheet(month: string, patch: Partial<Timesheet>) {
  await device.db.timesheets.insert({
    id: timesheetId(assignment.id, month),
    assignmentId: assignment.id,
    month,
    status: 'draft',
    ...patch,
  });
}

const submittedAt = (at: string) => [
  { at, byUserId: expert.id, byName: 'Amina Expert', role: 'expert', from: 'draft', to: 'submitted' },
];

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(new Date(`${TODAY}T10:00:00`));
  counter += 1;
  device = await openUserDatabase(`waiting-${counter}`, {
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
  await device.db.assignments.insert(assignment);
  await device.db.reports.insert({ ...newReport(assignment, 'inception'), status: 'submitted' });
  localStorage.clear();
});
afterEach(async () => {
  cleanup();
  await device.db.remove();
  vi.useRealTimers();
});

function renderAs(user: PublicUser, path: string) {
  fake.current = fakeFieldbook(user, device, 't');
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return { router, user: userEvent.setup() };
}

describe("the expert's home", () => {
  beforeEach(async () => {
    await addLog('log-0925', '2026-09-25', 4);
    await addLog('log-1014', '2026-10-14', 11);
    await addTimesheet('2026-10', {
      status: 'returned',
      returned: {
        comment: 'Two days need fixing.',
        dayComments: [
          { date: '2026-10-15', comment: 'You were at the workshop?' },
          { date: '2026-10-14', comment: 'Hours look high' },
        ],
      },
    });
  });

  it('shows a card for each thing waiting: the returned month, the overdue report, the month to submit', async () => {
    renderAs(expert, '/');
    const waiting = await screen.findByRole('region', { name: 'Waiting for you' });
    const cards = await within(waiting).findAllByRole('listitem', {}, { timeout: 3000 });
    const titles = within(waiting)
      .getAllByRole('heading', { level: 3 })
      .map((heading) => heading.textContent);
    expect(titles).toEqual([
      '↩ October 2026 was returned',
      '! Mid-term report overdue by 16 days',
      '✎ Submit September 2026',
    ]);
    expect(cards[0]?.textContent).toContain('Your supervisor wrote: “Two days need fixing.”');
    const fixes = within(waiting).getAllByRole('link', { name: /^Fix / });
    expect(fixes.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      [`Fix ${formatDay('2026-10-14')}`, '/assignments/a1/log?date=2026-10-14'],
      [`Fix ${formatDay('2026-10-15')}`, '/assignments/a1/log?date=2026-10-15'],
    ]);
    expect(within(waiting).getByRole('link', { name: 'Submit September 2026' }).getAttribute('href')).toBe(
      '/assignments/a1/timesheets/2026-09',
    );
  });

  it("opens a day's log from its fix link, or starts one for that day", async () => {
    const { user, router } = renderAs(expert, '/');
    const waiting = await screen.findByRole('region', { name: 'Waiting for you' });
    await user.click(await within(waiting).findByRole('link', { name: `Fix ${formatDay('2026-10-14')}` }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/logs/log-1014/edit'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Edit log' })).toBeTruthy();

    await router.navigate('/');
    const again = await screen.findByRole('region', { name: 'Waiting for you' });
    await user.click(await within(again).findByRole('link', { name: `Fix ${formatDay('2026-10-15')}` }));
    expect(
      await screen.findByRole('heading', { level: 1, name: `Log ${formatDay('2026-10-15')}` }),
    ).toBeTruthy();
    expect(screen.getByLabelText('Date')).toHaveProperty('value', '2026-10-15');
  });

  it("'Log today' opens today's log when there is one, a new one otherwise", async () => {
    const { user, router } = renderAs(expert, '/');
    await user.click(await screen.findByRole('link', { name: 'Log today' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Log today' })).toBeTruthy();
    expect(screen.getByLabelText('Date')).toHaveProperty('value', TODAY);

    await addLog('log-today', TODAY, 3);
    await router.navigate('/');
    await user.click(await screen.findByRole('link', { name: 'Log today' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/logs/log-today/edit'));
  });

  it('confirms a saved log in a status message a screen reader announces', async () => {
    const { user, router } = renderAs(expert, '/log-today');
    await user.type(await screen.findByLabelText('Hours'), '5');
    await user.type(screen.getByLabelText('Activities'), 'Pump repairs');
    await user.click(screen.getByRole('button', { name: 'Save log' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/assignments/a1'));
    const notice = await screen.findByText('Saved — will sync when online.');
    expect(notice.getAttribute('role')).toBe('status');
  });

  it('says so when nothing waits', async () => {
    await (
      await device.db.timesheets.findOne(timesheetId(assignment.id, '2026-10')).exec()
    )?.incrementalPatch({
      status: 'submitted',
    });
    await device.db.timesheets.insert({
      id: timesheetId(assignment.id, '2026-09'),
      assignmentId: assignment.id,
      month: '2026-09',
      status: 'approved',
    });
    await device.db.reports.insert({ ...newReport(assignment, 'midterm'), status: 'endorsed' });
    renderAs(expert, '/');
    const waiting = await screen.findByRole('region', { name: 'Waiting for you' });
    expect(await within(waiting).findByText(/Nothing is waiting for you/)).toBeTruthy();
  });
});

describe("the assignment page's month calendars", () => {
  beforeEach(async () => {
    await addLog('log-0925', '2026-09-25', 4);
    await addLog('log-1014', '2026-10-14', 2);
    await addLog('log-1116a', '2026-11-16', 4);
    await addLog('log-1116b', '2026-11-16', 2);
    await addTimesheet('2026-09', { status: 'approved' });
    await addTimesheet('2026-10', {
      status: 'returned',
      returned: { comment: 'Check', dayComments: [{ date: '2026-10-14', comment: 'Really 2 h?' }] },
    });
  });

  it('groups the logs by month, newest first, each with its calendar', async () => {
    renderAs(expert, '/assignments/a1');
    const logs = await screen.findByRole('region', { name: 'Daily logs' });
    await waitFor(() =>
      expect(within(logs).getAllByRole('heading', { level: 3 }).length).toBeGreaterThanOrEqual(3),
    );
    const months = within(logs)
      .getAllByRole('region')
      .map((region) => region.querySelector('h3')?.textContent);
    expect(months).toEqual([
      'November 2026',
      'October 2026 ↩ returned',
      'September 2026 🔒 approved, locked',
    ]);
    // Nothing was saved on the way here: no confirmation.
    expect(screen.queryByText('Saved — will sync when online.')).toBeNull();
    const november = within(logs).getByRole('region', { name: 'November 2026' });

    expect(within(november).getByRole('table', { name: 'November 2026, day by day' })).toBeTruthy();
    expect(within(november).getAllByRole('article')).toHaveLength(2);
  });

  it('names each day and opens its log or starts one for that day', async () => {
    const { user, router } = renderAs(expert, '/assignments/a1');
    const logged = await screen.findByRole('link', { name: '16 November: logged, 6 h' });
    expect(logged.getAttribute('href')).toBe('/logs/log-1116a/edit');
    expect(screen.getByRole('link', { name: '14 October: logged, 2 h, returned' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '25 September: logged, 4 h, locked' })).toBeTruthy();
    // A missing day of a locked month cannot be logged; the calendar still says what it is.
    expect(screen.queryByRole('link', { name: /^22 September/ })).toBeNull();
    expect(screen.getByText('22 September: missing, locked')).toBeTruthy();
    // The future cannot be logged.
    expect(screen.queryByRole('link', { name: /^19 November/ })).toBeNull();

    await user.click(screen.getByRole('link', { name: '17 November: missing' }));
    await waitFor(() => expect(router.state.location.search).toBe('?date=2026-11-17'));
    expect(await screen.findByLabelText('Date')).toHaveProperty('value', '2026-11-17');
  });

  it('lets the supervisor read the calendar without starting logs', async () => {
    renderAs(supervisor, '/assignments/a1');
    const logged = await screen.findByRole('link', { name: '16 November: logged, 6 h' });
    expect(logged.getAttribute('href')).toBe('#log-log-1116a');
    expect(screen.queryByRole('link', { name: '17 November: missing' })).toBeNull();
    expect(screen.getByText('17 November: missing')).toBeTruthy();
  });
});

describe('submitting a month that has not ended', () => {
  beforeEach(async () => {
    await addLog('log-1116', '2026-11-16', 6);
    await addLog('log-0925', '2026-09-25', 4);
  });

  async function fillDeclaration(user: ReturnType<typeof userEvent.setup>) {
    await user.click(await screen.findByLabelText('I confirm these hours are a true record'));
    await user.type(screen.getByLabelText('Full name'), 'Amina Expert');
    await user.click(screen.getByRole('button', { name: 'Submit timesheet' }));
  }
  const stored = async (month: string) =>
    (await device.db.timesheets.findOne(timesheetId(assignment.id, month)).exec())?.status;

  it('asks first, and submits only on "Submit anyway"', async () => {
    const { user } = renderAs(expert, '/assignments/a1/timesheets/2026-11');
    await fillDeclaration(user);
    const dialog = await screen.findByRole('dialog', { name: 'This month has not ended yet' });
    expect(dialog.textContent).toContain(formatDay('2026-11-30'));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await stored('2026-11')).toBeUndefined();

    await user.click(screen.getByRole('button', { name: 'Submit timesheet' }));
    await user.click(await screen.findByRole('button', { name: 'Submit anyway' }));
    await waitFor(async () => expect(await stored('2026-11')).toBe('submitted'));
  });

  it('submits an ended month without asking', async () => {
    const { user } = renderAs(expert, '/assignments/a1/timesheets/2026-09');
    await fillDeclaration(user);
    await waitFor(async () => expect(await stored('2026-09')).toBe('submitted'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe("the supervisor's inbox", () => {
  beforeEach(async () => {
    await (
      await device.db.reports.findOne(reportId(assignment.id, 'inception')).exec()
    )?.incrementalPatch({
      history: submittedAt('2026-10-05T08:00:00.000Z'),
    });
    await addTimesheet('2026-10', {
      status: 'submitted',
      submission: {
        declaration: true,
        fullName: 'Amina Expert',
        snapshot: {
          logs: [{ id: 'l1', date: '2026-10-14', hours: 6, workMode: 'on_site', version: 'v1' }],
          hash: 'a'.repeat(64),
        },
      },
      history: submittedAt('2026-11-13T09:00:00.000Z'),
    });
  });

  it('lists what waits to be signed or endorsed on the home, the longest-waiting first, and counts it', async () => {
    renderAs(supervisor, '/');
    const inbox = await screen.findByRole('region', { name: 'To sign and endorse' });
    await waitFor(() => expect(within(inbox).getAllByRole('listitem')).toHaveLength(2));
    const [report, timesheet] = within(inbox).getAllByRole('listitem');
    expect(within(report!).getByRole('link').textContent).toBe('Amina Expert — Inception report');
    expect(report?.textContent).toContain('waiting 44 days');
    expect(within(timesheet!).getByRole('link').textContent).toBe('Amina Expert — October 2026');
    expect(timesheet?.textContent).toContain('waiting 5 days');
    expect(timesheet?.textContent).toContain('1 day · 6 hours');
    expect(await screen.findByRole('link', { name: 'To sign (2)' })).toBeTruthy();
  });

  it('shows the same inbox at /to-sign', async () => {
    renderAs(supervisor, '/to-sign');
    expect(await screen.findByRole('heading', { level: 1, name: 'To sign' })).toBeTruthy();
    const links = await screen.findAllByRole('link', { name: /^Amina Expert — / });
    expect(links.map((link) => link.textContent)).toEqual([
      'Amina Expert — Inception report',
      'Amina Expert — October 2026',
    ]);
  });
});
