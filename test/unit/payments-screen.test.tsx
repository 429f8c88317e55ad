// @vitest-environment jsdom
/**
 * The officer's allowance payments screen (PB-*) on a real device database: approved months not in
 * a batch are listed and filtered, a batch is created from the chosen ones, the server's refusal is
 * shown, a batch is marked paid; a timesheet shows its payment state, or that it cannot tell.
 */
import 'fake-indexeddb/auto';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Fieldbook } from '../../src/session/FieldbookProvider';
import { openUserDatabase, type DeviceDatabase } from '../../src/db/database';
import { PAYMENTS_API_PATHS, type PaymentBatch } from '../../src/shared/payments';
import type { Assignment, Timesheet } from '../../src/shared/schemas';
import type { PublicUser } from '../../src/shared/users';
import { PaymentState } from '../../src/features/payments/PaymentState';
import { fakeFieldbook } from '../helpers/fake-fieldbook';

const fake = vi.hoisted(() => ({ current: null as unknown as Fieldbook }));
vi.mock('../../src/session/FieldbookProvider', () => ({
  useFieldbook: () => fake.current,
  apiBaseUrl: () => 'http://server.test',
}));
const { routes } = await import('../../src/app/routes');

const officer: PublicUser = { id: 'officer-1', email: 'officer@demo.test', name: 'Olu', role: 'officer' };
const BASE = 'http://server.test';

function assignment(
  id: string,
  country: Assignment['institution']['country'],
  expertName: string,
): Assignment {
  return {
    id,
    expertId: `expert-${id}`,
    expertName,
    institution: { name: `Institution ${id}`, country, sector: country === 'Somalia' ? 'Water' : 'ICT' },
    supervisorIds: ['supervisor-1'],
    mode: 'physical',
    startDate: '2026-09-01',
    endDate: '2026-11-30',
    objectives: ['Train the team'],
    status: 'active',
  };
}

function approved(assignmentId: string, month: string): Timesheet {
  return {
    id: `${assignmentId}:${month}`,
    assignmentId,
    month,
    status: 'approved',
    submission: { declaration: true, fullName: 'Expert', snapshot: { logs: [], hash: 'h' } },
    approval: { fullName: 'Supervisor', hash: 'h' },
  } as Timesheet;
}

function aBatch(patch: Partial<PaymentBatch>): PaymentBatch {
  return {
    id: 'PB-2026-12-01-aaaaaa',
    createdAt: '2026-12-01T10:00:00.000Z',
    createdBy: 'officer-1',
    paidOn: null,
    paidBy: null,
    timesheetIds: [],
    ...patch,
  };
}

type Answer = { status: number; body: unknown } | 'unreachable';

/** Answers by "METHOD path"; records every request with its JSON body. */
function server(answers: Record<string, Answer | Answer[]>) {
  const sent: { key: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: URL, init: RequestInit = {}) => {
      const key = `${init.method ?? 'GET'} ${String(url).replace(BASE, '')}`;
      sent.push({ key, body: init.body === undefined ? undefined : JSON.parse(String(init.body)) });
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

let device: DeviceDatabase;
let counter = 0;

beforeEach(async () => {
  counter += 1;
  device = await openUserDatabase(`payments-${counter}`, {
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
  await device.db.assignments.bulkInsert([
    assignment('a1', 'Somalia', 'Amina Yusuf'),
    assignment('a2', 'Nigeria', 'Chidi Okafor'),
  ]);
  await device.db.timesheets.bulkInsert([
    approved('a1', '2026-09'),
    approved('a1', '2026-10'),
    approved('a2', '2026-10'),
    { ...approved('a2', '2026-11'), status: 'submitted' } as Timesheet,
  ]);
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await device.db.remove();
});

function renderAs(user: PublicUser) {
  fake.current = fakeFieldbook(user, device, 't');
  render(<RouterProvider router={createMemoryRouter(routes, { initialEntries: ['/payments'] })} />);
  return userEvent.setup();
}

const LIST = `GET ${PAYMENTS_API_PATHS.batches}`;
const CREATE = `POST ${PAYMENTS_API_PATHS.batches}`;

describe('allowance payments screen', () => {
  it('lists approved months not yet batched, filters by country and batches the chosen ones', async () => {
    const made = aBatch({ id: 'PB-2026-12-01-bbbbbb', timesheetIds: ['a2:2026-10'] });
    const sent = server({
      [LIST]: [
        { status: 200, body: { batches: [aBatch({ timesheetIds: ['a1:2026-09'] })] } },
        { status: 200, body: { batches: [made, aBatch({ timesheetIds: ['a1:2026-09'] })] } },
      ],
      [CREATE]: { status: 201, body: { batch: made } },
    });
    const user = renderAs(officer);
    const months = await screen.findAllByRole('checkbox');
    // a1:2026-09 is in a batch already, a2:2026-11 is not approved.
    expect(months.map((box) => box.id)).toEqual(['pay-a1:2026-10', 'pay-a2:2026-10']);

    await user.selectOptions(screen.getByLabelText('Country'), 'Nigeria');
    expect(screen.getAllByRole('checkbox').map((box) => box.id)).toEqual(['pay-a2:2026-10']);
    await user.click(screen.getByLabelText(/Chidi Okafor, October 2026/));
    await user.click(screen.getByRole('button', { name: /Create payment batch \(1 months/ }));

    expect(await screen.findByText('Batch PB-2026-12-01-bbbbbb holds 1 months.')).toBeTruthy();
    expect(sent.find((call) => call.key === CREATE)?.body).toEqual({ timesheetIds: ['a2:2026-10'] });
    const batches = screen.getByRole('region', { name: 'Payment batches' });
    expect(within(batches).getByRole('heading', { name: 'PB-2026-12-01-bbbbbb' })).toBeTruthy();
    expect(screen.queryByLabelText(/Chidi Okafor, October 2026/)).toBeNull();
  });

  it('shows why the server refused a batch, and marks a batch paid with its date', async () => {
    const open = aBatch({ timesheetIds: ['a1:2026-09'] });
    const sent = server({
      [LIST]: { status: 200, body: { batches: [open] } },
      [CREATE]: {
        status: 409,
        body: {
          error: {
            code: 'conflict',
            message: 'A month is paid once: already in a payment batch: a1:2026-10.',
          },
        },
      },
      [`POST ${PAYMENTS_API_PATHS.paid(open.id)}`]: {
        status: 200,
        body: { batch: { ...open, paidOn: '2026-11-30' } },
      },
    });
    const user = renderAs(officer);
    await user.click(await screen.findByRole('button', { name: /Choose all 2 shown/ }));
    await user.click(screen.getByRole('button', { name: /Create payment batch \(2 months/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('A month is paid once');

    await user.clear(screen.getByLabelText('Paid on'));
    await user.type(screen.getByLabelText('Paid on'), '2026-11-30');
    await user.click(screen.getByRole('button', { name: 'Mark paid' }));
    await vi.waitFor(() =>
      expect(sent.find((call) => call.key.endsWith('/paid'))?.body).toEqual({ paidOn: '2026-11-30' }),
    );
  });

  it('is for officers only', async () => {
    server({});
    renderAs({ ...officer, role: 'expert' });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Only programme officers manage allowance payments.',
    );
  });
});

describe('a timesheet’s payment state (PB-4)', () => {
  it('says paid with its date, in a batch, not batched, or that it cannot tell offline', async () => {
    const path = `GET ${PAYMENTS_API_PATHS.timesheetPayment('a1:2026-09')}`;
    server({
      [path]: [
        { status: 200, body: { timesheetId: 'a1:2026-09', batchId: 'PB-x', paidOn: '2026-11-30' } },
        { status: 200, body: { timesheetId: 'a1:2026-09', batchId: null, paidOn: null } },
        'unreachable',
      ],
    });
    for (const expected of [
      'Paid on 2026-11-30 (batch PB-x).',
      'Not yet in a payment batch.',
      'Not known here now: the payment state needs a connection.',
    ]) {
      render(
        <dl>
          <PaymentState token="t" timesheetId="a1:2026-09" />
        </dl>,
      );
      expect(await screen.findByText(expected)).toBeTruthy();
      cleanup();
    }
  });
});
