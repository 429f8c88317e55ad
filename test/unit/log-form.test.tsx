// @vitest-environment jsdom
/** The log form against a real device database (Dexie over fake-indexeddb). */
import 'fake-indexeddb/auto';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openUserDatabase, type DeviceDatabase } from '../../src/db/database';
import { saveLog } from '../../src/db/logs';
import { MAX_LOGS_PER_DAY } from '../../src/shared/rules/log-rules';
import { draftKey } from '../../src/session/session';
import { addDays, localIsoDate } from '../../src/shared/dates';
import { LogForm } from '../../src/features/logs/LogForm';
import { emptyLogValues } from '../../src/features/logs/log-form-values';
import { keepStrandedDraft } from '../../src/features/logs/useLogForm';
import { anAssignment } from '../helpers/builders';
import { STRANDED_LOCKED } from '../../src/db/logs';

const today = localIsoDate();
const assignment = anAssignment({
  expertId: 'expert-1',
  institution: { name: 'Ministry of Health', country: 'Somalia', sector: 'Water' },
  supervisorIds: ['supervisor-1'],
  startDate: addDays(today, -30),
  endDate: addDays(today, 30),
  objectives: ['Train the team'],
});

let device: DeviceDatabase;
let userCounter = 0;

beforeEach(async () => {
  userCounter += 1;
  device = await openUserDatabase(`form-user-${userCounter}`, {
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
  localStorage.clear();
});
afterEach(async () => {
  cleanup();
  await device.db.remove();
});

function renderForm(onSaved = vi.fn()) {
  const view = render(
    <MemoryRouter>
      <LogForm
        device={device}
        assignment={assignment}
        logId={null}
        draftName={`log:new:${assignment.id}`}
        initial={emptyLogValues(today)}
        onSaved={onSaved}
      />
    </MemoryRouter>,
  );
  return { ...view, onSaved, user: userEvent.setup() };
}

describe('LogForm', () => {
  it('prefills today and marks a future date as an error next to the field', async () => {
    const { user } = renderForm();
    const date = screen.getByLabelText('Date');
    expect(date).toHaveProperty('value', today);
    await user.clear(date);
    await user.type(date, addDays(today, 2));
    const message = await screen.findByText('A day cannot be logged before it happens.');
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(date.getAttribute('aria-describedby')).toBe(message.id);
  });

  it('refuses more than 24 hours, counting hours already logged that day', async () => {
    const { user } = renderForm();
    const hours = screen.getByLabelText('Hours');
    await user.type(hours, '25');
    expect(await screen.findByText('Hours must be between 0 and 24.')).toBeTruthy();
    expect(hours.getAttribute('aria-invalid')).toBe('true');

    await saveLog(device, {
      id: 'earlier',
      assignmentId: assignment.id,
      date: today,
      hours: 20,
      workMode: 'remote',
      location: '',
      activities: 'Report writing',
      ktActivities: [],
      notes: '',
    });
    await user.clear(hours);
    await user.type(hours, '6');
    await user.type(screen.getByLabelText('Activities'), 'Workshop');
    await user.click(screen.getByRole('button', { name: 'Save log' }));
    expect(await screen.findByText(/20 are already logged on .*, so at most 4 remain/)).toBeTruthy();
    expect(document.activeElement).toBe(hours);
  });

  it('SP-6: refuses a log on a day that already has the most logs a day may have, on the date', async () => {
    for (let i = 0; i < MAX_LOGS_PER_DAY; i += 1) {
      await saveLog(device, {
        id: `quarter-${i}`,
        assignmentId: assignment.id,
        date: today,
        hours: 0,
        workMode: 'remote',
        location: '',
        activities: '',
        ktActivities: [],
        notes: '',
      });
    }
    const { user, onSaved } = renderForm();
    await user.type(screen.getByLabelText('Hours'), '1');
    await user.type(screen.getByLabelText('Activities'), 'Workshop');
    await user.click(screen.getByRole('button', { name: 'Save log' }));
    const message = await screen.findByText(/A day has at most 96 logs and .* already has that many/);
    expect(screen.getByLabelText('Date').getAttribute('aria-describedby')).toBe(message.id);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('explains input that is not a number', async () => {
    const { user, onSaved } = renderForm();
    await user.type(screen.getByLabelText('Hours'), 'six');
    await user.click(screen.getByRole('button', { name: 'Save log' }));
    expect(await screen.findByText(/Enter hours as a number/)).toBeTruthy();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('saves a valid log to the device database and clears the draft', async () => {
    const { user, onSaved } = renderForm();
    await user.click(screen.getByRole('button', { name: '6 hours' }));
    await user.click(screen.getByRole('button', { name: 'Quarter hour more' }));
    await user.click(screen.getByLabelText('Remote'));
    await user.type(screen.getByLabelText('Location'), 'Baidoa');
    await user.type(screen.getByLabelText('Activities'), 'Trained the borehole team');
    await user.click(screen.getByRole('button', { name: 'Add activity' }));
    await user.selectOptions(screen.getByLabelText('Activity type 1'), 'workshop');
    await user.type(screen.getByLabelText('People reached 1'), '12');
    await user.type(screen.getByLabelText('Notes'), 'Pump parts missing');
    const key = draftKey(device.userId, `log:new:${assignment.id}`);
    expect(localStorage.getItem(key)).toContain('Pump parts missing');

    await user.click(screen.getByRole('button', { name: 'Save log' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    const id = onSaved.mock.calls[0]?.[0] as string;
    const saved = (await device.db.logs.findOne(id).exec())?.toJSON();
    expect(saved).toMatchObject({
      assignmentId: assignment.id,
      date: today,
      hours: 6.25,
      workMode: 'remote',
      location: 'Baidoa',
      activities: 'Trained the borehole team',
      ktActivities: [{ type: 'workshop', peopleReached: 12 }],
      notes: 'Pump parts missing',
    });
    expect(localStorage.getItem(key)).toBeNull();
  });

  it('restores unsaved input after the form is opened again', async () => {
    const first = renderForm();
    await first.user.type(screen.getByLabelText('Hours'), '7,5');
    await first.user.type(screen.getByLabelText('Activities'), 'Half-typed notes of the day');
    first.unmount();

    const { user } = renderForm();
    expect(screen.getByLabelText('Hours')).toHaveProperty('value', '7,5');
    expect(screen.getByLabelText('Activities')).toHaveProperty('value', 'Half-typed notes of the day');
    expect(screen.getByText('Your unsaved changes from earlier were restored.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Discard unsaved changes' }));
    expect(screen.getByLabelText('Activities')).toHaveProperty('value', '');
    expect(localStorage.getItem(draftKey(device.userId, `log:new:${assignment.id}`))).toBeNull();
  });

  it('moves a draft whose form cannot open any more to the changes to re-enter', async () => {
    const first = renderForm();
    await first.user.type(screen.getByLabelText('Activities'), 'Typed before the month was locked');
    first.unmount();
    const key = draftKey(device.userId, `log:new:${assignment.id}`);
    expect(localStorage.getItem(key)).not.toBeNull();

    await keepStrandedDraft(device, `log:new:${assignment.id}`, assignment.id, [STRANDED_LOCKED]);
    expect(localStorage.getItem(key)).toBeNull();
    const [kept] = (await device.db.refusals.find().exec()).map((doc) => doc.toJSON());
    expect(kept).toMatchObject({
      collectionName: 'logs',
      code: 'conflict',
      reasons: [STRANDED_LOCKED],
    });
    expect(JSON.parse(kept!.attempted)).toMatchObject({
      assignmentId: assignment.id,
      activities: 'Typed before the month was locked',
    });
  });
});
