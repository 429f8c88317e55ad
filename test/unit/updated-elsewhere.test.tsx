// @vitest-environment jsdom
/**
 * A new version applied in another tab: this tab reloads at once, or — while a form has unsaved
 * input — as soon as that input is saved or discarded, never under the user's fingers.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { useUnsavedForm } from '../../src/session/unsaved-forms';
import { newerDatabaseVersion$ } from '../../src/db/newer-version';
import { UpdateBanner } from '../../src/features/pwa/UpdateBanner';
import { updatedElsewhere$ } from '../../src/pwa/register-sw';

const reload = vi.fn();
const realLocation = window.location;
beforeEach(() => {
  reload.mockReset();
  Object.defineProperty(window, 'location', { configurable: true, value: { ...realLocation, reload } });
});
afterEach(() => {
  cleanup();
  updatedElsewhere$.next(false);
  newerDatabaseVersion$.next(false);
  sessionStorage.clear();
  Object.defineProperty(window, 'location', { configurable: true, value: realLocation });
});

function OpenForm({ unsaved }: { unsaved: boolean }) {
  useUnsavedForm('log:new', unsaved);
  return null;
}

it('reloads at once when no form holds unsaved input', () => {
  render(<UpdateBanner />);
  expect(reload).not.toHaveBeenCalled();
  act(() => updatedElsewhere$.next(true));
  expect(reload).toHaveBeenCalledTimes(1);
});

it('holds the reload while a form has unsaved input, and reloads once it is saved', () => {
  const { rerender } = render(
    <>
      <OpenForm unsaved />
      <UpdateBanner />
    </>,
  );
  act(() => updatedElsewhere$.next(true));
  expect(reload).not.toHaveBeenCalled();
  expect(screen.getByRole('heading', { name: 'Fieldbook was updated in another tab' })).toBeTruthy();
  expect(screen.getByText(/reloads onto the new version as soon as your entry is saved/)).toBeTruthy();

  rerender(
    <>
      <OpenForm unsaved={false} />
      <UpdateBanner />
    </>,
  );
  expect(reload).toHaveBeenCalledTimes(1);
});

it('says why a save was refused once the database is newer than this tab, and still waits for the input', () => {
  render(
    <>
      <OpenForm unsaved />
      <UpdateBanner />
    </>,
  );
  act(() => newerDatabaseVersion$.next(true));
  expect(reload).not.toHaveBeenCalled();
  expect(screen.getByRole('alert').textContent).toMatch(/can no longer save/);
  act(() => screen.getByRole('button', { name: 'Reload now' }).click());
  expect(reload).toHaveBeenCalledTimes(1);
});

it('reloads for a newer database once, not over and over when the server hands out older code', () => {
  render(<UpdateBanner />);
  act(() => newerDatabaseVersion$.next(true));
  expect(reload).toHaveBeenCalledTimes(1);

  // The reloaded tab runs the same older code and meets the newer database again.
  cleanup();
  newerDatabaseVersion$.next(false);
  render(<UpdateBanner />);
  act(() => newerDatabaseVersion$.next(true));
  expect(reload).toHaveBeenCalledTimes(1);
  expect(screen.getByRole('alert').textContent).toMatch(/can no longer save/);
});
