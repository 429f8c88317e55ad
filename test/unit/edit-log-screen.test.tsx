// @vitest-environment jsdom
/**
 * The edit screen of a log, rendered as the app renders it (routes, layout, StrictMode) on a real
 * device database: an edit typed earlier and never saved must reach the changes to re-enter once
 * its log is deleted or its month locked, and must not be lost or kept twice.
 */
import 'fake-indexeddb/auto';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Fieldbook } from '../../src/session/FieldbookProvider';
import { draftKey } from '../../src/session/session';
import { openUserDatabase, type DeviceDatabase } from '../../src/db/database';
import type { Refusal } from '../../src/db/refusals';
import { submitTimesheet } from '../../src/db/timesheets';
import type { DailyLog } from '../../src/shared/schemas';
import { fakeFieldbook } from '../helpers/fake-fieldbook';
import { anAssignment, expert } from '../helpers/builders';
import { englishOf } from '../helpers/english';
import type { Reason } from '../../src/shared/reasons';

const fake = vi.hoisted(() => ({ current: null as unknown as Fieldbook }));
vi.mock('../../src/session/FieldbookProvider', () => ({
  useFieldbook: () => fake.current,
  apiBaseUrl: () => 'http://server.test',
}));
const { routes } = await import('../../src/app/routes');

const assignment = anAssignment();
const junLog: DailyLog = {
  id: 'jun-02',
  assignmentId: assignment.id,
  date: '2025-06-02',
  hours: 8,
  workMode: 'on_site',
  location: 'Baidoa',
  activities: 'Borehole survey',
  ktActivities: [],
  notes: '',
  updatedAt: '2025-06-02T18:00:00.000Z',
};
const EDIT_PATH = `/logs/${junLog.id}/edit`;
const TYPED = ' and a talk with the water committee';

let device: DeviceDatabase;
let counter = 0;

beforeEach(async () => {
  counter += 1;
  device = await openUserDatabase(`edit-log-screen-${counter}`, {
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
  await device.db.assignments.insert(assignment);
  await device.db.logs.insert(junLog);
  localStorage.clear();
});
afterEach(async () => {
  cleanup();
  await device.db.remove();
});

function renderAt(path: string) {
  fake.current = fakeFieldbook(expert, device, 'token-1');
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <StrictMode>
      <RouterProvider router={router} />
    </StrictMode>,
  );
  return { ...view, router, user: userEvent.setup() };
}

const draft = () => localStorage.getItem(draftKey(device.userId, `log:${junLog.id}`));

async function refusals(): Promise<Refusal[]> {
  return (await device.db.refusals.find().exec()).map((doc) => doc.toJSON() as Refusal);
}

/** Opens the edit screen, types into Activities and leaves without saving: a draft stays. */
async function typeAnEditAndLeave() {
  const first = renderAt(EDIT_PATH);
  const activities = await screen.findByLabelText('Activities');
  await first.user.type(activities, TYPED);
  await waitFor(() => expect(draft()).toContain(TYPED));
  first.unmount();
}

/** The user follows the screen's way back and finds the text among the changes to re-enter. */
async function expectTextOnAssignmentPage(user: ReturnType<typeof userEvent.setup>, reason: RegExp) {
  const region = await screen.findByRole('region', { name: '1 change was not saved' });
  expect(region.textContent).toMatch(reason);
  expect(region.textContent).toContain(`Borehole survey${TYPED}`);
  expect(within(region).getByRole('button', { name: 'Re-enter as a new log' })).toBeTruthy();
  await user.click(within(region).getByRole('button', { name: 'Re-enter as a new log' }));
  expect(await screen.findByLabelText('Activities')).toHaveProperty('value', `Borehole survey${TYPED}`);
}

describe('edit screen: an unsaved edit whose log can no longer take it', () => {
  it('hands the edit of a log whose month was submitted since to the changes to re-enter', async () => {
    await typeAnEditAndLeave();
    await submitTimesheet(device, assignment, '2025-06', 'Amina Expert');

    const { user } = renderAt(EDIT_PATH);
    // The screen shows the lock, not a form that could not be saved.
    expect(await screen.findByText(/June 2025 is submitted and waiting for sign-off/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save log' })).toBeNull();

    await waitFor(() => expect(draft()).toBeNull());
    const kept = await refusals();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ collectionName: 'logs', docId: junLog.id });
    expect(englishOf(kept[0]!.reasons as Reason[])).toMatch(/not saved before its month was locked/);
    expect(JSON.parse(kept[0]!.attempted)).toMatchObject({
      id: junLog.id,
      assignmentId: assignment.id,
      date: junLog.date,
      activities: `Borehole survey${TYPED}`,
    });

    await user.click(screen.getByRole('link', { name: 'Back to the assignment' }));
    await expectTextOnAssignmentPage(user, /not saved before its month was locked/);
  });

  it('hands the edit of a log deleted by a sync while the form was open to the changes to re-enter', async () => {
    const { user } = renderAt(EDIT_PATH);
    await user.type(await screen.findByLabelText('Activities'), TYPED);
    await waitFor(() => expect(draft()).toContain(TYPED));

    // Another device deleted the log; the sync removes it here.
    await (await device.db.logs.findOne(junLog.id).exec())!.remove();

    expect(await screen.findByText(/This log is not on this device/)).toBeTruthy();
    await waitFor(() => expect(draft()).toBeNull());
    const kept = await refusals();
    expect(kept).toHaveLength(1);
    expect(englishOf(kept[0]!.reasons as Reason[])).toMatch(/not saved before the log was deleted/);
    expect(JSON.parse(kept[0]!.attempted)).toMatchObject({
      assignmentId: assignment.id,
      activities: `Borehole survey${TYPED}`,
    });

    await user.click(screen.getByRole('link', { name: 'Back to assignments' }));
    await expectTextOnAssignmentPage(user, /not saved before the log was deleted/);
  });

  it('hands over the edit of a log deleted while the screen was closed, from the draft alone', async () => {
    await typeAnEditAndLeave();
    await (await device.db.logs.findOne(junLog.id).exec())!.remove();

    const { user } = renderAt(EDIT_PATH);
    expect(await screen.findByText(/This log is not on this device/)).toBeTruthy();
    await waitFor(() => expect(draft()).toBeNull());
    const kept = await refusals();
    expect(kept).toHaveLength(1);
    // The screen never saw the log: the assignment comes from the draft, so it can be re-entered.
    expect(JSON.parse(kept[0]!.attempted)).toMatchObject({
      assignmentId: assignment.id,
      activities: `Borehole survey${TYPED}`,
    });

    await user.click(screen.getByRole('link', { name: 'Back to assignments' }));
    await expectTextOnAssignmentPage(user, /not saved before the log was deleted/);
  });

  it('leaves an edit of an open log in its form', async () => {
    await typeAnEditAndLeave();
    renderAt(EDIT_PATH);
    expect(await screen.findByText('Your unsaved changes from earlier were restored.')).toBeTruthy();
    expect(screen.getByLabelText('Activities')).toHaveProperty('value', `Borehole survey${TYPED}`);
    expect(draft()).toContain(TYPED);
    expect(await refusals()).toHaveLength(0);
  });
});
