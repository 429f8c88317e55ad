// @vitest-environment jsdom
/** The welcome screen an invitation link opens (PE-2, PE-3): choose a password, get signed in. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { Fieldbook } from '../../src/session/FieldbookProvider';
import { INVITATION_REFUSALS, PEOPLE_API_PATHS } from '../../src/shared/people';
import { englishOf } from '../helpers/english';

const fake = vi.hoisted(() => ({ current: null as unknown as Fieldbook }));
vi.mock('../../src/session/FieldbookProvider', () => ({
  useFieldbook: () => fake.current,
  apiBaseUrl: () => 'http://server.test',
}));
const { routes } = await import('../../src/app/routes');

const STRONG = 'borehole-maintenance-2026';
const session = {
  token: 'new-token',
  user: { id: 'user-new', email: 'new@demo.test', name: 'New Expert', role: 'expert' as const },
  expiresAt: '2099-01-01T00:00:00.000Z',
};

function signedOut(): Fieldbook {
  return {
    session: null,
    device: null,
    syncState: null,
    signIn: vi.fn(),
    adoptSession: vi.fn(),
    signOut: vi.fn(),
    syncNow: vi.fn(),
  };
}

/** The server's answer to the accept request, and what was sent to it. */
function serverAnswers(status: number, body: unknown) {
  const sent: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: URL, init: RequestInit) => {
      sent.push({ url: String(url), body: JSON.parse(String(init.body)) });
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return sent;
}

async function openWelcome(code = 'invite-code-1') {
  const router = createMemoryRouter(routes, { initialEntries: [`/welcome/${code}`] });
  render(<RouterProvider router={router} />);
  await screen.findByRole('heading', { name: 'Welcome to Fieldbook' });
  return { router, user: userEvent.setup() };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('welcome screen (PE-2, PE-3)', () => {
  it('sets the password, starts the session and goes home', async () => {
    fake.current = signedOut();
    // As the provider does: the adopted session is the one the screens see from then on.
    vi.mocked(fake.current.adoptSession).mockImplementation((adopted) => {
      fake.current = { ...fake.current, session: adopted };
    });
    const adoptSession = fake.current.adoptSession;
    const sent = serverAnswers(200, session);
    const { router, user } = await openWelcome();
    await user.type(screen.getByLabelText('New password'), STRONG);
    await user.type(screen.getByLabelText('Repeat the password'), STRONG);
    await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    await vi.waitFor(() => expect(adoptSession).toHaveBeenCalledWith(session));
    expect(sent).toEqual([
      {
        url: `http://server.test${PEOPLE_API_PATHS.acceptInvitation}`,
        body: { code: 'invite-code-1', password: STRONG },
      },
    ]);
    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });

  it('says why a short, common or mistyped password is refused, before asking the server', async () => {
    fake.current = signedOut();
    const sent = serverAnswers(200, session);
    const { user } = await openWelcome();
    const password = screen.getByLabelText('New password');
    const submit = screen.getByRole('button', { name: 'Set password and sign in' });
    await user.type(password, 'short');
    await user.click(submit);
    expect(screen.getByRole('alert').textContent).toBe('The password must have at least 10 characters.');
    expect(password.getAttribute('aria-invalid')).toBe('true');

    await user.clear(password);
    await user.type(password, 'password123');
    await user.click(submit);
    expect(screen.getByRole('alert').textContent).toContain('one of the most common ones');

    await user.clear(password);
    await user.type(password, STRONG);
    await user.type(screen.getByLabelText('Repeat the password'), `${STRONG}!`);
    await user.click(submit);
    expect(screen.getByRole('alert').textContent).toBe('The two passwords are not the same.');
    expect(sent).toEqual([]);
    expect(fake.current.adoptSession).not.toHaveBeenCalled();
  });

  it('a used invitation shows the server’s words and whom to ask, with no form to retry', async () => {
    fake.current = signedOut();
    serverAnswers(410, {
      error: { code: 'gone', message: englishOf(INVITATION_REFUSALS.used), reason: INVITATION_REFUSALS.used },
    });
    const { user } = await openWelcome();
    await user.type(screen.getByLabelText('New password'), STRONG);
    await user.type(screen.getByLabelText('Repeat the password'), STRONG);
    await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(englishOf(INVITATION_REFUSALS.used));
    expect(screen.queryByLabelText('New password')).toBeNull();
    expect(fake.current.adoptSession).not.toHaveBeenCalled();
  });

  it('a link with an unknown code says so, with no form to retry', async () => {
    fake.current = signedOut();
    serverAnswers(404, {
      error: {
        code: 'not_found',
        message: englishOf(INVITATION_REFUSALS.unknown),
        reason: INVITATION_REFUSALS.unknown,
      },
    });
    const { user } = await openWelcome('no-such-code');
    await user.type(screen.getByLabelText('New password'), STRONG);
    await user.type(screen.getByLabelText('Repeat the password'), STRONG);
    await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(englishOf(INVITATION_REFUSALS.unknown));
    expect(screen.queryByLabelText('New password')).toBeNull();
  });

  it('on a phone already signed in, asks to sign out first instead of replacing the session', async () => {
    fake.current = {
      ...signedOut(),
      session: { ...session, user: { ...session.user, email: 'other@demo.test' } },
    };
    await openWelcome();
    expect(screen.getByRole('alert').textContent).toContain('signed in as other@demo.test');
    expect(screen.queryByLabelText('New password')).toBeNull();
  });
});
