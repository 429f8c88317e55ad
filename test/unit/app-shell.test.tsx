// @vitest-environment jsdom
/** The signed-in frame: sync status bar, sign-in-again banner, Settings link, sign-out confirmation, sign-in screen. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { draftKey } from '../../src/session/session';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { Fieldbook } from '../../src/session/FieldbookProvider';
import type { SyncState } from '../../src/sync/replication';
import { ApiError } from '../../src/sync/api-client';
import { SETTINGS_PATH } from '../../src/shared/paths';
import { setLanguage } from '../../src/i18n/i18n';
import { SIGN_IN_REASONS } from '../../src/shared/users';

const fake = vi.hoisted(() => ({ current: null as unknown as Fieldbook }));
vi.mock('../../src/session/FieldbookProvider', () => ({ useFieldbook: () => fake.current }));

// Imported after the mock so the screens see the fake.
const { routes } = await import('../../src/app/routes');
const { SyncStatusBar } = await import('../../src/features/device-status/SyncStatusBar');

function syncState(patch: Partial<SyncState> = {}): SyncState {
  return {
    connection: 'online',
    pendingCount: 0,
    oldestPendingAt: null,
    lastSyncAt: '2025-03-04T10:15:00.000Z',
    lastSyncedBefore: null,
    lastError: null,
    lastErrorCode: null,
    authRequired: false,
    download: null,
    ...patch,
  };
}

function fieldbook(patch: Partial<Fieldbook> = {}): Fieldbook {
  return {
    session: {
      token: 't',
      user: { id: 'user-expert1', email: 'expert1@demo.test', name: 'Amina Expert', role: 'expert' },
      expiresAt: '2099-01-01T00:00:00.000Z',
    },
    // Null: the screens show their loading state, so the frame is tested on its own.
    device: null,
    syncState: syncState(),
    signIn: vi.fn(async () => undefined),
    adoptSession: vi.fn(),
    signOut: vi.fn(async () => undefined),
    syncNow: vi.fn(),
    ...patch,
  };
}

function renderApp(path = '/') {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return { router, user: userEvent.setup() };
}

afterEach(cleanup);

describe('sync status bar', () => {
  it('counts unsynced changes and syncs on request', async () => {
    const onSyncNow = vi.fn();
    const { rerender } = render(
      <SyncStatusBar
        syncState={syncState({ pendingCount: 2, connection: 'offline' })}
        onSyncNow={onSyncNow}
      />,
    );
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('2 unsynced changes');
    expect(status.textContent).toContain('No network');
    expect(status.textContent).toContain('Last synced');
    await userEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(onSyncNow).toHaveBeenCalledTimes(1);

    rerender(<SyncStatusBar syncState={syncState({ pendingCount: 1 })} onSyncNow={onSyncNow} />);
    expect(screen.getByRole('status').textContent).toContain('1 unsynced change');
    rerender(
      <SyncStatusBar
        syncState={syncState({ lastError: 'Something went wrong on the server.', lastErrorCode: 'internal' })}
        onSyncNow={onSyncNow}
      />,
    );
    expect(screen.getByRole('status').textContent).toContain('All changes synced');
    // The kind of failure in the reader's words; the server's own words for support.
    const failed = screen.getByText(/The server could not take the changes; sync will try again/);
    expect(failed.getAttribute('title')).toBe('Something went wrong on the server.');
    // Nothing pending, but no word from the server yet (e.g. reopened offline).
    rerender(<SyncStatusBar syncState={syncState({ lastSyncAt: null })} onSyncNow={onSyncNow} />);
    expect(screen.getByRole('status').textContent).toContain('No unsynced changes');
  });

  it('tells no network, an unreachable server and online apart, and keeps an earlier session’s last sync', () => {
    const { rerender } = render(
      <SyncStatusBar
        syncState={syncState({
          connection: 'offline',
          lastSyncAt: null,
          lastSyncedBefore: '2025-03-01T08:00:00.000Z',
        })}
        onSyncNow={vi.fn()}
      />,
    );
    const status = () => screen.getByRole('status').textContent;
    expect(status()).toContain('No network');
    expect(status()).toContain('No unsynced changes');
    expect(status()).toMatch(/Last synced .*2025/);
    rerender(
      <SyncStatusBar
        syncState={syncState({ connection: 'unreachable', lastSyncAt: null, lastError: 'fetch failed' })}
        onSyncNow={vi.fn()}
      />,
    );
    expect(status()).toContain('Server unreachable');
    expect(screen.getByRole('region', { name: 'Sync status' }).textContent).not.toContain('fetch failed');
    rerender(<SyncStatusBar syncState={syncState({ connection: 'online' })} onSyncNow={vi.fn()} />);
    expect(status()).toContain('Online');
    expect(status()).toContain('All changes synced');
  });

  it('shows how far a long first download has got, and nothing once it is done', () => {
    const { rerender } = render(
      <SyncStatusBar
        syncState={syncState({ lastSyncAt: null, download: { received: 4200, total: 20000 } })}
        onSyncNow={vi.fn()}
      />,
    );
    expect(screen.getByRole('status').textContent).toContain('Downloading 4,200 of 20,000');
    const progress = screen.getByRole('progressbar', { name: 'Downloading 4,200 of 20,000' });
    expect(progress.getAttribute('value')).toBe('4200');
    rerender(<SyncStatusBar syncState={syncState()} onSyncNow={vi.fn()} />);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('status').textContent).not.toContain('Downloading');
  });
});

describe('signed-in frame', () => {
  it('asks for the password again when the session ended, keeping the same account', async () => {
    fake.current = fieldbook({ syncState: syncState({ authRequired: true, pendingCount: 2 }) });
    const { user } = renderApp();
    const banner = screen.getByRole('region', {
      name: 'Your session has ended — sign in again to sync. Your changes are kept on this device.',
    });
    expect(within(banner).getByText('expert1@demo.test')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('2 unsynced changes');
    await user.type(within(banner).getByLabelText('Password'), 'secret');
    await user.click(within(banner).getByRole('button', { name: 'Sign in' }));
    expect(fake.current.signIn).toHaveBeenCalledWith('expert1@demo.test', 'secret');
  });

  it('shows the server error when signing in again fails', async () => {
    fake.current = fieldbook({
      syncState: syncState({ authRequired: true }),
      signIn: vi.fn(async () => {
        throw new ApiError(401, 'unauthorized', 'Wrong email or password.');
      }),
    });
    const { user } = renderApp();
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password.');
  });

  it('says the server’s refusal of a sign-in in the reader’s language (issue 13)', async () => {
    await setLanguage('ar');
    try {
      fake.current = fieldbook({
        syncState: syncState({ authRequired: true }),
        signIn: vi.fn(async () => {
          throw new ApiError(401, 'unauthorized', 'Email or password is incorrect.', SIGN_IN_REASONS.failed);
        }),
      });
      const { user } = renderApp();
      await user.type(screen.getByLabelText('كلمة المرور'), 'wrong');
      await user.click(screen.getByRole('button', { name: 'تسجيل الدخول' }));
      const alert = (await screen.findByRole('alert')).textContent ?? '';
      expect(alert).not.toMatch(/[A-Za-z]/);
      expect(alert).not.toBe('');
    } finally {
      await setLanguage('en');
    }
  });

  it('warns how many changes signing out deletes and needs explicit confirmation', async () => {
    fake.current = fieldbook({ syncState: syncState({ pendingCount: 3 }) });
    const { user } = renderApp();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    const dialog = screen.getByRole('dialog', { name: '3 changes are not on the server' });
    expect(dialog.textContent).toContain('Signing out deletes them from this device.');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.current.signOut).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await user.click(screen.getByRole('button', { name: 'Sign out and delete 3 changes' }));
    expect(fake.current.signOut).toHaveBeenCalledTimes(1);
  });

  it('counts a form with unsaved input among what signing out deletes', async () => {
    fake.current = fieldbook();
    localStorage.setItem(draftKey('user-expert1', 'log:new:asg-1'), '{"id":"x","values":{}}');
    try {
      const { user } = renderApp();
      await user.click(screen.getByRole('button', { name: 'Sign out' }));
      const dialog = screen.getByRole('dialog', { name: '1 change is not on the server' });
      expect(dialog.textContent).toContain('1 form has typed input that is not saved yet.');
      await user.click(within(dialog).getByRole('button', { name: 'Sign out and delete 1 change' }));
      expect(fake.current.signOut).toHaveBeenCalledTimes(1);
    } finally {
      localStorage.clear();
    }
  });

  it('asks a simple confirmation when everything is synced', async () => {
    fake.current = fieldbook();
    const { user } = renderApp();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(screen.getByRole('dialog', { name: 'Sign out of Fieldbook?' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Yes, sign out' }));
    expect(fake.current.signOut).toHaveBeenCalledTimes(1);
  });

  it.each(['expert', 'supervisor', 'officer'] as const)(
    'gives a signed-in %s a link to Settings in the header',
    async (role) => {
      const base = fieldbook().session!;
      fake.current = fieldbook({ session: { ...base, user: { ...base.user, role } } });
      const { router, user } = renderApp();
      await user.click(within(screen.getByRole('banner')).getByRole('link', { name: 'Settings' }));
      expect(router.state.location.pathname).toBe(SETTINGS_PATH);
    },
  );

  it('shows a loading state while the device database opens', () => {
    fake.current = fieldbook();
    renderApp('/assignments/a-1');
    expect(screen.getByText('Opening your fieldbook…')).toBeTruthy();
  });
});

describe('sign in', () => {
  it('sends visitors without a session to the sign-in screen', async () => {
    fake.current = fieldbook({ session: null, syncState: null });
    const { router } = renderApp('/assignments/a-1');
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('says when the server cannot be reached', async () => {
    fake.current = fieldbook({
      session: null,
      syncState: null,
      signIn: vi.fn(async () => {
        throw new ApiError(0, 'network', 'The server cannot be reached.');
      }),
    });
    const { user } = renderApp('/login');
    await user.type(screen.getByLabelText('Email'), 'expert1@demo.test');
    await user.type(screen.getByLabelText('Password'), 'fieldbook-demo');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Cannot reach the server. Check your connection.'),
    );
    expect(fake.current.signIn).toHaveBeenCalledWith('expert1@demo.test', 'fieldbook-demo');
  });
});
