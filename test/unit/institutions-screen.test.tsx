// @vitest-environment jsdom
/**
 * The officer's Institutions screen and form (IN-*), and the assignment form's choice of one
 * (AS-8), against a real device database (Dexie over fake-indexeddb).
 */
import 'fake-indexeddb/auto';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Fieldbook } from '../../src/session/FieldbookProvider';
import { openUserDatabase, type DeviceDatabase } from '../../src/db/database';
import { PEOPLE_API_PATHS, type Person } from '../../src/shared/people';
import type { Institution } from '../../src/shared/schemas';
import type { PublicUser } from '../../src/shared/users';
import { hasUnsavedForm } from '../../src/session/unsaved-forms';
import { fakeFieldbook } from '../helpers/fake-fieldbook';

const fake = vi.hoisted(() => ({ current: null as unknown as Fieldbook }));
vi.mock('../../src/session/FieldbookProvider', () => ({
  useFieldbook: () => fake.current,
  apiBaseUrl: () => 'http://server.test',
}));
const { routes } = await import('../../src/app/routes');

const officer: PublicUser = { id: 'officer-1', email: 'officer@demo.test', name: 'Olu', role: 'officer' };
const supervisorUser: PublicUser = { id: 'sup-1', email: 's@demo.test', name: 'Sam', role: 'supervisor' };

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

const HEALTH: Institution = {
  id: 'inst-health',
  name: 'Ministry of Public Health',
  country: 'Afghanistan',
  sector: 'Health',
  city: 'Kabul',
};
const WATER: Institution = {
  id: 'inst-water',
  name: 'Ministry of Energy and Water Resources',
  country: 'Somalia',
  sector: 'Water',
  city: 'Mogadishu',
};
const ICT: Institution = { id: 'inst-ict', name: 'NITDA', country: 'Nigeria', sector: 'ICT' };

const PEOPLE = [
  aPerson({ id: 'expert-2', name: 'Bashir Expert', role: 'expert' }),
  aPerson({ id: 'sup-water', name: 'Wahid Water', role: 'supervisor', institutionId: 'inst-water' }),
  aPerson({ id: 'sup-health', name: 'Hamida Health', role: 'supervisor', institutionId: 'inst-health' }),
];

let device: DeviceDatabase;
let counter = 0;

beforeEach(async () => {
  counter += 1;
  device = await openUserDatabase(`institutions-screen-${counter}`, {
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
  localStorage.clear();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: URL) => {
      expect(String(url)).toBe(`http://server.test${PEOPLE_API_PATHS.people}`);
      return new Response(JSON.stringify({ people: PEOPLE, nextOffset: null }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await device.db.remove();
});

function renderAs(user: PublicUser, path: string) {
  fake.current = fakeFieldbook(user, device, 't');
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return { router, user: userEvent.setup() };
}

const names = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getByRole('rowheader').textContent);

describe('the Institutions screen', () => {
  it('lists the device’s institutions, searched, filtered by country and sector, sorted by name or country', async () => {
    await device.db.institutions.bulkInsert([WATER, HEALTH, ICT]);
    const { user } = renderAs(officer, '/institutions');
    await screen.findByRole('link', { name: 'NITDA' });
    expect(names()).toEqual(['Ministry of Energy and Water Resources', 'Ministry of Public Health', 'NITDA']);
    await user.selectOptions(screen.getByLabelText('Sort by'), 'country');
    expect(names()).toEqual(['Ministry of Public Health', 'NITDA', 'Ministry of Energy and Water Resources']);
    await user.selectOptions(screen.getByLabelText('Show country'), 'Somalia');
    expect(names()).toEqual(['Ministry of Energy and Water Resources']);
    expect(screen.getByText('1 of 3 institutions')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Show country'), '');
    await user.selectOptions(screen.getByLabelText('Show sector'), 'ICT');
    expect(names()).toEqual(['NITDA']);
    await user.selectOptions(screen.getByLabelText('Show sector'), '');
    await user.type(screen.getByLabelText('Search name, city or focal point'), 'kabul');
    expect(names()).toEqual(['Ministry of Public Health']);
  });

  it('creates an institution on the device, with errors beside the fields first', async () => {
    const { user, router } = renderAs(officer, '/institutions/new');
    await user.click(await screen.findByRole('button', { name: 'Save institution' }));
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Enter the institution’s name.')).toBeTruthy();
    expect(screen.getByText('Choose the country.')).toBeTruthy();
    expect(await device.db.institutions.count().exec()).toBe(0);

    await user.type(screen.getByLabelText('Name'), 'Lagos University Teaching Hospital');
    await user.selectOptions(screen.getByLabelText('Country'), 'Nigeria');
    await user.selectOptions(screen.getByLabelText('Sector'), 'Health');
    await user.type(screen.getByLabelText('City (optional)'), 'Lagos');
    await user.type(screen.getByLabelText('Focal point’s email'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Save institution' }));
    expect(screen.getByText('Enter an email address like name@example.org.')).toBeTruthy();
    await user.clear(screen.getByLabelText('Focal point’s email'));
    await user.type(screen.getByLabelText('Focal point’s email'), 'focal@luth.ng');
    await user.click(screen.getByRole('button', { name: 'Save institution' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/institutions'));
    const [saved] = (await device.db.institutions.find().exec()).map((doc) => doc.toJSON());
    expect(saved).toMatchObject({
      name: 'Lagos University Teaching Hospital',
      country: 'Nigeria',
      sector: 'Health',
      city: 'Lagos',
      focalPoint: { email: 'focal@luth.ng' },
    });
  });

  it('edits an institution, and an emptied city goes', async () => {
    await device.db.institutions.insert(HEALTH);
    const { user, router } = renderAs(officer, '/institutions/inst-health');
    await user.clear(await screen.findByLabelText('City (optional)'));
    await user.click(screen.getByRole('button', { name: 'Save institution' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/institutions'));
    const saved = (await device.db.institutions.findOne('inst-health').exec())?.toJSON();
    expect(saved?.city).toBeUndefined();
    expect(saved?.name).toBe('Ministry of Public Health');
  });

  it('tells anyone but an officer that only officers manage institutions', async () => {
    renderAs(supervisorUser, '/institutions');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Only programme officers can change host institutions.',
    );
  });
});

describe('the assignment form picks an institution (AS-8)', () => {
  it('fills name, country and sector from the picked institution and saves its id', async () => {
    await device.db.institutions.bulkInsert([HEALTH, WATER]);
    const { user } = renderAs(officer, '/assignments/new');
    const expert = await screen.findByLabelText('Expert');
    await within(expert).findByRole('option', { name: 'Bashir Expert' });
    await user.selectOptions(expert, 'Bashir Expert');
    const choice = await screen.findByLabelText('Host institution from the list');
    await within(choice).findByRole('option', { name: /Ministry of Public Health/ });
    await user.selectOptions(choice, 'inst-health');
    expect(screen.getByLabelText('Host institution')).toHaveProperty('value', 'Ministry of Public Health');
    expect(screen.getByLabelText('Country')).toHaveProperty('value', 'Afghanistan');
    expect(screen.getByLabelText('Sector')).toHaveProperty('value', 'Health');

    // A supervisor of another institution is refused beside the supervisors, as the server would.
    await user.click(screen.getByLabelText('Wahid Water'));
    await user.type(screen.getByLabelText('Start date'), '2027-01-10');
    await user.type(screen.getByLabelText('End date'), '2027-02-10');
    await user.type(screen.getByLabelText('Objectives (terms of reference)'), 'Train staff');
    await user.click(screen.getByRole('button', { name: 'Save assignment' }));
    expect(
      await screen.findByText(
        'Wahid Water belongs to Ministry of Energy and Water Resources, not to Ministry of Public Health; choose a supervisor of Ministry of Public Health or another institution.',
      ),
    ).toBeTruthy();
    expect(await device.db.assignments.count().exec()).toBe(0);

    await user.click(screen.getByLabelText('Wahid Water'));
    await user.click(screen.getByLabelText('Hamida Health'));
    await user.click(screen.getByRole('button', { name: 'Save assignment' }));
    const [saved] = await waitFor(async () => {
      const all = await device.db.assignments.find().exec();
      expect(all).toHaveLength(1);
      return all.map((doc) => doc.toJSON());
    });
    expect(saved).toMatchObject({
      institutionId: 'inst-health',
      institution: { name: 'Ministry of Public Health', country: 'Afghanistan', sector: 'Health' },
      supervisorIds: ['sup-health'],
    });
  });
});

describe('the add-person form (AS-8, PE-11)', () => {
  it('offers the device’s institutions for a supervisor', async () => {
    await device.db.institutions.bulkInsert([HEALTH, WATER]);
    const { user } = renderAs(officer, '/people');
    await user.click(await screen.findByRole('button', { name: 'Add a person' }));
    await user.selectOptions(screen.getByLabelText('Role'), 'Host supervisor');
    const choice = await screen.findByLabelText('Host institution');
    await within(choice).findByRole('option', { name: 'Ministry of Public Health (Afghanistan)' });
    expect(
      within(choice)
        .getAllByRole('option')
        .map((option) => option.getAttribute('value')),
    ).toEqual(['', 'inst-water', 'inst-health']);
  });
});

describe('the institution form keeps a draft', () => {
  it('restores what was typed into a new institution after a reload, and says so', async () => {
    const first = renderAs(officer, '/institutions/new');
    await first.user.type(await screen.findByLabelText('Name'), 'Garowe General Hospital');
    await first.user.selectOptions(screen.getByLabelText('Country'), 'Somalia');
    // Leaving now would lose input: the app's unsaved-form guard knows (update, sign-out).
    expect(hasUnsavedForm()).toBe(true);
    cleanup();
    expect(hasUnsavedForm()).toBe(false);

    const again = renderAs(officer, '/institutions/new');
    expect(await screen.findByLabelText('Name')).toHaveProperty('value', 'Garowe General Hospital');
    expect(screen.getByLabelText('Country')).toHaveProperty('value', 'Somalia');
    expect(screen.getByText('Your unsaved changes from earlier were restored.')).toBeTruthy();
    expect(hasUnsavedForm()).toBe(true);
    await again.user.selectOptions(screen.getByLabelText('Sector'), 'Water');
    await again.user.click(screen.getByRole('button', { name: 'Save institution' }));
    await waitFor(() => expect(again.router.state.location.pathname).toBe('/institutions'));
    expect(hasUnsavedForm()).toBe(false);
    const saved = (await device.db.institutions.find().exec()).map((doc) => doc.toJSON());
    expect(saved).toMatchObject([{ name: 'Garowe General Hospital', country: 'Somalia', sector: 'Water' }]);
    cleanup();

    // Saved, the draft is gone: the next new institution starts empty.
    renderAs(officer, '/institutions/new');
    expect(await screen.findByLabelText('Name')).toHaveProperty('value', '');
  });

  it('restores an edit in progress, and discards it on request', async () => {
    await device.db.institutions.insert(HEALTH);
    const first = renderAs(officer, '/institutions/inst-health');
    const city = await screen.findByLabelText('City (optional)');
    await first.user.clear(city);
    await first.user.type(city, 'Herat');
    cleanup();

    const again = renderAs(officer, '/institutions/inst-health');
    expect(await screen.findByLabelText('City (optional)')).toHaveProperty('value', 'Herat');
    await again.user.click(screen.getByRole('button', { name: 'Discard unsaved changes' }));
    expect(screen.getByLabelText('City (optional)')).toHaveProperty('value', 'Kabul');
    expect(hasUnsavedForm()).toBe(false);
  });
});

describe('deleting an institution (IN-4)', () => {
  it('asks first; cancelled, keeps it; confirmed, deletes it on the device', async () => {
    await device.db.institutions.insert(ICT);
    const { user, router } = renderAs(officer, '/institutions/inst-ict');
    await user.click(await screen.findByRole('button', { name: 'Delete institution' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete NITDA?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await device.db.institutions.findOne('inst-ict').exec()).not.toBeNull();

    await user.click(screen.getByRole('button', { name: 'Delete institution' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Delete NITDA?' })).getByRole('button', {
        name: 'Delete institution',
      }),
    );
    await waitFor(() => expect(router.state.location.pathname).toBe('/institutions'));
    expect(await device.db.institutions.findOne('inst-ict').exec()).toBeNull();
  });

  it('refuses at once, naming them, when an assignment on the device belongs to it', async () => {
    await device.db.institutions.insert(WATER);
    await device.db.assignments.insert({
      id: 'asg-water',
      expertId: 'expert-2',
      expertName: 'Bashir Expert',
      institution: { name: WATER.name, country: 'Somalia', sector: 'Water' },
      institutionId: 'inst-water',
      supervisorIds: [],
      supervisorNames: [],
      mode: 'virtual',
      startDate: '2027-01-01',
      endDate: '2027-01-31',
      objectives: ['Train staff'],
      status: 'planned',
    });
    const { user, router } = renderAs(officer, '/institutions/inst-water');
    await user.click(await screen.findByRole('button', { name: 'Delete institution' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete institution' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This host institution cannot be deleted: 1 assignment (asg-water) belongs to it. Move them to another institution first.',
    );
    expect(router.state.location.pathname).toBe('/institutions/inst-water');
    expect(await device.db.institutions.findOne('inst-water').exec()).not.toBeNull();
  });

  it('shows the server’s refusal of a deletion on the Institutions screen, with the institution kept', async () => {
    await device.db.institutions.insert(HEALTH);
    const message =
      'This host institution cannot be deleted: 2 people belong to it. Move them to another institution first.';
    await device.db.refusals.insert({
      id: 'institutions:r1',
      collectionName: 'institutions',
      docId: 'inst-health',
      attempted: JSON.stringify({ ...HEALTH, _deleted: true }),
      code: 'rule',
      message,
      at: '2026-05-01T10:00:00.000Z',
    });
    const { user } = renderAs(officer, '/institutions');
    const refusal = (
      await screen.findByRole('heading', { name: 'Ministry of Public Health was not deleted' })
    ).closest('li') as HTMLElement;
    expect(refusal.textContent).toContain(message);
    expect(screen.getByRole('link', { name: 'Ministry of Public Health' })).toBeTruthy();
    await user.click(within(refusal).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() =>
      expect(screen.queryByRole('heading', { name: 'Ministry of Public Health was not deleted' })).toBeNull(),
    );
  });
});
