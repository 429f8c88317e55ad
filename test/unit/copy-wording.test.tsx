// @vitest-environment jsdom
/**
 * Issue 11 §1.9, the words a new user read wrong: a supervisor's own return, history in raw state
 * names, an install offer that says "phone" on a desktop, the export's file name, and the home's
 * bare "Choose File" box.
 */
import 'fake-indexeddb/auto';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Fieldbook } from '../../src/session/FieldbookProvider';
import { openUserDatabase, type DeviceDatabase } from '../../src/db/database';
import { installPrompt$, type InstallPromptEvent } from '../../src/pwa/install';
import type { Timesheet } from '../../src/shared/schemas';
import { timesheetId } from '../../src/shared/schemas/timesheet.schema';
import type { PublicUser } from '../../src/shared/users';
import { BackupPanel } from '../../src/features/device-status/BackupPanel';
import { InstallPrompt } from '../../src/features/pwa/InstallPrompt';
import { ReportHistory } from '../../src/features/reports/ReportHistory';
import { exportFileName } from '../../src/features/timesheets/ExportTimesheetsButton';
import { TimesheetHistory } from '../../src/features/timesheets/TimesheetHistory';
import { fakeFieldbook } from '../helpers/fake-fieldbook';
import { anAssignment, expert, officer, supervisor } from '../helpers/builders';

const fake = vi.hoisted(() => ({ current: null as unknown as Fieldbook }));
vi.mock('../../src/session/FieldbookProvider', () => ({
  useFieldbook: () => fake.current,
  apiBaseUrl: () => 'http://server.test',
}));
const { routes } = await import('../../src/app/routes');

const SLOW = { timeout: 10_000 };
const assignment = anAssignment();
const MONTH = '2025-06';
const HASH = 'a'.repeat(64);
const submitStep = {
  at: '2025-07-01T08:00:00.000Z',
  byUserId: expert.id,
  byName: 'Amina Expert',
  role: 'expert',
  from: 'draft',
  to: 'submitted',
  hash: HASH,
};
const returnStep = {
  at: '2025-07-02T09:00:00.000Z',
  byUserId: supervisor.id,
  byName: 'Sam Supervisor',
  role: 'supervisor',
  from: 'submitted',
  to: 'returned',
  comment: 'Please check the travel day',
};

afterEach(() => cleanup());

describe('a returned month, as each reader sees it', () => {
  let device: DeviceDatabase;
  let counter = 0;
  beforeEach(async () => {
    counter += 1;
    device = await openUserDatabase(`copy-wording-${counter}`, {
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    });
    await device.db.assignments.insert(assignment);
  });
  afterEach(async () => {
    cleanup();
    await device.db.remove();
  });

  async function seedReturned(history: Timesheet['history']) {
    await device.db.timesheets.insert({
      id: timesheetId(assignment.id, MONTH),
      assignmentId: assignment.id,
      month: MONTH,
      status: 'returned',
      submission: { declaration: true, fullName: 'Amina Expert', snapshot: { logs: [], hash: HASH } },
      returned: { comment: 'Please check the travel day', dayComments: [] },
      history,
    });
  }

  function renderAs(user: PublicUser) {
    fake.current = fakeFieldbook(user, device, 'token-1');
    const path = `/assignments/${assignment.id}/timesheets/${MONTH}`;
    render(<RouterProvider router={createMemoryRouter(routes, { initialEntries: [path] })} />);
  }

  it('tells the supervisor who returned it that they did, not "Returned by your supervisor"', async () => {
    await seedReturned([submitStep, returnStep]);
    renderAs(supervisor);
    const notice = await screen.findByRole('region', { name: 'You returned this month to the expert' }, SLOW);
    expect(notice.textContent).toContain('Please check the travel day');
    expect(screen.queryByText(/Returned by your supervisor/)).toBeNull();
  });

  it('still tells the expert it was returned by their supervisor', async () => {
    await seedReturned([submitStep, returnStep]);
    renderAs(expert);
    expect(await screen.findByRole('region', { name: 'Returned by your supervisor' }, SLOW)).toBeTruthy();
  });

  it('names the supervisor to an officer', async () => {
    await seedReturned([submitStep, returnStep]);
    renderAs(officer);
    expect(
      await screen.findByRole('region', { name: 'Returned to the expert by Sam Supervisor' }, SLOW),
    ).toBeTruthy();
  });

  it('a return made on this device, before the server has recorded it, is the supervisor’s own', async () => {
    await seedReturned([submitStep]);
    renderAs(supervisor);
    expect(
      await screen.findByRole('region', { name: 'You returned this month to the expert' }, SLOW),
    ).toBeTruthy();
  });
});

describe('history in words', () => {
  it('a timesheet’s history names each step, not the raw states', () => {
    render(
      <TimesheetHistory
        history={[
          submitStep,
          { ...returnStep, hash: HASH },
          { ...submitStep, from: 'returned', at: '2025-07-03T08:00:00.000Z' },
          { ...returnStep, from: 'submitted', to: 'approved', comment: undefined },
          { ...returnStep, from: 'approved', to: 'returned', byName: 'Olu Officer', role: 'officer' },
        ]}
      />,
    );
    const steps = within(screen.getByRole('region', { name: 'History' }))
      .getAllByRole('listitem')
      .map((item) => item.querySelector('.history-step')?.textContent);
    expect(steps).toEqual([
      'Submitted',
      'Returned for changes',
      'Submitted again',
      'Approved',
      'Reopened by the programme',
    ]);
    expect(screen.getByRole('region', { name: 'History' }).textContent).not.toMatch(/→|draft|_/);
  });

  it('a report’s history names each step, not the raw states', () => {
    const step = { at: '2025-07-01T08:00:00.000Z', byUserId: 'u', byName: 'Someone', role: 'expert' };
    render(
      <ReportHistory
        history={[
          { ...step, from: 'draft', to: 'submitted' },
          { ...step, from: 'submitted', to: 'changes_requested', comment: 'Add the budget.' },
          { ...step, from: 'changes_requested', to: 'submitted' },
          { ...step, from: 'submitted', to: 'endorsed' },
          { ...step, from: 'endorsed', to: 'reviewed' },
        ]}
      />,
    );
    const region = screen.getByRole('region', { name: 'History' });
    const steps = within(region)
      .getAllByRole('listitem')
      .map((item) => item.querySelector('.history-step')?.textContent);
    expect(steps).toEqual([
      'Submitted',
      'Changes requested',
      'Submitted again',
      'Endorsed',
      'Reviewed by the programme',
    ]);
    expect(region.textContent).not.toMatch(/→|changes_requested|draft/);
  });
});

describe('words that fit the device', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => installPrompt$.next(null));

  it('the install offer does not say "phone" (it shows on desktops too)', () => {
    const offer = {
      prompt: vi.fn(async () => undefined),
      userChoice: Promise.resolve({ outcome: 'dismissed' as const }),
    } as unknown as InstallPromptEvent;
    render(<InstallPrompt />);
    act(() => installPrompt$.next(offer));
    const region = screen.getByRole('region', { name: 'Install Fieldbook on this device' });
    expect(region.textContent).not.toMatch(/phone/i);
    expect(within(region).getByRole('button', { name: 'Install Fieldbook' })).toBeTruthy();
    expect(within(region).getByRole('button', { name: 'Not now' })).toBeTruthy();
  });

  it('the backup import is one labelled button, not the browser’s raw "Choose File" box', () => {
    render(
      <BackupPanel
        device={{} as DeviceDatabase}
        pendingCount={1}
        oldestPendingAt={null}
        persistence="granted"
      />,
    );
    const region = screen.getByRole('region', { name: 'Data on this device' });
    expect(region.textContent).not.toMatch(/phone/i);
    const input = within(region).getByLabelText('Import a backup file') as HTMLInputElement;
    expect(input.type).toBe('file');
    // The input itself is out of sight; its label is drawn as a button beside "Save a backup file".
    expect(input.classList.contains('visually-hidden')).toBe(true);
    const label = input.closest('label') as HTMLLabelElement;
    expect(label.classList.contains('button')).toBe(true);
    expect(label.textContent).toBe('Import a backup file');
    expect(label.parentElement).toBe(
      within(region).getByRole('button', { name: 'Save a backup file' }).parentElement,
    );
  });
});

describe('the export file name', () => {
  it('is the one the server sends and docs/sync-protocol.md (TS-8) names', () => {
    expect(exportFileName('attachment; filename="fieldbook-timesheets-approved.csv"')).toBe(
      'fieldbook-timesheets-approved.csv',
    );
    expect(exportFileName('attachment; filename="fieldbook-timesheets-approved-2025-06.csv"')).toBe(
      'fieldbook-timesheets-approved-2025-06.csv',
    );
    // No readable header (a proxy dropped it): still the documented name.
    expect(exportFileName(null)).toBe('fieldbook-timesheets-approved.csv');
  });
});
