/**
 * People and their host institutions (docs/sync-protocol.md PE-11, IN-4) over a real socket, on
 * SQLite and PostgreSQL: a supervisor is added only to an institution that exists, experts and
 * officers to none, by hand and by CSV; an institution that people or assignments belong to is
 * not deleted; and every demo supervisor belongs to an existing institution.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PEOPLE_API_PATHS,
  type InvitedPersonResponse,
  type PeopleImportResponse,
} from '../../src/shared/people';
import type { CollectionName } from '../../src/shared/schemas';
import {
  API_PATHS,
  type ApiErrorBody,
  type PushResponse,
  type SyncDocument,
} from '../../src/shared/sync/protocol';
import { revisionOf } from '../../src/shared/sync/revision';
import { seedDemoData } from '../../sync-server/src/seed';
import { demoInstitutionId } from '../../sync-server/src/seed-data';
import type { Storage } from '../../sync-server/src/storage/types';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

const HEALTH_KABUL = demoInstitutionId('Ministry of Public Health, Kabul');

let emailCounter = 0;
const uniqueEmail = (what: string) => `${what}-${++emailCounter}@host-people.test`;

/** Every seeded supervisor's institution exists, and is the one of each assignment naming them. */
async function expectSupervisorsBelong(storage: Storage): Promise<number> {
  const people = await storage.listPeople({ limit: 1000, offset: 0 });
  // The seeded accounts, not the ones a test added.
  const supervisors = people.filter((p) => p.role === 'supervisor' && p.email.endsWith('@demo.test'));
  const assignments = await storage.listAssignments();
  for (const supervisor of supervisors) {
    expect(supervisor.institutionId, supervisor.email).toEqual(expect.any(String));
    const institution = await storage.getDocument('institutions', supervisor.institutionId!);
    expect(institution?.deleted, `${supervisor.email}'s institution`).toBe(false);
    for (const assignment of assignments.filter((a) => a.data.supervisorIds.includes(supervisor.id))) {
      expect(assignment.data.institutionId, `${assignment.id} of ${supervisor.email}`).toBe(
        supervisor.institutionId,
      );
    }
  }
  return supervisors.length;
}

describe.each(['sqlite', 'postgres'] as const)('people and host institutions on %s', (backend) => {
  let server: TestServer;
  let officer: string;

  beforeAll(async () => {
    server = await startTestServer({ storage: backend, seedPastMonths: false });
    officer = await login(server.url, 'officer@demo.test');
  });
  afterAll(() => server.close());

  async function addPerson(body: Record<string, unknown>) {
    const response = await fetch(`${server.url}${PEOPLE_API_PATHS.people}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as InvitedPersonResponse & ApiErrorBody };
  }

  async function importCsv(csv: string) {
    const response = await fetch(`${server.url}${PEOPLE_API_PATHS.import}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officer}`, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(response.status).toBe(200);
    return (await response.json()) as PeopleImportResponse;
  }

  async function push(collection: CollectionName, doc: SyncDocument, assumed?: SyncDocument) {
    const response = await fetch(`${server.url}${API_PATHS.push(collection)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        { newDocumentState: doc, assumedRevision: assumed ? revisionOf(assumed) : undefined },
      ]),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as PushResponse;
  }

  async function stored(id: string): Promise<SyncDocument<'institutions'>> {
    const doc = await server.storage.getDocument('institutions', id);
    return { ...doc!.data, _deleted: doc!.deleted } as SyncDocument<'institutions'>;
  }

  /** A new institution, pushed by the officer. */
  async function anInstitution(name = 'Afghan Red Crescent Society'): Promise<string> {
    const id = crypto.randomUUID();
    const answer = await push('institutions', {
      id,
      name,
      country: 'Afghanistan',
      sector: 'Health',
      _deleted: false,
    } as SyncDocument<'institutions'>);
    expect(answer.rejections).toEqual([]);
    return id;
  }

  async function deleteInstitution(id: string) {
    const current = await stored(id);
    return push('institutions', { ...current, _deleted: true }, current);
  }

  describe('PE-11 a supervisor belongs to an existing host institution', () => {
    it('adds a supervisor to an existing institution', async () => {
      const { status, json } = await addPerson({
        name: 'Hamida Noori',
        email: uniqueEmail('supervisor'),
        role: 'supervisor',
        institutionId: HEALTH_KABUL,
      });
      expect(status).toBe(201);
      expect(json.person.institutionId).toBe(HEALTH_KABUL);
    });

    it('refuses an institution that does not exist or was deleted, naming the field; adds nobody', async () => {
      const deleted = await anInstitution('Closed Clinic');
      expect((await deleteInstitution(deleted)).rejections).toEqual([]);
      const users = await server.storage.countUsers();
      for (const institutionId of ['inst-nowhere', deleted]) {
        const email = uniqueEmail('nowhere');
        const { status, json } = await addPerson({
          name: 'Wahid Karimi',
          email,
          role: 'supervisor',
          institutionId,
        });
        expect(status, institutionId).toBe(400);
        expect(json.error.field).toBe('institutionId');
        expect(json.error.message).toBe(
          `institutionId: there is no host institution ${institutionId}; add it on the Institutions screen first, or choose one that exists.`,
        );
        expect(await server.storage.getUserByEmail(email)).toBeUndefined();
      }
      expect(await server.storage.countUsers()).toBe(users);
    });

    it('refuses a supervisor without an institution, and an expert or officer with one', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ role: 'supervisor' }, 'institutionId: choose the host institution this supervisor works for.'],
        [
          { role: 'expert', institutionId: HEALTH_KABUL },
          'institutionId: only a host supervisor belongs to a host institution; leave it empty.',
        ],
        [
          { role: 'officer', institutionId: HEALTH_KABUL },
          'institutionId: only a host supervisor belongs to a host institution; leave it empty.',
        ],
      ];
      for (const [fields, message] of cases) {
        const { status, json } = await addPerson({ name: 'X Y', email: uniqueEmail('wrong'), ...fields });
        expect(status, JSON.stringify(fields)).toBe(400);
        expect(json.error).toMatchObject({ code: 'bad_request', field: 'institutionId', message });
      }
    });

    it('PE-9: the CSV import refuses each row whose institution is missing, unknown or not the role’s', async () => {
      const ok = uniqueEmail('csv-ok');
      const json = await importCsv(
        [
          'name,email,role,institution_id',
          `Hamid Sultani,${ok},supervisor,${HEALTH_KABUL}`,
          `No Institution,${uniqueEmail('csv')},supervisor,`,
          `Unknown Place,${uniqueEmail('csv')},supervisor,inst-nowhere`,
          `An Expert,${uniqueEmail('csv')},expert,${HEALTH_KABUL}`,
        ].join('\n'),
      );
      expect(json.results.map((row) => [row.line, row.ok])).toEqual([
        [2, true],
        [3, false],
        [4, false],
        [5, false],
      ]);
      for (const row of json.results.slice(1)) expect(row).toMatchObject({ field: 'institutionId' });
      expect(json.results[2]).toMatchObject({
        message: expect.stringMatching(/no host institution inst-nowhere/),
      });
      expect(
        (await server.storage.listPeople({ limit: 1000, offset: 0 })).find((p) => p.email === ok),
      ).toMatchObject({ institutionId: HEALTH_KABUL });
    });
  });

  describe('IN-4 an institution that people or assignments belong to is not deleted', () => {
    it('refuses while a supervisor belongs to it, naming how many; keeps it', async () => {
      const id = await anInstitution('Kandahar Regional Hospital');
      const added = await addPerson({
        name: 'Zalmai Popal',
        email: uniqueEmail('kandahar'),
        role: 'supervisor',
        institutionId: id,
      });
      expect(added.status).toBe(201);
      const answer = await deleteInstitution(id);
      expect(answer.rejections).toMatchObject([
        {
          id,
          code: 'rule',
          message:
            'This host institution cannot be deleted: 1 person belongs to it. Move them to another institution first.',
        },
      ]);
      expect((await stored(id))._deleted).toBe(false);
      // A deactivated supervisor still belongs to it: their records name it.
      await fetch(`${server.url}${PEOPLE_API_PATHS.deactivate(added.json.person.id)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${officer}` },
      });
      expect((await deleteInstitution(id)).rejections).toHaveLength(1);
    });

    it('names the people and the assignments together', async () => {
      const id = await anInstitution('Balkh Provincial Hospital');
      for (const name of ['Nadia Rahimi', 'Omid Sharifi']) {
        expect(
          (await addPerson({ name, email: uniqueEmail('balkh'), role: 'supervisor', institutionId: id }))
            .status,
        ).toBe(201);
      }
      const assignmentId = crypto.randomUUID();
      const assignment = await push('assignments', {
        id: assignmentId,
        expertId: 'user-expert2',
        expertName: 'Chidi Okafor',
        institution: { name: 'Balkh Provincial Hospital', country: 'Afghanistan', sector: 'Health' },
        institutionId: id,
        supervisorIds: [],
        supervisorNames: [],
        mode: 'virtual',
        startDate: '2031-03-01',
        endDate: '2031-03-31',
        objectives: ['Coach the planning unit.'],
        status: 'planned',
        _deleted: false,
      } as SyncDocument<'assignments'>);
      expect(assignment.rejections).toEqual([]);
      expect((await deleteInstitution(id)).rejections[0]?.message).toBe(
        `This host institution cannot be deleted: 2 people and 1 assignment (${assignmentId}) belong to it. Move them to another institution first.`,
      );
      expect((await stored(id))._deleted).toBe(false);
    });

    it('deletes an institution nobody belongs to', async () => {
      const id = await anInstitution('Paktia Nursing School');
      expect((await deleteInstitution(id)).rejections).toEqual([]);
      expect((await stored(id))._deleted).toBe(true);
    });
  });

  it('PE-11: every demo supervisor belongs to an existing host institution, that of their assignments', async () => {
    expect(await expectSupervisorsBelong(server.storage)).toBe(2);
  });
});

describe('the programme demo’s supervisors', () => {
  let programme: TestServer;
  beforeAll(async () => {
    programme = await startTestServer({ seed: false });
    await seedDemoData(programme.storage, new Date(), { programme: true });
  }, 60_000);
  afterAll(() => programme?.close());

  it('PE-11: each belongs to an existing host institution, that of every assignment they supervise', async () => {
    expect(await expectSupervisorsBelong(programme.storage)).toBeGreaterThanOrEqual(14);
  });
});
