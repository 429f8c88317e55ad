// @vitest-environment jsdom
/** Assignment page, refused changes and re-entry, against a real device database. */
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
import { addDays, localIsoDate } from '../../src/shared/dates';
import type { PublicUser } from '../../src/shared/users';
import { assignmentTotals } from '../../src/features/assignments/assignment-totals';
import { dayCountingRule } from '../../src/i18n/labels';
import { fakeFieldbook } from '../helpers/fake-fieldbook';
import { anAssignment } from '../helpers/builders';

const fake = vi.hoisted(() => ({ current: null as unknown as Fieldbook }));
vi.mock('../../src/session/FieldbookProvider', () => ({ useFieldbook: () => fake.current }));
const { routes } = await import('../../src/app/routes');

const today = localIsoDate();
const yesterday = addDays(today, -1);
const expert: PublicUser = { id: 'expert-1', email: 'expert1@demo.test', name: 'Amina', role: 'expert' };
const supervisor: PublicUser = {
  id: 'supervisor-1',
  email: 'sup1@demo.test',
  name: 'Sam',
  role: 'supervisor',
};
const assignment = anAssignment({
  expertId: expert.id,
  institution: { name: 'Ministry of Energy and Water Resources', country: 'Somalia', sector: 'Water' },
  supervisorIds: [supervisor.id],
  startDate: addDays(today, -30),
  endDate: addDays(today, 30),
  objectives: ['Train the borehole team'],
});

let device: DeviceDatabase;
let counter = 0;

beforeEach(async () => {
  counter += 1;
  device = await openUserDatabase(`screens-${counter}`, {
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
  await device.db.assignments.insert(assignment);
  const base = { assignmentId: assignment.id, location: 'Baidoa', notes: '' };
  await saveLog(device, {
    ...base,
    id: 'log-old',
    date: yesterday,
    hours: 8,
    workMode: 'on_site',
    activities: 'Pump survey',
    ktActivities: [{ type: 'training', peopleReached: 10 }],
  });
  await saveLog(device, {
    ...base,
    id: 'log-new',
    date: today,
    hours: 2.5,
    workMode: 'travel',
    activities: 'Drive to site',
    ktActivities: [{ type: 'training', peopleReached: 5 }],
  });
  localStorage.clear();
});
afterEach(async () => {
  cleanup();
  await device.db.remove();
});

function renderAs(user: PublicUser, path: string) {
  fake.current = fakeFieldbook(user, device, 't');
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return { router, user: userEvent.setup() };
}

async function addRefusal() {
  await device.db.refusals.insert({
    id: 'logs:log-x:1',
    collectionName: 'logs',
    docId: 'log-x',
    attempted: JSON.stringify({
      id: 'log-x',
      assignmentId: assignment.id,
      date: yesterday,
      hours: 3,
      workMode: 'remote',
      location: 'Home office',
      activities: 'Wrote the maintenance manual',
      ktActivities: [],
      notes: 'Typed on the bus',
      _deleted: false,
    }),
    code: 'rule',
    message: 'A day has at most 24 hours.',
    at: new Date().toISOString(),
  });
}

describe('assignment page', () => {
  it('lists logs newest first with totals, and edit controls for the expert', async () => {
    renderAs(expert, `/assignments/${assignment.id}`);
    await screen.findByRole('heading', { name: 'Ministry of Energy and Water Resources', level: 1 });
    const logs = await screen.findAllByRole('article');
    expect(logs.map((log) => within(log).getByRole('heading').textContent)).toHaveLength(2);
    expect(logs[0]?.textContent).toContain('Drive to site');
    expect(logs[1]?.textContent).toContain('Pump survey');
    const totals = screen.getByRole('region', { name: 'Totals' });
    expect(within(totals).getByText('Hours').nextSibling?.textContent).toBe('10.5');
    expect(within(totals).getByText('Days logged').nextSibling?.textContent).toBe('2');
    expect(within(totals).getByText('Training').nextSibling?.textContent).toBe('15');
    expect(within(totals).getByText(dayCountingRule())).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Log today' })).toBeTruthy();
    expect(screen.getByRole('link', { name: `Edit log of ${today}` })).toBeTruthy();
  });

  it('is read-only for the supervisor', async () => {
    renderAs(supervisor, `/assignments/${assignment.id}`);
    expect(await screen.findByText('Drive to site')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Log today' })).toBeNull();
    expect(screen.queryByRole('link', { name: /Edit log/ })).toBeNull();
  });

  it('shows the log read-only when a supervisor opens its edit address', async () => {
    renderAs(supervisor, '/logs/log-old/edit');
    expect(await screen.findByText('Pump survey')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save log' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete log' })).toBeNull();
  });
});

describe('refused changes', () => {
  it('shows what was typed and re-enters it as a new log', async () => {
    await addRefusal();
    const { user, router } = renderAs(expert, `/assignments/${assignment.id}`);
    const refusals = await screen.findByRole('region', { name: '1 change was not saved' });
    expect(refusals.textContent).toContain('A day has at most 24 hours.');
    expect(refusals.textContent).toContain('Wrote the maintenance manual');
    expect(refusals.textContent).toContain('Typed on the bus');

    await user.click(within(refusals).getByRole('button', { name: 'Re-enter as a new log' }));
    const activities = await screen.findByLabelText('Activities');
    expect(activities).toHaveProperty('value', 'Wrote the maintenance manual');
    expect(screen.getByLabelText('Hours')).toHaveProperty('value', '3');
    expect(screen.getByLabelText('Date')).toHaveProperty('value', yesterday);
    await user.click(screen.getByRole('button', { name: 'Save log' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/assignments/${assignment.id}`));
    const saved = await device.db.logs
      .find({ selector: { activities: 'Wrote the maintenance manual' } })
      .exec();
    expect(saved).toHaveLength(1);
    expect(saved[0]?.id).not.toBe('log-x');
    await waitFor(async () => expect(await device.db.refusals.count().exec()).toBe(0));
  });

  it('dismisses only after confirmation', async () => {
    await addRefusal();
    const { user } = renderAs(expert, '/');
    const refusals = await screen.findByRole('region', { name: '1 change was not saved' });
    await user.click(within(refusals).getByRole('button', { name: 'Dismiss' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await device.db.refusals.count().exec()).toBe(1);

    await user.click(within(refusals).getByRole('button', { name: 'Dismiss' }));
    await user.click(screen.getByRole('button', { name: 'Yes, dismiss' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: '1 change was not saved' })).toBeNull());
    expect(await device.db.refusals.count().exec()).toBe(0);
  });
});

describe('editing', () => {
  it('deletes a log after confirmation', async () => {
    const { user, router } = renderAs(expert, '/logs/log-old/edit');
    await user.click(await screen.findByRole('button', { name: 'Delete log' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/assignments/${assignment.id}`));
    expect(await device.db.logs.findOne('log-old').exec()).toBeNull();
  });
});

describe('assignmentTotals', () => {
  it('counts each day once in the mode it counts as, and people per activity type', () => {
    const totals = assignmentTotals([
      {
        date: '2025-01-01',
        hours: 4,
        workMode: 'on_site',
        ktActivities: [{ type: 'workshop', peopleReached: 3 }],
      },
      { date: '2025-01-01', hours: 2, workMode: 'travel', ktActivities: [] },
      {
        date: '2025-01-02',
        hours: 8,
        workMode: 'on_site',
        ktActivities: [{ type: 'workshop', peopleReached: 4 }],
      },
    ]);
    expect(totals).toMatchObject({
      daysLogged: 2,
      hours: 14,
      // The day with an on-site and a travel log is one on-site day.
      daysByMode: { on_site: 2, remote: 0, travel: 0 },
    });
    expect(totals.peopleReachedByType.workshop).toBe(7);
  });
});
