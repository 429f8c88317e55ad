// @vitest-environment jsdom
/**
 * A timesheet URL this device cannot show says Not found, as the assignment and report pages do,
 * instead of "Loading…" for ever (issue 11, defect 4).
 */
import 'fake-indexeddb/auto';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Fieldbook } from '../../src/session/FieldbookProvider';
import { openUserDatabase, type DeviceDatabase } from '../../src/db/database';
import type { PublicUser } from '../../src/shared/users';
import { fakeFieldbook } from '../helpers/fake-fieldbook';
import { anAssignment, expert } from '../helpers/builders';

const fake = vi.hoisted(() => ({ current: null as unknown as Fieldbook }));
vi.mock('../../src/session/FieldbookProvider', () => ({
  useFieldbook: () => fake.current,
  apiBaseUrl: () => 'http://server.test',
}));
const { routes } = await import('../../src/app/routes');

const otherExpert: PublicUser = { id: 'expert-2', email: 'x@demo.test', name: 'Bashir', role: 'expert' };
const assignment = anAssignment();

let device: DeviceDatabase;
let counter = 0;

beforeEach(async () => {
  counter += 1;
  device = await openUserDatabase(`ts-not-found-${counter}`, {
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
  await device.db.assignments.insert(assignment);
});
afterEach(async () => {
  cleanup();
  await device.db.remove();
});

function renderAs(user: PublicUser, path: string) {
  fake.current = fakeFieldbook(user, device);
  render(<RouterProvider router={createMemoryRouter(routes, { initialEntries: [path] })} />);
}

describe('timesheet URL not on this device', () => {
  it('says Not found for a month outside the assignment', async () => {
    renderAs(expert, `/assignments/${assignment.id}/timesheets/2025-09`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Not found' })).toBeTruthy();
    expect(screen.getByText('This timesheet is not on this device.')).toBeTruthy();
    expect(screen.queryByText('Loading…')).toBeNull();
  });

  it('says Not found for a month that is no month', async () => {
    renderAs(expert, `/assignments/${assignment.id}/timesheets/2025-13`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Not found' })).toBeTruthy();
  });

  it('says Not found for an assignment of another user', async () => {
    renderAs(otherExpert, `/assignments/${assignment.id}/timesheets/2025-06`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Not found' })).toBeTruthy();
  });

  it('says Not found for an assignment that is not on the device', async () => {
    renderAs(expert, '/assignments/nowhere/timesheets/2025-06');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not found' })).toBeTruthy();
  });

  it('still shows a month of the assignment that has no timesheet yet', async () => {
    renderAs(expert, `/assignments/${assignment.id}/timesheets/2025-06`);
    expect(await screen.findByRole('heading', { level: 1, name: /Timesheet — June 2025/ })).toBeTruthy();
  });
});
