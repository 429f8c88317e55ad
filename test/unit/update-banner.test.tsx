// @vitest-environment jsdom
/**
 * The update offer waits only while a form with unsaved input is open: a draft left in
 * localStorage by a form that is closed comes back after the reload and does not hold it.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it, vi } from 'vitest';
import { draftKey } from '../../src/session/session';
import { useUnsavedForm } from '../../src/session/unsaved-forms';
import { UpdateBanner } from '../../src/features/pwa/UpdateBanner';
import { ReturnForm } from '../../src/features/timesheets/DecisionForms';
import { updateReady$ } from '../../src/pwa/register-sw';

afterEach(() => {
  cleanup();
  localStorage.clear();
  updateReady$.next(null);
});

function OpenForm({ unsaved }: { unsaved: boolean }) {
  useUnsavedForm('log:new', unsaved);
  return null;
}

it('holds the update while an open form has unsaved input, and not for a closed form’s draft', async () => {
  const apply = vi.fn();
  localStorage.setItem(draftKey('user-expert1', 'log:old'), '{"id":"x","values":{}}');
  const { rerender } = render(
    <>
      <OpenForm unsaved />
      <UpdateBanner />
    </>,
  );
  act(() => updateReady$.next(apply));
  const user = userEvent.setup();

  await user.click(screen.getByRole('button', { name: 'Update' }));
  expect(apply).not.toHaveBeenCalled();
  expect(screen.getByRole('alert').textContent).toMatch(/not saved yet/);

  rerender(
    <>
      <OpenForm unsaved={false} />
      <UpdateBanner />
    </>,
  );
  await user.click(screen.getByRole('button', { name: 'Update' }));
  expect(apply).toHaveBeenCalledTimes(1);
});

it('holds the update while a supervisor has typed a comment to return a timesheet', async () => {
  const apply = vi.fn();
  render(
    <>
      <ReturnForm dates={['2026-11-02']} onReturn={async () => undefined} />
      <UpdateBanner />
    </>,
  );
  act(() => updateReady$.next(apply));
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Comment for the expert'), 'Please split the travel day.');
  await user.click(screen.getByRole('button', { name: 'Update' }));
  expect(apply).not.toHaveBeenCalled();

  await user.clear(screen.getByLabelText('Comment for the expert'));
  await user.click(screen.getByRole('button', { name: 'Update' }));
  expect(apply).toHaveBeenCalledTimes(1);
});
