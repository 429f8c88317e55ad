// @vitest-environment jsdom
/**
 * The language on the account (issue 13, src/session/language.ts): a choice made on the sign-in
 * screen goes to the account at sign-in; an account's choice comes to a new phone; a choice made
 * offline is saved at the next start with a network.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activeLanguage, setLanguage } from '../../src/i18n/i18n';
import { chooseLanguage, reconcileLanguage } from '../../src/session/language';
import type { PublicUser } from '../../src/shared/users';

const user: PublicUser = { id: 'u1', email: 'a@demo.test', name: 'Amina', role: 'expert', language: null };
const account = (language: PublicUser['language']) => ({
  baseUrl: 'http://server.test',
  token: 't',
  user: { ...user, language },
});

/** The server's answers to PATCH /api/auth/me, and what was sent; `online` false fails the fetch. */
function fakeServer(online = true) {
  const sent: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: URL, init: RequestInit) => {
      if (!online) throw new TypeError('Failed to fetch');
      const body = JSON.parse(init.body as string) as { language: string };
      sent.push(body);
      return new Response(JSON.stringify({ user: { ...user, language: body.language } }), {
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return sent;
}

beforeEach(async () => {
  localStorage.clear();
  await setLanguage('en');
  localStorage.clear();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the language on the account', () => {
  it('sends a choice made before sign-in to the account at sign-in, over the account’s', async () => {
    fakeServer();
    await chooseLanguage('so', null);
    const sent = fakeServer();
    const saved = await reconcileLanguage(account('ar'));
    expect(sent).toEqual([{ language: 'so' }]);
    expect(saved?.language).toBe('so');
    expect(activeLanguage()).toBe('so');
  });

  it('brings the account’s language to a phone where none was chosen', async () => {
    const sent = fakeServer();
    expect(await reconcileLanguage(account('prs'))).toBeNull();
    expect(activeLanguage()).toBe('prs');
    expect(sent).toEqual([]);
  });

  it('gives an account without a language the phone’s', async () => {
    await setLanguage('ps');
    localStorage.removeItem('fieldbook.language.unsaved');
    const sent = fakeServer();
    expect((await reconcileLanguage(account(null)))?.language).toBe('ps');
    expect(sent).toEqual([{ language: 'ps' }]);
  });

  it('keeps a choice made offline and saves it at the next start with a network', async () => {
    fakeServer(false);
    expect(await chooseLanguage('ar', account('en'))).toBeNull();
    expect(activeLanguage()).toBe('ar');
    // Next start, online: the account still says English, but the phone's choice is newer.
    const sent = fakeServer();
    expect((await reconcileLanguage(account('en')))?.language).toBe('ar');
    expect(sent).toEqual([{ language: 'ar' }]);
    expect(activeLanguage()).toBe('ar');
    // Saved: from now on the account decides.
    fakeServer();
    await reconcileLanguage(account('en'));
    expect(activeLanguage()).toBe('en');
  });
});
