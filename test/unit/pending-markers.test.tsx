// @vitest-environment jsdom
/**
 * Issue 11 §1.8: every entry shows whether it has reached the server, the same way — a log card,
 * a report and its decision, a timesheet — and the marker goes once the server has confirmed it.
 */
import 'fake-indexeddb/auto';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Fieldbook } from '../../src/session/FieldbookProvider';
import { openUserDatabase, type DeviceDatabase } from '../../src/db/database';
import { saveLog } from '../../src/db/logs';
import { endorseReport, ensureReport, saveSection, submitReport } from '../../src/db/reports';
import { recordServerVersions } from '../../src/db/sync-marks';
import { submitTimesheet } from '../../src/db/timesheets';
import { addDays, localIsoDate } from '../../src/shared/dates';
import type { ReplicatedCollectionName } from '../../src/shared/schemas';
import { reportId } from '../../src/shared/schemas/report.schema';
import { timesheetId } from '../../src/shared/schemas/timesheet.schema';
import type { PublicUser } from '../../src/shared/users';
import { fakeFieldbook } from '../helpers/fake-fieldbook';
import { anAssignment, expert, supervisor } from '../helpers/builders';

const fake = vi.hoisted(() => ({ current: null as unknown as Fieldbook }));
vi.mock('../../src/session/FieldbookProvider', () => ({
  useFieldbook: () => fake.current,
  apiBaseUrl: () => 'http://server.test',
}));
const { routes } = await import('../../src/app/routes');

const MARKER = 'Waiting to sync';
const SLOW = { timeout: 10_000 };
const today = localIsoDate();
const logDate = addDays(today, -2);
const assignment = anAssignment({
  startDate: addDays(today, -30),
  endDate: addDays(today, 30),
  objectives: ['Train the borehole team'],
});
const REPORT_ID = reportId(assignment.id, 'inception');
const ASSIGNMENT_PATH = `/assignments/${assignment.id}`;

let device: DeviceDatabase;
let counter = 0;

/** What a push accepted, or a pull, does: the server's version is now the device's. */
async function confirmByServer(collection: ReplicatedCollectionName, id: string) {
  const doc = await (
    device.db[collection] as unknown as {
      findOne(id: string): { exec(): Promise<{ toJSON(): object } | null> };
    }
  )
    .findOne(id)
    .exec();
  await recordServerVersions(device, collection, [doc!.toJSON()]);
}

beforeEach(async () => {
  counter += 1;
  device = await openUserDatabase(`pending-markers-${counter}`, {
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
  await device.db.assignments.insert(assignment);
  await recordServerVersions(device, 'assignments', [assignment]);
  localStorage.clear();
});
afterEach(async () => {
  cleanup();
  await device.db.remove();
});

function renderAs(user: PublicUser, path: string) {
  fake.current = fakeFieldbook(user, device, 'token-1');
  render(<RouterProvider router={createMemoryRouter(routes, { initialEntries: [path] })} />);
}

describe('pending markers', () => {
  it('a log saved here shows the marker on its card until the server has it', async () => {
    await saveLog(device, {
      id: 'log-1',
      assignmentId: assignment.id,
      date: logDate,
      hours: 8,
      workMode: 'on_site',
      location: 'Baidoa',
      activities: 'Training day',
      ktActivities: [],
      notes: '',
    });
    renderAs(expert, ASSIGNMENT_PATH);
    await screen.findByText('Training day', {}, SLOW);
    const card = screen.getByText('Training day').closest('article') as HTMLElement;
    expect(await within(card).findByText(MARKER, {}, SLOW)).toBeTruthy();

    await confirmByServer('logs', 'log-1');
    await waitFor(() => expect(within(card).queryByText(MARKER)).toBeNull(), SLOW);
    // A confirmed log shows nothing: the marker is only for what has not reached the server.
    expect(card.textContent).toContain('Training day');
  });

  it('a log the server already has shows no marker', async () => {
    const log = {
      id: 'log-2',
      assignmentId: assignment.id,
      date: logDate,
      hours: 4,
      workMode: 'remote' as const,
      location: '',
      activities: 'Wrote the plan',
      ktActivities: [],
      notes: '',
    };
    await saveLog(device, log);
    await confirmByServer('logs', 'log-2');
    renderAs(expert, ASSIGNMENT_PATH);
    const card = (await screen.findByText('Wrote the plan', {}, SLOW)).closest('article') as HTMLElement;
    // Another log saved afterwards gets its marker: the pending set has been read by then.
    await saveLog(device, { ...log, id: 'log-2b', date: addDays(logDate, -1), activities: 'Met the team' });
    const other = (await screen.findByText('Met the team', {}, SLOW)).closest('article') as HTMLElement;
    expect(await within(other).findByText(MARKER, {}, SLOW)).toBeTruthy();
    expect(within(card).queryByText(MARKER)).toBeNull();
  });

  it('a report decision made here shows the marker on the report and its card until synced', async () => {
    await ensureReport(device, assignment, 'inception');
    await saveSection(device, REPORT_ID, 'summary', 'Twelve technicians trained.');
    await submitReport(device, REPORT_ID);
    await confirmByServer('reports', REPORT_ID);

    renderAs(supervisor, `${ASSIGNMENT_PATH}/reports/inception`);
    const status = await screen.findByText('Submitted — waiting for endorsement', {}, SLOW);
    const statusLine = status.closest('dd') as HTMLElement;
    expect(within(statusLine).queryByText(MARKER)).toBeNull();

    await endorseReport(device, REPORT_ID, 'Good work.', 'Sam Supervisor');
    await waitFor(() => expect(within(statusLine.parentElement!).getByText(MARKER)).toBeTruthy(), SLOW);
    await confirmByServer('reports', REPORT_ID);
    await waitFor(() => expect(screen.queryByText(MARKER)).toBeNull(), SLOW);
  });

  it('the assignment page marks an unsynced report and an unsynced timesheet the same way', async () => {
    await ensureReport(device, assignment, 'inception');
    await saveLog(device, {
      id: 'log-3',
      assignmentId: assignment.id,
      date: logDate,
      hours: 8,
      workMode: 'on_site',
      location: 'Baidoa',
      activities: 'Site visit',
      ktActivities: [],
      notes: '',
    });
    const month = logDate.slice(0, 7);
    await submitTimesheet(device, assignment, month, 'Amina Expert');
    renderAs(expert, ASSIGNMENT_PATH);
    const reports = await screen.findByRole('region', { name: 'Reports' }, SLOW);
    const inception = (await within(reports).findByRole('link', { name: /^Inception report/ }, SLOW)).closest(
      'li',
    ) as HTMLElement;
    expect(await within(inception).findByText(MARKER, {}, SLOW)).toBeTruthy();
    const timesheets = screen.getByRole('region', { name: 'Timesheets' });
    const card = within(timesheets)
      .getAllByRole('listitem')
      .find((item) => item.querySelector(`a[href$="/${month}"]`)) as HTMLElement;
    const marker = await within(card).findByText(MARKER, {}, SLOW);
    // The same component, the same look, wherever an entry is shown.
    expect(marker.className).toBe(within(inception).getByText(MARKER).className);

    await confirmByServer('timesheets', timesheetId(assignment.id, month));
    await waitFor(() => expect(within(card).queryByText(MARKER)).toBeNull(), SLOW);
    expect(within(inception).getByText(MARKER)).toBeTruthy();
  });
});
