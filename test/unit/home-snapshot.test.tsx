// @vitest-environment jsdom
/**
 * The home on a repeat visit (issue 9 §5): it shows last visit's assignment list at once, while the
 * device database is still loading, then the database's own list; each list it shows from the
 * database is kept for the next visit, per user, and goes with sign-out. Other screens still wait
 * for the database.
 */
import 'fake-indexeddb/auto';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Fieldbook } from '../../src/session/FieldbookProvider';
import { clearUserCaches } from '../../src/session/session';
import { openUserDatabase, type DeviceDatabase } from '../../src/db/database';
import { readHomeSnapshot, toHomeCard } from '../../src/features/assignments/home-snapshot';
import type { Assignment } from '../../src/shared/schemas';
import type { PublicUser } from '../../src/shared/users';
import { anAssignment as assignmentOf } from '../helpers/builders';
import { fakeFieldbook } from '../helpers/fake-fieldbook';

const fake = vi.hoisted(() => ({ current: null as unknown as Fieldbook }));
vi.mock('../../src/session/FieldbookProvider', () => ({ useFieldbook: () => fake.current }));
const { routes } = await import('../../src/app/routes');

const expert: PublicUser = { id: 'expert-1', email: 'expert1@demo.test', name: 'Amina', role: 'expert' };
const other: PublicUser = { id: 'expert-2', email: 'expert2@demo.test', name: 'Omar', role: 'expert' };

/** The builder's assignment, as this screen's tests have it: November and December 2026. */
const anAssignment = (patch: Partial<Assignment> = {}): Assignment =>
  assignmentOf({
    institution: { name: 'Ministry of Energy and Water Resources', country: 'Somalia', sector: 'Water' },
    supervisorIds: ['supervisor-1'],
    startDate: '2026-11-01',
    endDate: '2026-12-31',
    objectives: ['Train the borehole team'],
    ...patch,
  });

function renderAs(user: PublicUser, device: DeviceDatabase | null, path = '/') {
  fake.current = fakeFieldbook(user, device);
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return render(<RouterProvider router={router} />);
}

const linkTo = (name: string) => screen.queryByRole('link', { name });

let device: DeviceDatabase | undefined;
let counter = 0;
async function openDevice(userId: string, assignments: Assignment[]): Promise<DeviceDatabase> {
  counter += 1;
  device = await openUserDatabase(`${userId}-home-${counter}`, {
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
  await device.db.assignments.bulkInsert(assignments);
  return device;
}

beforeEach(() => localStorage.clear());
afterEach(async () => {
  cleanup();
  await device?.db.remove();
  device = undefined;
});

describe('the home on a repeat visit', () => {
  it('keeps the list it showed from the database, and shows it next time before the database opens', async () => {
    const opened = await openDevice(expert.id, [anAssignment()]);
    renderAs(expert, opened);
    await screen.findByRole('link', { name: 'Ministry of Energy and Water Resources' });
    await waitFor(() => expect(readHomeSnapshot(expert.id)).toEqual([toHomeCard(anAssignment())]));
    cleanup();

    // Next visit: the database is not open yet.
    renderAs(expert, null);
    expect(linkTo('Ministry of Energy and Water Resources')?.getAttribute('href')).toBe(
      '/assignments/assignment-1',
    );
    expect(screen.getByText('Somalia · Water · active')).toBeTruthy();
  });

  it('then shows the database’s list, and keeps that one', async () => {
    renderAs(expert, await openDevice(expert.id, [anAssignment()]));
    await waitFor(() => expect(readHomeSnapshot(expert.id)).not.toBeNull());
    cleanup();
    await device!.db.remove();

    const renamed = anAssignment({
      institution: { name: 'Ministry of Health', country: 'Somalia', sector: 'Health' },
    });
    const reopened = await openDevice(expert.id, [renamed]);
    renderAs(expert, null);
    expect(linkTo('Ministry of Energy and Water Resources')).not.toBeNull();
    cleanup();
    // The database open (FieldbookProvider hands it over; here: the next render).
    renderAs(expert, reopened);
    await screen.findByRole('link', { name: 'Ministry of Health' });
    expect(linkTo('Ministry of Energy and Water Resources')).toBeNull();
    await waitFor(() => expect(readHomeSnapshot(expert.id)).toEqual([toHomeCard(renamed)]));
  });

  it('shows nobody else’s list, and nothing once the user has signed out', async () => {
    renderAs(expert, await openDevice(expert.id, [anAssignment()]));
    await waitFor(() => expect(readHomeSnapshot(expert.id)).not.toBeNull());
    cleanup();

    renderAs(other, null);
    expect(linkTo('Ministry of Energy and Water Resources')).toBeNull();
    expect(screen.getByText('Loading…')).toBeTruthy();
    cleanup();

    // Sign-out clears the user's caches (FieldbookProvider.signOut).
    clearUserCaches(expert.id);
    renderAs(expert, null);
    expect(linkTo('Ministry of Energy and Water Resources')).toBeNull();
  });

  it('ignores a snapshot it cannot read', () => {
    localStorage.setItem('fieldbook.cache.expert-1.home', '{"version":99,"cards":[{"id":1}]}');
    expect(readHomeSnapshot(expert.id)).toBeNull();
    localStorage.setItem('fieldbook.cache.expert-1.home', 'not json');
    expect(readHomeSnapshot(expert.id)).toBeNull();
    renderAs(expert, null);
    expect(screen.getByText('Loading…')).toBeTruthy();
  });

  it('is kept in step on every screen: an assignment lost away from the home is not shown next time', async () => {
    const opened = await openDevice(expert.id, [anAssignment(), anAssignment({ id: 'assignment-2' })]);
    renderAs(expert, opened, '/assignments/assignment-1');
    await waitFor(() => expect(readHomeSnapshot(expert.id)).toHaveLength(2));
    // Access lost (SP-15) while the expert is on the assignment page: the device drops it.
    await (await opened.db.assignments.findOne('assignment-2').exec())!.remove();
    await waitFor(() =>
      expect(readHomeSnapshot(expert.id)?.map((card) => card.id)).toEqual(['assignment-1']),
    );
  });

  it('is the only screen shown before the database opens', () => {
    renderAs(expert, null, '/assignments/assignment-1');
    expect(screen.getByText('Opening your fieldbook…')).toBeTruthy();
  });
});
