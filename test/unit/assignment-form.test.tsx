// @vitest-environment jsdom
/**
 * The officer's assignment form (issue 10 §3) against a real device database: names filled in
 * from the people list, sectors following the country, the shared rules refusing before any
 * write, the people list offline, and officers only.
 */
import 'fake-indexeddb/auto';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Fieldbook } from '../../src/session/FieldbookProvider';
import { openUserDatabase, type DeviceDatabase } from '../../src/db/database';
import { saveLog } from '../../src/db/logs';
import { PEOPLE_API_PATHS, type Person } from '../../src/shared/people';
import { COUNTRY_SECTORS } from '../../src/shared/reference-data';
import type { Assignment } from '../../src/shared/schemas';
import type { PublicUser } from '../../src/shared/users';
const PEOPLE_LIST_NEEDS_CONNECTION =
  'The list of experts and host supervisors needs a connection once. Connect to the internet and it loads here; after that this form works offline too.';
import { fakeFieldbook } from '../helpers/fake-fieldbook';

const fake = vi.hoisted(() => ({ current: null as unknown as Fieldbook }));
vi.mock('../../src/session/FieldbookProvider', () => ({
  useFieldbook: () => fake.current,
  apiBaseUrl: () => 'http://server.test',
}));
const { routes } = await import('../../src/app/routes');

const officer: PublicUser = { id: 'officer-1', email: 'officer@demo.test', name: 'Olu', role: 'officer' };
const expertUser: PublicUser = { id: 'expert-1', email: 'expert1@demo.test', name: 'Amina', role: 'expert' };

function aPerson(patch: Partial<Person>): Person {
  return {
    id: 'p',
    name: 'Someone',
    email: 'someone@demo.test',
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

const PEOPLE = [
  aPerson({ id: 'expert-1', name: 'Amina Expert', role: 'expert' }),
  aPerson({ id: 'expert-2', name: 'Bashir Expert', role: 'expert' }),
  aPerson({ id: 'supervisor-1', name: 'Sam Supervisor', role: 'supervisor' }),
  aPerson({ id: 'supervisor-2', name: 'Sahra Supervisor', role: 'supervisor' }),
  aPerson({ id: 'officer-1', name: 'Olu Officer', role: 'officer' }),
];

const existing: Assignment = {
  id: 'assignment-1',
  expertId: 'expert-1',
  expertName: 'Amina Expert',
  institution: { name: 'Ministry of Energy and Water Resources', country: 'Somalia', sector: 'Water' },
  supervisorIds: ['supervisor-1'],
  supervisorNames: ['Sam Supervisor'],
  mode: 'physical',
  startDate: '2027-03-01',
  endDate: '2027-04-30',
  objectives: ['Train the borehole team'],
  status: 'planned',
};

let device: DeviceDatabase;
let counter = 0;

/** GET /api/people answers with `people`, or the network fails; every call is counted. */
function peopleServer(people: Person[] | 'unreachable') {
  const calls = vi.fn(async (url: URL) => {
    expect(String(url)).toBe(`http://server.test${PEOPLE_API_PATHS.people}`);
    if (people === 'unreachable') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify({ people, nextOffset: null }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', calls);
  return calls;
}

function setOnline(online: boolean) {
  Object.defineProperty(window.navigator, 'onLine', { value: online, configurable: true });
}

beforeEach(async () => {
  counter += 1;
  device = await openUserDatabase(`assignment-form-${counter}`, {
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
  localStorage.clear();
  setOnline(true);
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  setOnline(true);
  await device.db.remove();
});

function renderAs(user: PublicUser, path: string) {
  fake.current = fakeFieldbook(user, device, 't');
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return { router, user: userEvent.setup() };
}

const setDate = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

/** The text a control's aria-describedby points to. */
function description(control: HTMLElement): string {
  return (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

/** Fills every field of a new physical assignment of Bashir in Nigeria. */
async function fillNew(user: ReturnType<typeof userEvent.setup>, dates: { start: string; end: string }) {
  const expert = await screen.findByLabelText('Expert');
  // The list arrives from the server after the form opens.
  await within(expert).findByRole('option', { name: 'Bashir Expert' });
  await user.selectOptions(expert, 'Bashir Expert');
  await user.type(screen.getByLabelText('Host institution'), 'Federal Ministry of Health');
  await user.selectOptions(screen.getByLabelText('Country'), 'Nigeria');
  await user.selectOptions(screen.getByLabelText('Sector'), 'Health');
  await user.click(screen.getByLabelText('Sam Supervisor'));
  await user.click(screen.getByLabelText('Sahra Supervisor'));
  setDate('Start date', dates.start);
  setDate('End date', dates.end);
  await user.type(
    screen.getByLabelText('Objectives (terms of reference)'),
    'Set up the lab{enter}Train staff',
  );
}

const assignmentCount = () => device.db.assignments.count().exec();

describe('creating an assignment', () => {
  it('writes the assignment with the chosen people’s names and opens its page', async () => {
    peopleServer(PEOPLE);
    const { user, router } = renderAs(officer, '/');
    await user.click(await screen.findByRole('link', { name: 'New assignment' }));
    await screen.findByRole('heading', { level: 1, name: 'New assignment' });
    await fillNew(user, { start: '2027-01-10', end: '2027-03-31' });
    await user.click(screen.getByRole('button', { name: 'Save assignment' }));

    const [created] = await waitFor(async () => {
      const all = await device.db.assignments.find().exec();
      expect(all).toHaveLength(1);
      return all;
    });
    const id = created?.id ?? '';
    await waitFor(() => expect(router.state.location.pathname).toBe(`/assignments/${id}`));
    const saved = (await device.db.assignments.findOne(id).exec())?.toJSON();
    expect(saved).toMatchObject({
      expertId: 'expert-2',
      expertName: 'Bashir Expert',
      institution: { name: 'Federal Ministry of Health', country: 'Nigeria', sector: 'Health' },
      supervisorIds: ['supervisor-1', 'supervisor-2'],
      supervisorNames: ['Sam Supervisor', 'Sahra Supervisor'],
      mode: 'physical',
      startDate: '2027-01-10',
      endDate: '2027-03-31',
      objectives: ['Set up the lab', 'Train staff'],
      status: 'planned',
    });
    expect(saved?.createdAt).toBeUndefined();
    expect(await screen.findByRole('heading', { level: 1, name: 'Federal Ministry of Health' })).toBeTruthy();
  });

  it('offers only the sectors of the chosen country', async () => {
    peopleServer(PEOPLE);
    const { user } = renderAs(officer, '/assignments/new');
    const sector = await screen.findByLabelText('Sector');
    const sectors = () =>
      within(sector)
        .getAllByRole('option')
        .map((option) => option.textContent)
        .slice(1);
    expect(sectors()).toEqual([]);
    await user.selectOptions(screen.getByLabelText('Country'), 'Somalia');
    expect(sectors()).toEqual([...COUNTRY_SECTORS.Somalia]);
    await user.selectOptions(sector, 'Water');
    await user.selectOptions(screen.getByLabelText('Country'), 'Iraq');
    expect(sectors()).toEqual(['Migration Governance']);
    expect(sector).toHaveProperty('value', '');
  });

  it('keeps the programme’s rate unless a daily allowance is entered, in whole euros', async () => {
    peopleServer(PEOPLE);
    const { user } = renderAs(officer, '/assignments/new');
    await fillNew(user, { start: '2027-01-10', end: '2027-03-31' });
    const rate = screen.getByLabelText('Daily allowance (EUR)');
    expect(description(rate)).toContain("Leave empty for the programme's rate in Nigeria: EUR 110 a day.");
    await user.type(rate, '12.5');
    await user.click(screen.getByRole('button', { name: 'Save assignment' }));
    await waitFor(() => expect(description(rate)).toContain('Enter the daily allowance in whole euros'));
    expect(rate.getAttribute('aria-invalid')).toBe('true');
    expect(await assignmentCount()).toBe(0);

    await user.clear(rate);
    await user.type(rate, '140');
    await user.click(screen.getByRole('button', { name: 'Save assignment' }));
    const [created] = await waitFor(async () => {
      const all = await device.db.assignments.find().exec();
      expect(all).toHaveLength(1);
      return all;
    });
    expect(created?.dailyRateEur).toBe(140);
  });

  it('refuses an assignment longer than 92 days and writes nothing', async () => {
    peopleServer(PEOPLE);
    const { user, router } = renderAs(officer, '/assignments/new');
    await fillNew(user, { start: '2027-01-01', end: '2027-04-03' });
    await user.click(screen.getByRole('button', { name: 'Save assignment' }));

    const end = screen.getByLabelText('End date');
    await waitFor(() => expect(description(end)).toContain('An assignment lasts at most 92 days'));
    expect(description(end)).toContain('is 93 days');
    expect(end.getAttribute('aria-invalid')).toBe('true');
    expect(router.state.location.pathname).toBe('/assignments/new');
    expect(await assignmentCount()).toBe(0);
  });

  it('refuses an on-site assignment overlapping another of the same expert', async () => {
    await device.db.assignments.insert({ ...existing, expertId: 'expert-2', expertName: 'Bashir Expert' });
    peopleServer(PEOPLE);
    const { user, router } = renderAs(officer, '/assignments/new');
    await fillNew(user, { start: '2027-04-15', end: '2027-05-31' });
    await user.click(screen.getByRole('button', { name: 'Save assignment' }));

    const alert = await screen.findByText(/already has an on-site assignment/);
    expect(alert.textContent).toBe(
      'The expert already has an on-site assignment at Ministry of Energy and Water Resources from Mon, 1 Mar 2027 to Fri, 30 Apr 2027; on-site assignments of one expert cannot overlap.',
    );
    expect(description(screen.getByLabelText('Start date'))).toContain(alert.textContent);
    expect(router.state.location.pathname).toBe('/assignments/new');
    expect(await assignmentCount()).toBe(1);
  });
});

describe('editing an assignment', () => {
  it('refuses new dates that leave a logged day outside, naming the day', async () => {
    await device.db.assignments.insert(existing);
    await saveLog(device, {
      id: 'log-1',
      assignmentId: existing.id,
      date: '2027-03-05',
      hours: 6,
      workMode: 'on_site',
      location: 'Baidoa',
      activities: 'Pump survey',
      ktActivities: [],
      notes: '',
    });
    peopleServer(PEOPLE);
    const { user, router } = renderAs(officer, `/assignments/${existing.id}`);
    await user.click(await screen.findByRole('link', { name: 'Edit assignment' }));
    expect(await screen.findByLabelText('Start date')).toHaveProperty('value', '2027-03-01');
    setDate('Start date', '2027-03-10');
    await user.click(screen.getByRole('button', { name: 'Save assignment' }));

    const alert = await screen.findByText(/would leave logged days outside/);
    expect(alert.textContent).toContain('(Fri, 5 Mar 2027)');
    expect(router.state.location.pathname).toBe(`/assignments/${existing.id}/edit`);
    expect((await device.db.assignments.findOne(existing.id).exec())?.startDate).toBe('2027-03-01');
  });

  it('saves changed fields of an existing assignment and goes back to it', async () => {
    await device.db.assignments.insert(existing);
    peopleServer(PEOPLE);
    const { user, router } = renderAs(officer, `/assignments/${existing.id}/edit`);
    await user.selectOptions(await screen.findByLabelText('Status'), 'Active');
    await user.click(screen.getByLabelText('Sahra Supervisor'));
    await user.click(screen.getByRole('button', { name: 'Save assignment' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/assignments/${existing.id}`));
    const saved = (await device.db.assignments.findOne(existing.id).exec())?.toJSON();
    expect(saved).toMatchObject({
      status: 'active',
      supervisorIds: ['supervisor-1', 'supervisor-2'],
      supervisorNames: ['Sam Supervisor', 'Sahra Supervisor'],
      startDate: existing.startDate,
    });
    expect(localStorage.getItem(`fieldbook.draft.${officer.id}.assignment:${existing.id}`)).toBeNull();
  });
});

describe('the people list offline', () => {
  it('says the list needs a connection once when it was never fetched', async () => {
    setOnline(false);
    const calls = peopleServer('unreachable');
    renderAs(officer, '/assignments/new');
    expect(await screen.findByText(PEOPLE_LIST_NEEDS_CONNECTION)).toBeTruthy();
    const experts = within(screen.getByLabelText('Expert')).getAllByRole('option');
    expect(experts.map((option) => option.textContent)).toEqual(['Choose the expert']);
    expect(calls).not.toHaveBeenCalled();
  });

  it('keeps an existing assignment’s expert and supervisors choosable without the list', async () => {
    await device.db.assignments.insert(existing);
    setOnline(false);
    peopleServer('unreachable');
    renderAs(officer, `/assignments/${existing.id}/edit`);
    const expert = await screen.findByLabelText('Expert');
    expect(screen.getByText(PEOPLE_LIST_NEEDS_CONNECTION)).toBeTruthy();
    expect(expert).toHaveProperty('value', 'expert-1');
    expect(within(expert).getByRole('option', { name: 'Amina Expert' })).toBeTruthy();
    expect(screen.getByLabelText('Sam Supervisor')).toHaveProperty('checked', true);
  });

  it('uses the list fetched on an earlier visit', async () => {
    peopleServer(PEOPLE);
    renderAs(officer, '/assignments/new');
    await within(await screen.findByLabelText('Expert')).findByRole('option', { name: 'Bashir Expert' });
    cleanup();

    setOnline(false);
    peopleServer('unreachable');
    renderAs(officer, '/assignments/new');
    const expert = await screen.findByLabelText('Expert');
    expect(within(expert).getByRole('option', { name: 'Bashir Expert' })).toBeTruthy();
    expect(screen.queryByText(PEOPLE_LIST_NEEDS_CONNECTION)).toBeNull();
  });
});

describe('drafts', () => {
  it('brings back what was typed after the form is closed unsaved', async () => {
    peopleServer(PEOPLE);
    const { user } = renderAs(officer, '/assignments/new');
    await user.type(await screen.findByLabelText('Host institution'), 'Ministry of Agriculture');
    cleanup();

    renderAs(officer, '/assignments/new');
    expect(await screen.findByLabelText('Host institution')).toHaveProperty(
      'value',
      'Ministry of Agriculture',
    );
    expect(screen.getByText('Your unsaved changes from earlier were restored.')).toBeTruthy();
  });
});

describe('officers only', () => {
  it.each(['/assignments/new', `/assignments/${existing.id}/edit`])(
    'refuses anyone else at %s',
    async (path) => {
      await device.db.assignments.insert(existing);
      const calls = peopleServer(PEOPLE);
      renderAs(expertUser, path);
      expect((await screen.findByRole('alert')).textContent).toBe(
        'Only programme officers can change assignments.',
      );
      expect(screen.queryByRole('button', { name: 'Save assignment' })).toBeNull();
      expect(calls).not.toHaveBeenCalled();
    },
  );

  it('shows the new and edit links to officers only', async () => {
    await device.db.assignments.insert(existing);
    peopleServer(PEOPLE);
    renderAs(expertUser, `/assignments/${existing.id}`);
    await screen.findByRole('heading', { level: 1, name: existing.institution.name });
    expect(screen.queryByRole('link', { name: 'Edit assignment' })).toBeNull();
    cleanup();
    renderAs(expertUser, '/');
    await screen.findByRole('link', { name: existing.institution.name });
    expect(screen.queryByRole('link', { name: 'New assignment' })).toBeNull();
  });
});
