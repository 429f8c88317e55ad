// @vitest-environment jsdom
/**
 * The officer's dashboard against a real device database: the figures and work queues of the
 * programme it holds, sorting, filters, the programme's targets (TG-*), and a refusal for others.
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
import { addDays, localIsoDate } from '../../src/shared/dates';
import { newReport } from '../../src/shared/rules/report-rules';
import { programmeTarget } from '../../src/shared/rules/target-rules';
import { readTargetsState, updateTargetsState } from '../../src/db/targets';
import { monthName } from '../../src/shared/rules/timesheet-rules';
import type { Assignment, DailyLog, Timesheet } from '../../src/shared/schemas';
import type { PublicUser } from '../../src/shared/users';
import { fakeFieldbook } from '../helpers/fake-fieldbook';
import type { PaymentBatch } from '../../src/shared/payments';

const fake = vi.hoisted(() => ({ current: null as unknown as Fieldbook }));
vi.mock('../../src/session/FieldbookProvider', () => ({
  useFieldbook: () => fake.current,
  apiBaseUrl: () => 'http://server.test',
}));
const { routes } = await import('../../src/app/routes');

const today = localIsoDate();
const officer: PublicUser = { id: 'officer-1', email: 'officer@demo.test', name: 'Olu', role: 'officer' };
const expert: PublicUser = { id: 'e1', email: 'expert1@demo.test', name: 'Amina', role: 'expert' };

function anAssignment(id: string, patch: Partial<Assignment>): Assignment {
  return {
    id,
    expertId: `expert-${id}`,
    expertName: `Expert ${id}`,
    institution: { name: `Institution ${id}`, country: 'Nigeria', sector: 'ICT' },
    supervisorIds: ['supervisor-1'],
    supervisorNames: ['Sam'],
    mode: 'physical',
    startDate: addDays(today, -45),
    endDate: addDays(today, 30),
    objectives: ['Train the team'],
    status: 'active',
    ...patch,
  };
}

function aLog(id: string, assignmentId: string, date: string, workMode: DailyLog['workMode']): DailyLog {
  return {
    id,
    assignmentId,
    date,
    hours: 4,
    workMode,
    location: '',
    activities: '',
    ktActivities: [{ type: 'training', peopleReached: 6 }],
    notes: '',
  };
}

function submitted(assignmentId: string, month: string, daysAgo: number): Timesheet {
  // Noon on this device's calendar, so the day is the same in any time zone.
  const at = new Date(`${addDays(today, -daysAgo)}T12:00:00`).toISOString();
  return {
    id: `${assignmentId}:${month}`,
    assignmentId,
    month,
    status: 'submitted',
    submission: { declaration: true, fullName: 'Expert', snapshot: { logs: [], hash: 'a'.repeat(64) } },
    history: [{ at, byUserId: 'x', byName: 'Expert', role: 'expert', from: 'draft', to: 'submitted' }],
  };
}

// Two countries; a cancelled assignment; a day on site and travelling that counts once; timesheets
// submitted 8 and 3 days ago; an inception report overdue (due 14 days after the start), and a
// mid-term report overdue that was never started.
const a1 = anAssignment('a1', { expertId: 'e1' });
const a2 = anAssignment('a2', {
  expertId: 'e2',
  institution: { name: 'Teaching hospital', country: 'Nigeria', sector: 'Health' },
  mode: 'virtual',
  startDate: addDays(today, -5),
  endDate: addDays(today, 10),
});
const water = { name: 'Water agency', country: 'Somalia', sector: 'Water' } as const;
const a3 = anAssignment('a3', {
  expertId: 'e3',
  institution: water,
  status: 'completed',
  endDate: addDays(today, -1),
});
const a4 = anAssignment('a4', { expertId: 'e4', institution: water, status: 'cancelled' });
const workedDay = addDays(today, -40);
const olderMonth = workedDay.slice(0, 7);
const thisMonth = today.slice(0, 7);

let device: DeviceDatabase;
let counter = 0;

beforeEach(async () => {
  counter += 1;
  device = await openUserDatabase(`dashboard-${counter}`, {
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
  await device.db.assignments.bulkInsert([a1, a2, a3, a4]);
  await device.db.logs.bulkInsert([
    aLog('l1', 'a1', workedDay, 'on_site'),
    aLog('l2', 'a1', workedDay, 'travel'),
    aLog('l3', 'a3', workedDay, 'on_site'),
  ]);
  await device.db.timesheets.bulkInsert([submitted('a1', olderMonth, 8), submitted('a2', thisMonth, 3)]);
  await device.db.reports.insert({ ...newReport(a1, 'inception'), status: 'draft' });
  localStorage.clear();
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await device.db.remove();
});

/** The payment batches the server has (PB-*), or no connection. */
function batches(answer: { batches: PaymentBatch[] } | 'unreachable') {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => {
      if (answer === 'unreachable') throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify(answer), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
}

function renderAs(user: PublicUser) {
  fake.current = fakeFieldbook(user, device, 't');
  const router = createMemoryRouter(routes, { initialEntries: ['/dashboard'] });
  render(<RouterProvider router={router} />);
  return { router, user: userEvent.setup() };
}

/** The cells of a country's row in the per-country table, by column header. */
async function countryRow(name: string): Promise<Record<string, string>> {
  const table = await screen.findByRole('table', { name: 'Figures per country' });
  const headers = within(table)
    .getAllByRole('columnheader')
    .map((header) => header.textContent?.replace(/[▲▼]/g, '').trim() ?? '');
  const row = within(table).getByRole('row', { name: new RegExp(`^${name}\\b`) });
  const cells = [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '');
  return Object.fromEntries(headers.map((header, index) => [header, cells[index] ?? '']));
}

/** A target as the last sync brought it from the server (TG-*). */
function fromServer(country: string, target: number) {
  return updateTargetsState(device, (state) => ({
    ...state,
    server: { ...state.server, [country]: { ...programmeTarget(country, target), _deleted: false } },
  }));
}

/** Waits, while the device database catches up, until a country's row shows `value` in `column`. */
async function expectCell(country: string, column: string, value: string): Promise<void> {
  await screen.findByRole('table', { name: 'Figures per country' }, { timeout: 5000 });
  await waitFor(async () => expect((await countryRow(country))[column]).toBe(value), { timeout: 5000 });
}

function rowNames(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent ?? '');
}

describe('officer dashboard', () => {
  it('shows paid allowances when the server says which months are paid, and a dash offline', async () => {
    batches('unreachable');
    renderAs(officer);
    await screen.findByRole('table', { name: 'Timesheets and allowances' });
    expect(screen.getByText(/Which months are paid is kept on the server/)).toBeTruthy();
    cleanup();
    batches({ batches: [] });
    renderAs(officer);
    await vi.waitFor(() =>
      expect(screen.queryByText(/Which months are paid is kept on the server/)).toBeNull(),
    );
  });

  it("shows the programme's figures per country from the device database", async () => {
    renderAs(officer);
    expect(await screen.findByRole('heading', { name: 'Dashboard', level: 1 })).toBeTruthy();
    const nigeria = await countryRow('Nigeria');
    expect(nigeria['Experts matched']).toBe('2');
    expect(nigeria['Target']).toBe('50');
    expect(nigeria['% of target']).toBe('4%');
    // The day on site and travelling counts once.
    expect(nigeria['Days on site']).toBe('1');
    expect(nigeria['People reached']).toBe('12');
    // a1 is 75 days long: its inception (a draft) and its mid-term (not started) are both late.
    expect(nigeria['Reports overdue']).toBe('2');
    expect(nigeria['Timesheets waiting over 7 days']).toBe('1');
    const somalia = await countryRow('Somalia');
    // The cancelled assignment's expert is not matched.
    expect(somalia['Experts matched']).toBe('1');
    expect(somalia['Assignments (not cancelled)']).toBe('1');
    // Every chart has its numbers as text for a screen reader, and a table beside it.
    expect(
      screen.getByRole('img', {
        name: /Experts matched against the target, per country\..*Nigeria: 2 of 50 experts/,
      }),
    ).toBeTruthy();
    expect(
      screen.getByRole('img', { name: /Assignments by status\..*Cancelled: 1 assignments/ }),
    ).toBeTruthy();
    const statuses = screen.getByRole('table', { name: 'Assignments by status' });
    const somaliaStatuses = within(statuses).getByRole('row', { name: /^Somalia/ });
    expect([...somaliaStatuses.children].map((cell) => cell.textContent)).toEqual([
      'Somalia',
      '0',
      '0',
      '1',
      '1',
    ]);
  });

  it('links each work-queue item to its document', async () => {
    renderAs(officer);
    const waiting = await screen.findByRole('region', { name: /Timesheets waiting for sign-off/ });
    const links = within(waiting).getAllByRole('link');
    // Oldest first.
    expect(links.map((link) => link.textContent)).toEqual([
      `Expert a1 — ${monthName(olderMonth)}`,
      `Expert a2 — ${monthName(thisMonth)}`,
    ]);
    expect(links[0]?.getAttribute('href')).toBe(`/assignments/a1/timesheets/${olderMonth}`);
    expect(waiting.textContent).toContain('waiting 8 days');
    const overdue = screen.getByRole('region', { name: /Overdue reports/ });
    expect(
      within(overdue).getByRole('link', { name: 'Inception report — Expert a1' }).getAttribute('href'),
    ).toBe('/assignments/a1/reports/inception');
    const ending = screen.getByRole('region', { name: /Assignments ending within 14 days/ });
    expect(within(ending).getByRole('link', { name: 'Teaching hospital' }).getAttribute('href')).toBe(
      '/assignments/a2',
    );
  });

  it('sorts the per-country table by a column', async () => {
    const { user } = renderAs(officer);
    const table = await screen.findByRole('table', { name: 'Figures per country' });
    await waitFor(() => expect(rowNames(table)).toContain('Nigeria'));
    await user.click(within(table).getByRole('button', { name: 'Experts matched' }));
    expect(rowNames(table).slice(0, 2)).toEqual(['Nigeria', 'Somalia']);
    await user.click(within(table).getByRole('button', { name: /Experts matched/ }));
    expect(rowNames(table).slice(-3)).toEqual(['Somalia', 'Nigeria', 'All']);
  });

  it('filters by country, offering only its sectors', async () => {
    const { user } = renderAs(officer);
    await countryRow('Nigeria');
    await user.selectOptions(screen.getByLabelText('Country'), 'Somalia');
    const table = screen.getByRole('table', { name: 'Figures per country' });
    await waitFor(() => expect(rowNames(table)).toEqual(['Somalia', 'All']));
    const sectors = within(screen.getByLabelText('Sector')).getAllByRole('option');
    expect(sectors.map((option) => option.textContent)).toEqual([
      'All sectors',
      'Local Governance',
      'Rule of Law',
      'Water',
      'Private Sector Development',
    ]);
    const waiting = screen.getByRole('region', { name: /Timesheets waiting for sign-off/ });
    expect(within(waiting).queryAllByRole('link')).toEqual([]);
  });

  it("counts against the programme's targets from the device database and saves a changed one there", async () => {
    await fromServer('Nigeria', 4);
    const { user } = renderAs(officer);
    await expectCell('Nigeria', '% of target', '50%');
    expect((await countryRow('Somalia'))['Target']).toBe('50');
    await user.click(screen.getByText('Targets of matched experts'));
    expect(screen.queryByText(/this device only/i)).toBeNull();
    const nigeria = screen.getByLabelText('Target for Nigeria');
    expect((nigeria as HTMLInputElement).value).toBe('4');
    await user.clear(nigeria);
    await user.type(nigeria, '8');
    await user.type(screen.getByLabelText('Target for Somalia'), '20');
    await user.click(screen.getByRole('button', { name: 'Save targets' }));
    await expectCell('Nigeria', 'Target', '8');
    await expectCell('Somalia', 'Target', '20');
    // Kept in the device database until the sync takes them to the server.
    expect((await readTargetsState(device)).pending).toEqual({ Nigeria: 8, Somalia: 20 });
    // Nothing per browser any more.
    expect(Object.keys(localStorage).filter((key) => key.includes('target'))).toEqual([]);
  }, 20_000);

  it('brings back the default when a target is emptied', async () => {
    await fromServer('Nigeria', 4);
    const { user } = renderAs(officer);
    await expectCell('Nigeria', 'Target', '4');
    await user.click(screen.getByText('Targets of matched experts'));
    await user.clear(screen.getByLabelText('Target for Nigeria'));
    await user.click(screen.getByRole('button', { name: 'Save targets' }));
    await screen.findByText(/^Saved\./);
    await expectCell('Nigeria', 'Target', '50');
    expect((await readTargetsState(device)).pending).toEqual({ Nigeria: null });
    // And set again.
    await user.type(screen.getByLabelText('Target for Nigeria'), '6');
    await user.click(screen.getByRole('button', { name: 'Save targets' }));
    await expectCell('Nigeria', 'Target', '6');
  }, 20_000);

  it("refuses a target that is not a whole number within bounds, with the rule's sentence, and keeps what was typed", async () => {
    const { user } = renderAs(officer);
    await countryRow('Nigeria');
    await user.click(screen.getByText('Targets of matched experts'));
    const input = screen.getByLabelText('Target for Nigeria');
    await user.type(input, '1001');
    await user.click(screen.getByRole('button', { name: 'Save targets' }));
    expect(
      screen.getByText('The target for Nigeria must be a whole number of experts from 1 to 1,000.'),
    ).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect((input as HTMLInputElement).value).toBe('1001');
    expect((await readTargetsState(device)).pending).toEqual({});
  }, 20_000);

  it('shows a change the server did not take, with the reason, and lets the officer put it over the other', async () => {
    await fromServer('Iraq', 45);
    await updateTargetsState(device, (state) => ({
      ...state,
      notices: [
        {
          country: 'Iraq',
          typed: 40,
          message: 'Another officer set it to 45 first, so your change (you set it to 40) was not applied.',
          overtaken: true,
        },
      ],
    }));
    const { user } = renderAs(officer);
    const notices = await screen.findByRole('region', { name: 'Not applied' });
    expect(notices.textContent).toContain('Another officer set it to 45 first');
    await user.click(within(notices).getByRole('button', { name: 'Set Iraq to 40 anyway' }));
    await waitFor(async () => expect((await readTargetsState(device)).pending).toEqual({ Iraq: 40 }));
    expect((await readTargetsState(device)).notices).toEqual([]);
    expect(screen.queryByRole('region', { name: 'Not applied' })).toBeNull();
  }, 20_000);

  it('offers once the targets an earlier version kept in this browser', async () => {
    const key = `fieldbook.dashboard.${officer.id}.targets`;
    localStorage.setItem(key, JSON.stringify({ Nigeria: 4, Somalia: 9 }));
    await fromServer('Somalia', 12);
    const { user } = renderAs(officer);
    const offer = await screen.findByRole('region', { name: 'Targets you set in this browser' });
    expect(offer.textContent).toContain('Nigeria: 4 (the programme has none yet)');
    expect(offer.textContent).toContain("Somalia: yours was 9; the programme's is 12, which stays");
    await user.click(within(offer).getByRole('button', { name: "Make it the programme's" }));
    await expectCell('Nigeria', 'Target', '4');
    expect((await countryRow('Somalia'))['Target']).toBe('12');
    expect(screen.queryByRole('region', { name: 'Targets you set in this browser' })).toBeNull();
    expect(localStorage.getItem(key)).toBeNull();
    // Never offered again.
    cleanup();
    renderAs(officer);
    await countryRow('Nigeria');
    expect(screen.queryByRole('region', { name: 'Targets you set in this browser' })).toBeNull();
  }, 20_000);

  it('has a Dashboard link in the header', async () => {
    renderAs(officer);
    expect((await screen.findByRole('link', { name: 'Dashboard' })).getAttribute('href')).toBe('/dashboard');
  });
});

describe('anyone else', () => {
  it('is refused, with no Dashboard link', async () => {
    renderAs(expert);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Only programme officers can see the programme dashboard.',
    );
    expect(screen.queryByRole('link', { name: 'Dashboard' })).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
