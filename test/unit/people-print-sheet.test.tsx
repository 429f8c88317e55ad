// @vitest-environment jsdom
/**
 * The invitation sheet on the People screen (issue 10 §1, PE-4): invited people are chosen, the
 * officer confirms that their earlier links stop working, a new invitation is made for each in turn
 * and one printable sheet shows each person's QR code and link; refusals are named, and active
 * people, whose password a new invitation would clear, cannot be chosen.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { of } from 'rxjs';
import type { Fieldbook } from '../../src/session/FieldbookProvider';
import type { DeviceDatabase } from '../../src/db/database';
import { PEOPLE_API_PATHS, type Person } from '../../src/shared/people';

const fake = vi.hoisted(() => ({ current: null as unknown as Fieldbook }));
vi.mock('../../src/session/FieldbookProvider', () => ({
  useFieldbook: () => fake.current,
  apiBaseUrl: () => 'http://server.test',
}));
const { routes } = await import('../../src/app/routes');

const BASE = 'http://server.test';

/** Enough of a device database for the frame: every collection's query is empty. */
const emptyDevice = {
  db: new Proxy({}, { get: () => ({ find: () => ({ $: of([]) }) }) }),
} as unknown as DeviceDatabase;

const officer: Fieldbook = {
  session: {
    token: 'token-officer',
    user: { id: 'user-officer', email: 'officer@demo.test', name: 'The officer', role: 'officer' },
    expiresAt: '2099-01-01T00:00:00.000Z',
  },
  device: emptyDevice,
  syncState: null,
  signIn: vi.fn(),
  adoptSession: vi.fn(),
  signOut: vi.fn(),
  syncNow: vi.fn(),
};

function aPerson(patch: Partial<Person> = {}): Person {
  return {
    id: 'p-1',
    name: 'Amina Expert',
    email: 'expert1@demo.test',
    role: 'expert',
    institutionId: null,
    phone: null,
    language: 'en',
    status: 'invited',
    createdAt: '2026-01-01T00:00:00.000Z',
    deactivatedAt: null,
    ...patch,
  };
}

const amina = aPerson();
const hodan = aPerson({ id: 'p-2', name: 'Hodan Ali', email: 'hodan@example.org', role: 'supervisor' });
const farah = aPerson({ id: 'p-3', name: 'Farah Active', email: 'farah@example.org', status: 'active' });
const omar = aPerson({ id: 'p-4', name: 'Omar Gone', email: 'omar@example.org', status: 'deactivated' });

type Answer = { status: number; body: unknown };

/** The server, as answers by "METHOD url" (a promise holds the answer back); every request is kept. */
function server(answers: Record<string, Answer | Promise<Answer>>) {
  const sent: { method: string; url: string }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: URL, init: RequestInit) => {
      const method = init.method ?? 'GET';
      sent.push({ method, url: String(url) });
      const answer = await answers[`${method} ${String(url)}`];
      if (answer === undefined) throw new Error(`no answer for ${method} ${String(url)}`);
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return {
    sent,
    posted: () => sent.filter((request) => request.method === 'POST').map((request) => request.url),
  };
}

const LIST = `GET ${BASE}${PEOPLE_API_PATHS.people}`;
const list = (...people: Person[]): Answer => ({ status: 200, body: { people, nextOffset: null } });
const inviteUrl = (person: Person) => `${BASE}${PEOPLE_API_PATHS.invitation(person.id)}`;
const linkOf = (person: Person) => `${BASE}/welcome/code-for-${person.id}-abcdefghijklmnopqrstuvwxyz`;
const invitationOf = (person: Person): Answer => ({
  status: 201,
  body: {
    person,
    invitation: { code: `code-for-${person.id}`, url: linkOf(person), expiresAt: '2026-12-15T10:00:00.000Z' },
  },
});

async function openPeople() {
  const router = createMemoryRouter(routes, { initialEntries: ['/people'] });
  render(<RouterProvider router={router} />);
  await screen.findByRole('heading', { level: 1, name: 'People' });
  return userEvent.setup();
}

const cardOf = async (name: string) =>
  (await screen.findByRole('heading', { level: 3, name })).closest('li') as HTMLElement;

const sheetBoxOf = async (name: string) =>
  within(await cardOf(name)).getByRole('checkbox', { name: 'On the invitation sheet' });

const sheet = () => screen.getByRole('region', { name: 'Fieldbook invitations' });

/** Whose blocks the sheet has, in order. */
const printedNames = () =>
  within(sheet())
    .queryAllByRole('heading', { level: 2 })
    .map((heading) => heading.textContent);

const blockOf = (name: string) =>
  within(sheet()).getByRole('heading', { level: 2, name }).closest('li') as HTMLElement;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('invitation sheet', () => {
  it('makes a new invitation for each chosen person in turn, then shows one printable block each', async () => {
    fake.current = officer;
    const answers = { amina: (_: Answer) => {}, hodan: (_: Answer) => {} };
    const { posted } = server({
      [LIST]: list(amina, hodan),
      [`POST ${inviteUrl(amina)}`]: new Promise<Answer>((resolve) => (answers.amina = resolve)),
      [`POST ${inviteUrl(hodan)}`]: new Promise<Answer>((resolve) => (answers.hodan = resolve)),
    });
    const print = vi.fn();
    vi.stubGlobal('print', print);
    const user = await openPeople();
    await user.click(await sheetBoxOf('Amina Expert'));
    await user.click(await sheetBoxOf('Hodan Ali'));
    expect(screen.getByText('2 people chosen').getAttribute('role')).toBe('status');
    await user.click(screen.getByRole('button', { name: 'Print invitation sheet' }));

    const dialog = screen.getByRole('dialog', { name: 'Make new invitations for 2 people?' });
    expect(dialog.textContent).toContain('Amina Expert, Hodan Ali');
    expect(dialog.textContent).toContain('previous invitation links stop working');
    await user.click(within(dialog).getByRole('button', { name: 'Make new invitations' }));
    // One at a time: the second is asked for once the first has been answered.
    expect((await within(dialog).findByText('Preparing 1 of 2…')).getAttribute('role')).toBe('status');
    await vi.waitFor(() => expect(posted()).toEqual([inviteUrl(amina)]));
    answers.amina(invitationOf(amina));
    await within(dialog).findByText('Preparing 2 of 2…');
    await vi.waitFor(() => expect(posted()).toEqual([inviteUrl(amina), inviteUrl(hodan)]));
    answers.hodan(invitationOf(hodan));

    await screen.findByRole('heading', { level: 1, name: 'Fieldbook invitations' });
    expect(posted()).toEqual([inviteUrl(amina), inviteUrl(hodan)]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('heading', { level: 1, name: 'People' })).toBeNull();
    expect(printedNames()).toEqual(['Amina Expert', 'Hodan Ali']);
    for (const [person, role] of [
      [amina, 'Expert'],
      [hodan, 'Host supervisor'],
    ] as const) {
      const block = blockOf(person.name);
      expect(block.textContent).toContain(role);
      expect(block.textContent).toContain(person.email);
      expect(block.textContent).toContain(linkOf(person));
      expect(block.textContent).toContain('2026');
      const qr = within(block).getByRole('img', {
        name: `QR code of the invitation link for ${person.name}`,
      });
      expect(qr.tagName.toLowerCase()).toBe('svg');
      expect((qr.querySelector('path')?.getAttribute('d') ?? '').split('M').length).toBeGreaterThan(300);
    }
    expect(screen.queryByRole('alert')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.queryByRole('region', { name: 'Fieldbook invitations' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Print invitation sheet' }));
    expect((await sheetBoxOf('Amina Expert')) as HTMLInputElement).toHaveProperty('checked', false);
  });

  it('offers only invited people: active and deactivated ones have no box and are not in “all”', async () => {
    fake.current = officer;
    const { posted } = server({
      [LIST]: list(farah, hodan, omar),
      [`POST ${inviteUrl(hodan)}`]: invitationOf(hodan),
    });
    const user = await openPeople();
    expect(within(await cardOf('Farah Active')).queryByRole('checkbox')).toBeNull();
    expect(within(await cardOf('Omar Gone')).queryByRole('checkbox')).toBeNull();
    await user.click(await screen.findByRole('checkbox', { name: 'All invited people shown (1)' }));
    expect(((await sheetBoxOf('Hodan Ali')) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Print invitation sheet' }));
    await user.click(screen.getByRole('button', { name: 'Make new invitations' }));
    await screen.findByRole('heading', { level: 1, name: 'Fieldbook invitations' });
    expect(posted()).toEqual([inviteUrl(hodan)]);
    expect(printedNames()).toEqual(['Hodan Ali']);
  });

  it('names whoever could not be invited with the server’s reason, and still shows the rest', async () => {
    fake.current = officer;
    const reason = 'Amina Expert is deactivated: reactivate them before sending an invitation.';
    const { posted } = server({
      [LIST]: list(amina, hodan),
      [`POST ${inviteUrl(amina)}`]: { status: 409, body: { error: { code: 'conflict', message: reason } } },
      [`POST ${inviteUrl(hodan)}`]: invitationOf(hodan),
    });
    const user = await openPeople();
    await user.click(await screen.findByRole('checkbox', { name: 'All invited people shown (2)' }));
    await user.click(screen.getByRole('button', { name: 'Print invitation sheet' }));
    await user.click(screen.getByRole('button', { name: 'Make new invitations' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('No new invitation could be made for 1 person');
    expect(within(alert).getByRole('listitem').textContent).toBe(
      `Amina Expert (expert1@demo.test): ${reason}`,
    );
    expect(posted()).toEqual([inviteUrl(amina), inviteUrl(hodan)]);
    expect(printedNames()).toEqual(['Hodan Ali']);
    expect(blockOf('Hodan Ali').textContent).toContain(linkOf(hodan));
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
  });

  it('cancelled, issues no invitation and keeps the choice', async () => {
    fake.current = officer;
    const { posted } = server({ [LIST]: list(amina, hodan) });
    const user = await openPeople();
    await user.click(await sheetBoxOf('Hodan Ali'));
    await user.click(screen.getByRole('button', { name: 'Print invitation sheet' }));
    const dialog = screen.getByRole('dialog', { name: 'Make new invitations for 1 person?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(posted()).toEqual([]);
    expect(screen.queryByRole('region', { name: 'Fieldbook invitations' })).toBeNull();
    expect(((await sheetBoxOf('Hodan Ali')) as HTMLInputElement).checked).toBe(true);
  });

  it('with nobody ticked, asks for a choice instead of a confirmation', async () => {
    fake.current = officer;
    const { posted } = server({ [LIST]: list(amina) });
    const user = await openPeople();
    await cardOf('Amina Expert');
    await user.click(screen.getByRole('button', { name: 'Print invitation sheet' }));
    expect(screen.getByRole('alert').textContent).toBe('Tick at least one invited person first.');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(posted()).toEqual([]);
  });
});
