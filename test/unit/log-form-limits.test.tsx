// @vitest-environment jsdom
/**
 * The log form's limits said before they bite (issue 11, defect 7): a character count near the
 * end of each text, no error on a knowledge-transfer row nobody has typed in yet, negative hours
 * named as such, and what a 0-hour log is.
 */
import 'fake-indexeddb/auto';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openUserDatabase, type DeviceDatabase } from '../../src/db/database';
import { addDays, localIsoDate } from '../../src/shared/dates';
import { LogForm } from '../../src/features/logs/LogForm';
import { emptyLogValues } from '../../src/features/logs/log-form-values';
import { anAssignment } from '../helpers/builders';

const today = localIsoDate();
const assignment = anAssignment({
  expertId: 'expert-1',
  institution: { name: 'Ministry of Health', country: 'Somalia', sector: 'Water' },
  supervisorIds: ['supervisor-1'],
  startDate: addDays(today, -30),
  endDate: addDays(today, 30),
  objectives: ['Train the team'],
});
const PEOPLE_ERROR = 'Enter the number of people as a whole number, 0 or more.';

let device: DeviceDatabase;
let counter = 0;

beforeEach(async () => {
  counter += 1;
  device = await openUserDatabase(`log-limits-${counter}`, {
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
  localStorage.clear();
});
afterEach(async () => {
  cleanup();
  await device.db.remove();
});

function renderForm() {
  const onSaved = vi.fn();
  render(
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
  return { onSaved, user: userEvent.setup() };
}

/** The count that describes `field`, or null when none is shown. */
function countOf(field: HTMLElement): string | null {
  const ids = (field.getAttribute('aria-describedby') ?? '').split(' ');
  const count = ids
    .map((id) => document.getElementById(id))
    .find((el) => el?.textContent?.includes('characters'));
  return count?.textContent ?? null;
}

describe('log form: text limits', () => {
  it('shows a count near the limit of the activities and notes, and that a long paste was cut', async () => {
    const { user } = renderForm();
    for (const label of ['Activities', 'Notes']) {
      const field = screen.getByLabelText(label);
      await user.click(field);
      await user.paste('a'.repeat(4000));
      expect(countOf(field)).toBeNull();
      await user.paste('b'.repeat(600));
      expect(countOf(field)).toBe('4 600 / 5 000 characters');
      await user.paste('c'.repeat(1000));
      expect(field).toHaveProperty('value', `${'a'.repeat(4000)}${'b'.repeat(600)}${'c'.repeat(400)}`);
      expect(countOf(field)).toBe('5 000 / 5 000 characters');
    }
  });

  it('shows the count of the location, 200 characters at most', async () => {
    const { user } = renderForm();
    const location = screen.getByLabelText('Location');
    await user.click(location);
    await user.paste('https://maps.example.org/'.padEnd(250, 'x'));
    expect(location).toHaveProperty('value', 'https://maps.example.org/'.padEnd(200, 'x'));
    expect(countOf(location)).toBe('200 / 200 characters');
  });
});

describe('log form: knowledge-transfer rows', () => {
  it('shows no error on a new row until its number is typed or the log is saved', async () => {
    const { user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Add activity' }));
    const people = screen.getByLabelText('People reached 1');
    expect(screen.queryByText(PEOPLE_ERROR)).toBeNull();
    expect(people.getAttribute('aria-invalid')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Add activity' }));
    await user.type(screen.getByLabelText('People reached 2'), 'many');
    // Only the row typed in shows its error.
    expect(screen.getAllByText(PEOPLE_ERROR)).toHaveLength(1);
    expect(screen.getByLabelText('People reached 2').getAttribute('aria-invalid')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Save log' }));
    expect(await screen.findAllByText(PEOPLE_ERROR)).toHaveLength(2);
  });

  it('keeps a row’s shown error with that row when an earlier row is removed', async () => {
    const { user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Add activity' }));
    await user.click(screen.getByRole('button', { name: 'Add activity' }));
    await user.type(screen.getByLabelText('People reached 1'), 'x');
    expect(screen.getAllByText(PEOPLE_ERROR)).toHaveLength(1);
    await user.click(screen.getAllByRole('button', { name: /^Remove activity/ })[0]!);
    // The row left was never typed in.
    expect(screen.queryByText(PEOPLE_ERROR)).toBeNull();
  });
});

describe('log form: hours', () => {
  it('says negative hours cannot be negative, with a minus sign of either kind', async () => {
    const { user, onSaved } = renderForm();
    const hours = screen.getByLabelText('Hours');
    await user.type(hours, '-2');
    expect(await screen.findByText('Hours cannot be negative.')).toBeTruthy();
    expect(hours.getAttribute('aria-invalid')).toBe('true');
    await user.clear(hours);
    await user.type(hours, '−1.5');
    expect(await screen.findByText('Hours cannot be negative.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save log' }));
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('says what 0 hours means, and saves it only with a note saying why', async () => {
    const { user, onSaved } = renderForm();
    await user.type(screen.getByLabelText('Hours'), '0');
    expect(
      screen.getByText(
        'A log of 0 hours records a day off: it counts as no day worked and earns no allowance.',
      ),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save log' }));
    const notes = screen.getByLabelText('Notes');
    expect(await screen.findByText('A log of 0 hours records a day off: say why in the notes.')).toBeTruthy();
    expect(notes.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(notes);
    expect(onSaved).not.toHaveBeenCalled();

    await user.type(notes, 'Public holiday');
    await user.click(screen.getByRole('button', { name: 'Save log' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    const saved = (await device.db.logs.findOne(onSaved.mock.calls[0]?.[0] as string).exec())?.toJSON();
    expect(saved).toMatchObject({ hours: 0, activities: '', notes: 'Public holiday' });
  });
});
