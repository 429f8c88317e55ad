// @vitest-environment jsdom
/**
 * Where a sign-in lands (issue 11, defect 5): after a sign-out the next person starts at the
 * home screen, not on the page the previous person left; a link opened while signed out still
 * leads to its page once signed in.
 */
import { useContext, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { Fieldbook } from '../../src/session/FieldbookProvider';
import type { Session } from '../../src/session/session';
import type { PublicUser } from '../../src/shared/users';
import { fakeFieldbook } from '../helpers/fake-fieldbook';

// A context, not a plain object: the screens must re-render when the session changes.
const fake = await vi.hoisted(async () => {
  const { createContext } = await import('react');
  return { context: createContext<Fieldbook | null>(null) };
});
vi.mock('../../src/session/FieldbookProvider', () => ({
  useFieldbook: () => useContext(fake.context),
  apiBaseUrl: () => 'http://server.test',
}));
const { routes } = await import('../../src/app/routes');

const amina: PublicUser = { id: 'expert-1', email: 'amina@demo.test', name: 'Amina', role: 'expert' };
const bashir: PublicUser = { id: 'expert-2', email: 'bashir@demo.test', name: 'Bashir', role: 'expert' };
const sessionOf = (user: PublicUser): Session => ({
  token: `token-${user.id}`,
  user,
  expiresAt: '2099-01-01T00:00:00.000Z',
});

let current: Fieldbook | null = null;

/** A Fieldbook whose session really changes: signing in takes Bashir's, signing out drops it. */
function renderApp(path: string, signedIn: PublicUser | null) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  function Harness() {
    const [session, setSession] = useState<Session | null>(signedIn && sessionOf(signedIn));
    current = {
      ...fakeFieldbook(null, null),
      session,
      signIn: vi.fn(async () => setSession(sessionOf(bashir))),
      signOut: vi.fn(async () => setSession(null)),
    };
    return (
      <fake.context.Provider value={current}>
        <RouterProvider router={router} />
      </fake.context.Provider>
    );
  }
  render(<Harness />);
  return { router, user: userEvent.setup() };
}

async function signIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('Email'), 'bashir@demo.test');
  await user.type(screen.getByLabelText('Password'), 'fieldbook-demo');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

afterEach(cleanup);

describe('where a sign-in lands', () => {
  it('starts the next person at home after a sign-out, not on the page the last one left', async () => {
    const { router, user } = renderApp('/assignments/a-1/timesheets/2025-06', amina);
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await user.click(screen.getByRole('button', { name: 'Yes, sign out' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    await signIn(user);
    await waitFor(() => expect(current?.session?.user.id).toBe(bashir.id));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });

  it('takes a link opened while signed out to its page after signing in', async () => {
    const { router, user } = renderApp('/assignments/a-1/timesheets/2025-06', null);
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    await signIn(user);
    await waitFor(() => expect(router.state.location.pathname).toBe('/assignments/a-1/timesheets/2025-06'));
  });
});
