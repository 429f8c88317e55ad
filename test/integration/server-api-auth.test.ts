/**
 * Signing in and out of the sync server over a real socket (docs/sync-protocol.md SP-11): tokens,
 * the same answer for an unknown email and a wrong password, throttled failures, revocation and
 * expiry. On SQLite, and on PostgreSQL in the integration-postgres project.
 */
import { describe, expect, it } from 'vitest';
import { API_PATHS, type ApiErrorBody, type LoginResponse } from '../../src/shared/sync/protocol';
import { LOGIN_FAILURE_WINDOW_MS } from '../../sync-server/src/routes/auth';
import { useApiServer } from '../helpers/api-client';
import { login } from '../helpers/test-server';

const loginBody = (email: string, password = 'fieldbook-demo') => ({ body: { email, password } });

describe('auth', () => {
  const f = useApiServer();

  it('SP-11: signing in returns a token, the public user and an expiry 30 days ahead', async () => {
    const { status, json } = await f.call('POST', API_PATHS.login, loginBody('Expert1@Demo.test '));
    expect(status).toBe(200);
    const login = json as LoginResponse;
    expect(login.user).toEqual({
      id: 'user-expert1',
      email: 'expert1@demo.test',
      name: 'Amina Yusuf',
      role: 'expert',
      language: null,
    });
    expect(login.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(login.expiresAt) - f.clock.now().getTime()).toBe(30 * 86_400_000);
    expect(login.user).not.toHaveProperty('passwordHash');
    const me = await f.call('GET', API_PATHS.me, { as: login.token });
    expect(me.json).toEqual({ user: login.user });
  });

  it('keeps a person’s own language on their account: the next sign-in and /me carry it', async () => {
    const saved = await f.call('PATCH', API_PATHS.me, { as: 'supervisor2', body: { language: 'prs' } });
    expect(saved.status).toBe(200);
    expect((saved.json as { user: { language: string } }).user.language).toBe('prs');
    const again = await f.call('POST', API_PATHS.login, loginBody('supervisor2@demo.test'));
    expect((again.json as LoginResponse).user.language).toBe('prs');
    const me = await f.call('GET', API_PATHS.me, { as: 'supervisor2' });
    expect((me.json as { user: { language: string } }).user.language).toBe('prs');
    // Only a language Fieldbook speaks, with a message that lists them; nothing else changes.
    for (const body of [{ language: 'fr' }, { language: 7 }, {}, { role: 'officer' }]) {
      const refused = await f.call('PATCH', API_PATHS.me, { as: 'supervisor2', body });
      expect(refused.status).toBe(400);
      expect((refused.json as ApiErrorBody).error.message).toBe(
        'Send {"language": one of en, ar, prs, ps, so}.',
      );
    }
    const unsigned = await f.call('PATCH', API_PATHS.me, { body: { language: 'ar' } });
    expect(unsigned.status).toBe(401);
    const still = await f.call('GET', API_PATHS.me, { as: 'supervisor2' });
    expect(still.json).toMatchObject({ user: { role: 'supervisor', language: 'prs' } });
  });

  it('SP-11: unknown email and wrong password get the same 401 message', async () => {
    f.clock.advance(LOGIN_FAILURE_WINDOW_MS);
    const unknown = await f.call('POST', API_PATHS.login, loginBody('nobody@demo.test'));
    const wrong = await f.call('POST', API_PATHS.login, loginBody('expert1@demo.test', 'guess'));
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect((unknown.json as ApiErrorBody).error).toEqual((wrong.json as ApiErrorBody).error);
    expect((wrong.json as ApiErrorBody).error.code).toBe('unauthorized');
  });

  it('SP-11: five failed sign-ins lock the email and the IP with 429 and Retry-After, until the window passes', async () => {
    f.clock.advance(LOGIN_FAILURE_WINDOW_MS);
    for (let i = 0; i < 5; i++) {
      expect((await f.call('POST', API_PATHS.login, loginBody('expert2@demo.test', 'nope'))).status).toBe(
        401,
      );
    }
    // Even the right password is refused while locked: the attacker must not learn it is right.
    const locked = await f.call('POST', API_PATHS.login, loginBody('expert2@demo.test'));
    expect(locked.status).toBe(429);
    expect((locked.json as ApiErrorBody).error.code).toBe('too_many_requests');
    expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
    // The same IP trying another account is locked too.
    expect((await f.call('POST', API_PATHS.login, loginBody('officer@demo.test'))).status).toBe(429);

    f.clock.advance(10 * 60_000);
    const later = await f.call('POST', API_PATHS.login, loginBody('expert2@demo.test'));
    expect(Number(later.headers.get('retry-after'))).toBe(5 * 60);
    f.clock.advance(5 * 60_000);
    expect((await f.call('POST', API_PATHS.login, loginBody('expert2@demo.test'))).status).toBe(200);
  });

  it('SP-11: parallel wrong passwords are throttled like sequential ones: five are checked, the rest get 429', async () => {
    f.clock.advance(LOGIN_FAILURE_WINDOW_MS);
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        f.call('POST', API_PATHS.login, loginBody('supervisor2@demo.test', `guess-${i}`)),
      ),
    );
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    const locked = guesses.find((g) => g.status === 429)!;
    expect((locked.json as ApiErrorBody).error.code).toBe('too_many_requests');
    expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
    expect((await f.call('POST', API_PATHS.login, loginBody('supervisor2@demo.test'))).status).toBe(429);
    f.clock.advance(LOGIN_FAILURE_WINDOW_MS);
  });

  it('SP-11: the right password among parallel wrong ones still signs in while under the limit', async () => {
    f.clock.advance(LOGIN_FAILURE_WINDOW_MS);
    const attempts = await Promise.all([
      ...Array.from({ length: 4 }, (_, i) =>
        f.call('POST', API_PATHS.login, loginBody('supervisor1@demo.test', `guess-${i}`)),
      ),
      f.call('POST', API_PATHS.login, loginBody('supervisor1@demo.test')),
    ]);
    expect(attempts.map((a) => a.status).sort()).toEqual([200, 401, 401, 401, 401]);
    expect((attempts.at(-1)!.json as LoginResponse).user.email).toBe('supervisor1@demo.test');
    f.clock.advance(LOGIN_FAILURE_WINDOW_MS);
  });

  it('SP-11: logout revokes the presented token and only that one', async () => {
    const token = await login(f.server.url, 'expert1@demo.test');
    const other = await login(f.server.url, 'expert1@demo.test');
    expect((await f.call('POST', API_PATHS.logout, { as: token })).status).toBe(200);
    const after = await f.call('GET', API_PATHS.me, { as: token });
    expect(after.status).toBe(401);
    expect((after.json as ApiErrorBody).error.code).toBe('unauthorized');
    expect((await f.call('GET', `${API_PATHS.pull('logs')}`, { as: token })).status).toBe(401);
    expect((await f.call('GET', API_PATHS.me, { as: other })).status).toBe(200);
  });

  it('SP-11: a token stops working when it expires', async () => {
    const token = await login(f.server.url, 'supervisor1@demo.test');
    f.clock.advance(30 * 86_400_000 - 60_000);
    expect((await f.call('GET', API_PATHS.me, { as: token })).status).toBe(200);
    f.clock.advance(60_000);
    expect((await f.call('GET', API_PATHS.me, { as: token })).status).toBe(401);
  });

  it('SP-11: requests without a token, or with a made-up one, get 401', async () => {
    const none = await f.call('GET', API_PATHS.pull('logs'));
    expect(none.status).toBe(401);
    expect((none.json as ApiErrorBody).error.code).toBe('unauthorized');
    const forged = await f.call('GET', API_PATHS.pull('logs'), { as: 'A'.repeat(43) });
    expect(forged.status).toBe(401);
  });
});
