// @vitest-environment jsdom
/**
 * The programme officer's People screen (docs/sync-protocol.md PE-1, PE-2, PE-4…PE-6): the list,
 * adding a person with an invitation link and QR code, refusals at their field, confirmed actions,
 * officers only, and a plain word when offline.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { of } from 'rxjs';
import type { Fieldbook } from '../../src/session/FieldbookProvider';
import type { DeviceDatabase } from '../../src/db/database';
import { PEOPLE_API_PATHS, type AuditEntry, type Person } from '../../src/shared/people';
import type { Institution } from '../../src/shared/schemas';
import type { Role } from '../../src/shared/users';

const fake = vi.hoisted(() => ({ current: null as unknown as Fieldbook }));
vi.mock('../../src/session/FieldbookProvider', () => ({
  useFieldbook: () => fake.current,
  apiBaseUrl: () => 'http://server.test',
}));
const { routes } = await import('../../src/app/routes');

const BASE = 'http://server.test';

/** Enough of a device database for the frame: every collection's query is empty but institutions'. */
function deviceWith(institutions: readonly Institution[]): DeviceDatabase {
  const docs = institutions.map((institution) => ({ toJSON: () => institution }));
  return {
    db: new Proxy(
      {},
      { get: (_, name) => ({ find: () => ({ $: of(name === 'institutions' ? docs : []) }) }) },
    ),
  } as unknown as DeviceDatabase;
}

const WATER_MINISTRY: Institution = {
  id: 'inst-mogadishu',
  name: 'Ministry of Energy and Water Resources',
  country: 'Somalia',
  sector: 'Water',
};
const emptyDevice = deviceWith([WATER_MINISTRY]);

function signedInAs(role: Role): Fieldbook {
  return {
    session: {
      token: `token-${role}`,
      user: { id: `user-${role}`, email: `${role}@demo.test`, name: `The ${role}`, role },
      expiresAt: '2099-01-01T00:00:00.000Z',
    },
    device: emptyDevice,
    syncState: null,
    signIn: vi.fn(),
    adoptSession: vi.fn(),
    signOut: vi.fn(),
    syncNow: vi.fn(),
  };
}

function aPerson(patch: Partial<Person> = {}): Person {
  return {
    id: 'p-1',
    name: 'Amina Expert',
    email: 'expert1@demo.test',
    role: 'expert',
    institutionId: null,
    phone: null,
    language: 'en',
    status: 'active',
    createdAt: '2026-01-01T00:00:00.000Z',
    deactivatedAt: null,
    ...patch,
  };
}

interface Sent {
  method: string;
  url: string;
  authorization: string | null;
  body: unknown;
}
type Answer = { status: number; body: unknown } | 'unreachable';

/** JSON bodies as objects; a CSV file as its text with its content type. */
function parsedBody(body: string, headers: Headers): unknown {
  const type = headers.get('content-type');
  return type === 'text/csv' ? { csv: body, type } : JSON.parse(body);
}

/** The server, as a list of answers by "METHOD url"; every request is recorded. */
function server(answers: Record<string, Answer | Answer[]>) {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: URL, init: RequestInit) => {
      const method = init.method ?? 'GET';
      const headers = new Headers(init.headers);
      sent.push({
        method,
        url: String(url),
        authorization: headers.get('authorization'),
        body: init.body === undefined ? undefined : parsedBody(String(init.body), headers),
      });
      const key = `${method} ${String(url)}`;
      const listed = answers[key];
      const answer = Array.isArray(listed) ? listed.shift() : listed;
      if (answer === undefined) throw new Error(`no answer for ${key}`);
      if (answer === 'unreachable') throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return sent;
}

const LIST = `GET ${BASE}${PEOPLE_API_PATHS.people}`;
const ADD = `POST ${BASE}${PEOPLE_API_PATHS.people}`;
const onePage = (people: Person[], nextOffset: number | null = null) => ({
  status: 200,
  body: { people, nextOffset },
});

async function openPeople() {
  const router = createMemoryRouter(routes, { initialEntries: ['/people'] });
  render(<RouterProvider router={router} />);
  await screen.findByRole('heading', { level: 1, name: 'People' });
  return { router, user: userEvent.setup() };
}

const cardOf = async (name: string) =>
  (await screen.findByRole('heading', { level: 3, name })).closest('li') as HTMLElement;

/** The text a control's aria-describedby points to. */
function description(control: HTMLElement): string {
  return (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

/** After userEvent.setup(), which puts its own clipboard in place. */
function setClipboard(clipboard: Partial<Clipboard> | undefined) {
  Object.defineProperty(window.navigator, 'clipboard', { value: clipboard, configurable: true });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('people list (PE-6)', () => {
  it('shows each person’s role and status, and the next page on request', async () => {
    fake.current = signedInAs('officer');
    const sent = server({
      [LIST]: onePage(
        [aPerson(), aPerson({ id: 'p-2', name: 'Hodan Ali', email: 'hodan@example.org', status: 'invited' })],
        2,
      ),
      [`${LIST}?offset=2`]: onePage([
        aPerson({ id: 'p-3', name: 'Old Officer', role: 'officer', status: 'deactivated' }),
      ]),
    });
    const { user } = await openPeople();
    expect(screen.getByRole('link', { name: 'People' }).getAttribute('href')).toBe('/people');
    expect((await cardOf('Amina Expert')).textContent).toContain('Active');
    expect((await cardOf('Amina Expert')).textContent).toContain('Expert · English');
    expect((await cardOf('Hodan Ali')).textContent).toContain('Invited');
    expect(screen.queryByRole('heading', { name: 'Old Officer' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Show more' }));
    const old = await cardOf('Old Officer');
    expect(old.textContent).toContain('Deactivated');
    expect(old.textContent).toContain('Programme officer');
    expect(within(old).getByRole('button', { name: 'Reactivate' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    expect(sent.map((request) => request.authorization)).toEqual([
      'Bearer token-officer',
      'Bearer token-officer',
    ]);
  });
});

describe('the people list names host institutions (PE-11)', () => {
  it('shows a supervisor’s institution by its name, and the id of one not on the device, marked', async () => {
    fake.current = signedInAs('officer');
    server({
      [LIST]: onePage([
        aPerson({ id: 'p-5', name: 'Ahmed Nur', role: 'supervisor', institutionId: 'inst-mogadishu' }),
        aPerson({ id: 'p-6', name: 'Gone Place', role: 'supervisor', institutionId: 'inst-elsewhere' }),
      ]),
    });
    await openPeople();
    const known = await cardOf('Ahmed Nur');
    expect(known.textContent).toContain('Ministry of Energy and Water Resources');
    expect(known.textContent).not.toContain('inst-mogadishu');
    expect((await cardOf('Gone Place')).textContent).toContain('inst-elsewhere (not on this device)');
  });
});

describe('adding a person (PE-1, PE-2)', () => {
  it('posts the checked person, then shows the link, its expiry and a QR code of it', async () => {
    fake.current = signedInAs('officer');
    const url = `${BASE}/welcome/abcdefghijklmnopqrstuvwxyz012345`;
    const added = aPerson({
      id: 'p-new',
      name: 'Hodan Ali',
      email: 'hodan@example.org',
      role: 'supervisor',
      institutionId: 'inst-mogadishu',
      status: 'invited',
    });
    const sent = server({
      [LIST]: onePage([aPerson()]),
      [ADD]: {
        status: 201,
        body: {
          person: added,
          invitation: {
            code: 'abcdefghijklmnopqrstuvwxyz012345',
            url,
            expiresAt: '2026-12-15T10:00:00.000Z',
          },
        },
      },
    });
    const { user } = await openPeople();
    const writeText = vi.fn(async () => undefined);
    setClipboard({ writeText });
    await cardOf('Amina Expert');
    await user.click(screen.getByRole('button', { name: 'Add a person' }));
    await user.type(screen.getByLabelText('Name'), '  Hodan Ali ');
    await user.type(screen.getByLabelText('Email'), 'Hodan@Example.org');
    expect(screen.queryByLabelText('Host institution')).toBeNull();
    await user.selectOptions(screen.getByLabelText('Role'), 'Host supervisor');
    // PE-11: picked from the device's institutions, by name.
    await user.selectOptions(
      screen.getByLabelText('Host institution'),
      'Ministry of Energy and Water Resources (Somalia)',
    );
    await user.type(screen.getByLabelText('Phone (optional)'), '+252 61 234 5678');
    await user.selectOptions(screen.getByLabelText('Preferred language'), 'Soomaali');
    await user.click(screen.getByRole('button', { name: 'Add and invite' }));

    const link = (await screen.findByLabelText('Invitation link')) as HTMLInputElement;
    expect(sent.filter((request) => request.method === 'POST')).toEqual([
      {
        method: 'POST',
        url: `${BASE}${PEOPLE_API_PATHS.people}`,
        authorization: 'Bearer token-officer',
        body: {
          name: 'Hodan Ali',
          email: 'hodan@example.org',
          role: 'supervisor',
          language: 'so',
          phone: '+252 61 234 5678',
          institutionId: 'inst-mogadishu',
        },
      },
    ]);
    expect(link.value).toBe(url);
    expect(link.readOnly).toBe(true);
    const panel = screen.getByRole('region', { name: 'Invitation for Hodan Ali' });
    expect(panel.textContent).toContain('2026');
    expect(panel.textContent).toContain('Dec');
    const qr = within(panel).getByRole('img', { name: 'QR code of the invitation link for Hodan Ali' });
    expect(qr.tagName.toLowerCase()).toBe('svg');
    // A version-4 code or more: dozens of dark modules, one path segment each.
    expect((qr.querySelector('path')?.getAttribute('d') ?? '').split('M').length).toBeGreaterThan(300);

    await user.click(within(panel).getByRole('button', { name: 'Copy link' }));
    expect(writeText).toHaveBeenCalledWith(url);
    expect(within(panel).getByRole('status').textContent).toBe('Link copied.');
    // The new person joins the list (the last page was loaded), still to accept.
    expect((await cardOf('Hodan Ali')).textContent).toContain('Invited');
  });

  it('PE-11: refuses a supervisor without a host institution at the field, before sending', async () => {
    fake.current = signedInAs('officer');
    const sent = server({ [LIST]: onePage([]) });
    const { user } = await openPeople();
    await user.click(await screen.findByRole('button', { name: 'Add a person' }));
    await user.type(screen.getByLabelText('Name'), 'Hodan Ali');
    await user.type(screen.getByLabelText('Email'), 'hodan@example.org');
    await user.selectOptions(screen.getByLabelText('Role'), 'Host supervisor');
    await user.click(screen.getByRole('button', { name: 'Add and invite' }));
    const picker = screen.getByLabelText('Host institution');
    expect(document.activeElement).toBe(picker);
    expect(picker.getAttribute('aria-invalid')).toBe('true');
    expect(description(picker)).toContain('Choose the host institution this supervisor works for.');
    expect(sent.filter((request) => request.method === 'POST')).toEqual([]);
  });

  it('PE-11: with no host institution on the device, asks for one first instead of a raw id', async () => {
    fake.current = { ...signedInAs('officer'), device: deviceWith([]) };
    server({ [LIST]: onePage([]) });
    const { user } = await openPeople();
    await user.click(await screen.findByRole('button', { name: 'Add a person' }));
    await user.selectOptions(screen.getByLabelText('Role'), 'Host supervisor');
    expect(screen.queryByRole('textbox', { name: /institution/i })).toBeNull();
    expect(screen.getByRole('link', { name: 'Add the supervisor’s institution' }).getAttribute('href')).toBe(
      '/institutions/new',
    );
  });

  it('PE-11: the server’s refusal of an institution is shown at the picker', async () => {
    fake.current = signedInAs('officer');
    const message =
      'institutionId: there is no host institution inst-mogadishu; add it on the Institutions screen first, or choose one that exists.';
    server({
      [LIST]: onePage([]),
      [ADD]: { status: 400, body: { error: { code: 'bad_request', message, field: 'institutionId' } } },
    });
    const { user } = await openPeople();
    await user.click(await screen.findByRole('button', { name: 'Add a person' }));
    await user.type(screen.getByLabelText('Name'), 'Hodan Ali');
    await user.type(screen.getByLabelText('Email'), 'hodan@example.org');
    await user.selectOptions(screen.getByLabelText('Role'), 'Host supervisor');
    await user.selectOptions(screen.getByLabelText('Host institution'), 'inst-mogadishu');
    await user.click(screen.getByRole('button', { name: 'Add and invite' }));
    const picker = screen.getByLabelText('Host institution');
    await vi.waitFor(() => expect(picker.getAttribute('aria-invalid')).toBe('true'));
    expect(description(picker)).toContain('There is no host institution inst-mogadishu');
    // What was typed stays.
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Hodan Ali');
  });

  it('without a clipboard, selects the link for copying by hand', async () => {
    fake.current = signedInAs('officer');
    const url = `${BASE}/welcome/zyxwvutsrqponmlkjihgfedcba543210`;
    server({
      [LIST]: onePage([]),
      [ADD]: {
        status: 201,
        body: {
          person: aPerson({ status: 'invited' }),
          invitation: { code: 'c', url, expiresAt: '2026-12-15T10:00:00.000Z' },
        },
      },
    });
    const { user } = await openPeople();
    setClipboard(undefined);
    await user.click(await screen.findByRole('button', { name: 'Add a person' }));
    await user.type(screen.getByLabelText('Name'), 'Amina Expert');
    await user.type(screen.getByLabelText('Email'), 'expert1@demo.test');
    await user.click(screen.getByRole('button', { name: 'Add and invite' }));
    const link = (await screen.findByLabelText('Invitation link')) as HTMLInputElement;
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(document.activeElement).toBe(link);
    expect([link.selectionStart, link.selectionEnd]).toEqual([0, url.length]);
    expect(
      within(screen.getByRole('region', { name: /Invitation for/ })).getByRole('status').textContent,
    ).toContain('The link is selected');
  });

  it('shows a taken email (409) at the email field', async () => {
    fake.current = signedInAs('officer');
    server({
      [LIST]: onePage([aPerson()]),
      [ADD]: {
        status: 409,
        body: {
          error: {
            code: 'conflict',
            message: 'email: expert1@demo.test already has an account.',
            field: 'email',
          },
        },
      },
    });
    const { user } = await openPeople();
    await user.click(await screen.findByRole('button', { name: 'Add a person' }));
    await user.type(screen.getByLabelText('Name'), 'Amina Again');
    await user.type(screen.getByLabelText('Email'), 'EXPERT1@demo.test');
    await user.click(screen.getByRole('button', { name: 'Add and invite' }));
    const email = screen.getByLabelText('Email');
    await vi.waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(description(email)).toBe('expert1@demo.test already has an account.');
    await vi.waitFor(() => expect(document.activeElement).toBe(email));
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByLabelText('Invitation link')).toBeNull();
  });

  it('refuses a mistyped email with the shared check, before any request', async () => {
    fake.current = signedInAs('officer');
    const sent = server({ [LIST]: onePage([]) });
    const { user } = await openPeople();
    await user.click(await screen.findByRole('button', { name: 'Add a person' }));
    await user.type(screen.getByLabelText('Name'), 'Hodan Ali');
    await user.type(screen.getByLabelText('Email'), 'hodan.example.org');
    await user.click(screen.getByRole('button', { name: 'Add and invite' }));
    const email = screen.getByLabelText('Email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(description(email)).toBe('Enter an email address such as name@example.org.');
    expect(sent.map((request) => request.method)).toEqual(['GET']);
  });
});

describe('actions on a person (PE-4, PE-5)', () => {
  it('a new invitation is confirmed first, then shows the new link', async () => {
    fake.current = signedInAs('officer');
    const url = `${BASE}/welcome/newcode`;
    const sent = server({
      [LIST]: onePage([aPerson()]),
      [`POST ${BASE}${PEOPLE_API_PATHS.invitation('p-1')}`]: {
        status: 201,
        body: {
          person: aPerson({ status: 'invited' }),
          invitation: { code: 'newcode', url, expiresAt: '2026-12-15T10:00:00.000Z' },
        },
      },
    });
    const { user } = await openPeople();
    await user.click(within(await cardOf('Amina Expert')).getByRole('button', { name: 'New invitation' }));
    const dialog = screen.getByRole('dialog', { name: 'Send Amina Expert a new invitation?' });
    expect(dialog.textContent).toContain('signed out on every device');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(sent.filter((request) => request.method === 'POST')).toEqual([]);

    await user.click(within(await cardOf('Amina Expert')).getByRole('button', { name: 'New invitation' }));
    await user.click(screen.getByRole('button', { name: 'Make new invitation' }));
    expect(((await screen.findByLabelText('Invitation link')) as HTMLInputElement).value).toBe(url);
    expect((await cardOf('Amina Expert')).textContent).toContain('Invited');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('deactivation is confirmed, and the last officer’s refusal (409) is shown on the card', async () => {
    fake.current = signedInAs('officer');
    const reason = 'This is the last active programme officer: someone must be able to manage the programme.';
    const sent = server({
      [LIST]: onePage([aPerson(), aPerson({ id: 'p-9', name: 'Only Officer', role: 'officer' })]),
      [`POST ${BASE}${PEOPLE_API_PATHS.deactivate('p-1')}`]: {
        status: 200,
        body: { person: aPerson({ status: 'deactivated' }) },
      },
      [`POST ${BASE}${PEOPLE_API_PATHS.deactivate('p-9')}`]: {
        status: 409,
        body: { error: { code: 'conflict', message: reason } },
      },
    });
    const { user } = await openPeople();
    await user.click(within(await cardOf('Amina Expert')).getByRole('button', { name: 'Deactivate' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Deactivate Amina Expert?' })).getByRole('button', {
        name: 'Deactivate',
      }),
    );
    await vi.waitFor(async () => expect((await cardOf('Amina Expert')).textContent).toContain('Deactivated'));
    expect(within(await cardOf('Amina Expert')).getByRole('button', { name: 'Reactivate' })).toBeTruthy();

    const officer = await cardOf('Only Officer');
    await user.click(within(officer).getByRole('button', { name: 'Deactivate' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Deactivate Only Officer?' })).getByRole('button', {
        name: 'Deactivate',
      }),
    );
    expect((await within(officer).findByRole('alert')).textContent).toBe(reason);
    expect(officer.textContent).toContain('Active');
    expect(sent.filter((request) => request.method === 'POST').map((request) => request.url)).toEqual([
      `${BASE}${PEOPLE_API_PATHS.deactivate('p-1')}`,
      `${BASE}${PEOPLE_API_PATHS.deactivate('p-9')}`,
    ]);
  });
});

describe('who and when', () => {
  it.each(['expert', 'supervisor'] as const)(
    'signed in as %s: no People link, and the screen says they may not manage people',
    async (role) => {
      fake.current = signedInAs(role);
      const sent = server({});
      await openPeople();
      expect(screen.getByRole('alert').textContent).toBe('Only programme officers can manage people.');
      expect(screen.queryByRole('link', { name: 'People' })).toBeNull();
      expect(screen.queryByRole('button', { name: 'Add a person' })).toBeNull();
      expect(sent).toEqual([]);
    },
  );

  it('offline, says that managing people needs a connection, and loads once back online', async () => {
    fake.current = signedInAs('officer');
    server({ [LIST]: ['unreachable', onePage([aPerson()])] });
    await openPeople();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Managing people needs a connection');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
    window.dispatchEvent(new Event('online'));
    expect((await cardOf('Amina Expert')).textContent).toContain('Active');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('import from CSV (PE-9)', () => {
  const IMPORT = `POST ${BASE}${PEOPLE_API_PATHS.import}`;
  const csv = 'name,email,role\nHodan Ali,hodan@example.org,expert\nX,bad,expert\n';
  const hodan = aPerson({ id: 'p-9', name: 'Hodan Ali', email: 'hodan@example.org', status: 'invited' });
  const invitation = {
    code: 'code-9',
    url: 'https://fieldbook.example.org/welcome/code-9',
    expiresAt: '2026-12-15T10:00:00.000Z',
  };

  it('sends the file as it is, lists every row’s outcome, and prints the invitations of those created', async () => {
    fake.current = signedInAs('officer');
    const sent = server({
      [LIST]: onePage([aPerson()]),
      [IMPORT]: {
        status: 200,
        body: {
          created: 1,
          refused: 1,
          results: [
            { line: 2, email: 'hodan@example.org', ok: true, person: hodan, invitation },
            { line: 3, email: 'bad', ok: false, field: 'email', message: 'enter an email address.' },
          ],
        },
      },
    });
    const { user } = await openPeople();
    await user.click(screen.getByText('Import people from a CSV file'));
    await user.upload(screen.getByLabelText('CSV file'), new File([csv], 'people.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Import' }));

    expect(await screen.findByText('1 created, 1 refused.')).toBeTruthy();
    expect(sent.at(-1)).toMatchObject({ method: 'POST', body: { csv, type: 'text/csv' } });
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      'LineEmailResult',
      '2hodan@example.orgCreated, invitation ready',
      '3badRefused (email): enter an email address.',
    ]);
    // The new person joins the list (its last page is loaded).
    expect(await cardOf('Hodan Ali')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Print the invitations of the 1 people created' }));
    expect(await screen.findByText(invitation.url)).toBeTruthy();
  });

  it('says so when no file is chosen, and shows the server’s refusal of the file', async () => {
    fake.current = signedInAs('officer');
    server({
      [LIST]: onePage([aPerson()]),
      [IMPORT]: {
        status: 400,
        body: { error: { code: 'bad_request', message: 'The header row lacks email.' } },
      },
    });
    const { user } = await openPeople();
    await user.click(screen.getByText('Import people from a CSV file'));
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose a CSV file first.');
    await user.upload(
      screen.getByLabelText('CSV file'),
      new File(['name,role\n'], 'p.csv', { type: 'text/csv' }),
    );
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('The header row lacks email.')).toBeTruthy();
  });
});

describe('history of changes (PE-6, AS-6)', () => {
  const AUDIT = `GET ${BASE}${PEOPLE_API_PATHS.audit}`;
  const entry = (id: number, patch: Partial<AuditEntry>): AuditEntry => ({
    id,
    at: '2026-12-01T10:00:00.000Z',
    actorId: 'p-1',
    action: 'person.created',
    subjectType: 'person',
    subjectId: 'p-2',
    changes: {},
    ...patch,
  });

  it('shows who changed what, field by field, and older pages on request', async () => {
    fake.current = signedInAs('officer');
    server({
      [LIST]: onePage([aPerson(), aPerson({ id: 'p-2', name: 'Hodan Ali', email: 'hodan@example.org' })]),
      [AUDIT]: {
        status: 200,
        body: {
          entries: [
            entry(9, {
              action: 'assignment.changed',
              subjectType: 'assignment',
              subjectId: 'asg-1',
              changes: { supervisorIds: { from: ['s1'], to: ['s1', 's2'] } },
            }),
          ],
          nextBefore: 9,
        },
      },
      [`${AUDIT}?before=9`]: {
        status: 200,
        body: {
          entries: [entry(3, { changes: { name: { from: null, to: 'Hodan Ali' } } })],
          nextBefore: null,
        },
      },
    });
    const { user } = await openPeople();
    await user.click(screen.getByText('History of changes to people and assignments'));
    const changed = (await screen.findByRole('link', { name: 'asg-1' })).closest('li')!;
    expect(changed.textContent).toContain('Amina Expert changed assignment asg-1');
    expect(changed.textContent).toContain('supervisorIds' + 's1 → s1; s2');
    await user.click(screen.getByRole('button', { name: 'Show older changes' }));
    expect((await screen.findByText(/added Hodan Ali/)).textContent).toBe('Amina Expert added Hodan Ali');
    expect(screen.queryByRole('button', { name: 'Show older changes' })).toBeNull();
  });
});

describe('search and filters (issue 10 §4)', () => {
  it('narrows the loaded people by text, role and status, and says how many are shown', async () => {
    fake.current = signedInAs('officer');
    server({
      [LIST]: onePage([
        aPerson(),
        aPerson({ id: 'p-2', name: 'Hodan Ali', email: 'hodan@example.org', status: 'invited' }),
        aPerson({ id: 'p-3', name: 'Sam Host', email: 'sam@example.org', role: 'supervisor' }),
      ]),
    });
    const { user } = await openPeople();
    await cardOf('Sam Host');
    await user.selectOptions(screen.getByLabelText('Show role'), 'supervisor');
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Sam Host']);
    expect(screen.getByText('1 of 3 people')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Show role'), '');
    await user.selectOptions(screen.getByLabelText('Show status'), 'invited');
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Hodan Ali']);
    await user.selectOptions(screen.getByLabelText('Show status'), '');
    await user.type(screen.getByLabelText('Search name or email'), 'EXPERT1@');
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Amina Expert']);
  });
});

describe('invitation email (PE-10)', () => {
  it('says whether the server also emailed the invitation, and why not', async () => {
    fake.current = signedInAs('officer');
    const added = aPerson({ id: 'p-new', name: 'Hodan Ali', email: 'hodan@example.org', status: 'invited' });
    const invitation = { code: 'c', url: `${BASE}/welcome/c`, expiresAt: '2026-12-15T10:00:00.000Z' };
    server({
      [LIST]: onePage([aPerson()]),
      [ADD]: [
        { status: 201, body: { person: added, invitation, email: { sent: true } } },
        {
          status: 201,
          body: { person: added, invitation, email: { sent: false, reason: 'the mail server refused it' } },
        },
      ],
    });
    const { user } = await openPeople();
    for (const expected of [
      'It was also emailed to hodan@example.org.',
      'It could not be emailed (the mail server refused it); share the link or the code yourself.',
    ]) {
      await user.click(await screen.findByRole('button', { name: 'Add a person' }));
      await user.type(screen.getByLabelText('Name'), 'Hodan Ali');
      await user.type(screen.getByLabelText('Email'), 'hodan@example.org');
      await user.click(screen.getByRole('button', { name: 'Add and invite' }));
      const panel = await screen.findByRole('region', { name: 'Invitation for Hodan Ali' });
      expect(within(panel).getByText(expected)).toBeTruthy();
      await user.click(within(panel).getByRole('button', { name: 'Done' }));
    }
  });
});
