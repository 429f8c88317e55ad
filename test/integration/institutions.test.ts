/**
 * Host institutions as the server decides them (docs/sync-protocol.md IN-1 … IN-3) and the rule
 * that a supervisor belongs to the assignment's institution (AS-8), over HTTP on SQLite, and on
 * PostgreSQL in the integration-postgres project.
 */
import { describe, expect, it } from 'vitest';
import type { SyncDocument } from '../../src/shared/sync/protocol';
import { PEOPLE_API_PATHS, type AuditListResponse } from '../../src/shared/people';
import { expectStreamedToOfficersOnly, useApiServer } from '../helpers/api-client';

const api = useApiServer({ now: () => new Date() });
const { pullSince: pull, pushDocument: push } = api;

function anInstitution(patch: Partial<SyncDocument<'institutions'>> = {}): SyncDocument<'institutions'> {
  return {
    id: crypto.randomUUID(),
    name: 'Ministry of Public Health',
    country: 'Afghanistan',
    sector: 'Health',
    city: 'Kabul',
    focalPoint: { name: 'Dr. Farid Ahmadi', email: 'farid@example.org', phone: '+93 700 000 000' },
    _deleted: false,
    ...patch,
  };
}

function anAssignment(patch: Partial<SyncDocument<'assignments'>> = {}): SyncDocument<'assignments'> {
  return {
    id: crypto.randomUUID(),
    expertId: 'user-expert2',
    expertName: 'Chidi Okafor',
    institution: { name: 'Ministry of Public Health', country: 'Afghanistan', sector: 'Health' },
    supervisorIds: ['user-supervisor1'],
    supervisorNames: ['Abdirahman Warsame'],
    mode: 'virtual',
    startDate: '2029-03-01',
    endDate: '2029-05-31',
    objectives: ['Coach the planning unit.'],
    status: 'planned',
    _deleted: false,
    ...patch,
  };
}

const stored = async (id: string) => (await api.stored('institutions', id))!;

async function audit() {
  const response = await api.call('GET', PEOPLE_API_PATHS.audit, { as: 'officer' });
  return (response.json as AuditListResponse).entries;
}

/** A supervisor account that belongs to `institutionId`, added by the officer (PE-1). */
async function aSupervisorOf(institutionId: string, name: string): Promise<string> {
  const response = await api.call('POST', PEOPLE_API_PATHS.people, {
    as: 'officer',
    body: { name, email: `${crypto.randomUUID()}@host.test`, role: 'supervisor', institutionId },
  });
  expect(response.status).toBe(201);
  return (response.json as { person: { id: string } }).person.id;
}

describe('host institutions (IN-*)', () => {
  it('IN-1: an officer creates and edits an institution through the push; the server stamps it', async () => {
    const created = anInstitution();
    const first = await push('officer', 'institutions', created);
    expect(first.status).toBe(200);
    expect(first.body.rejections).toEqual([]);
    const afterCreate = await stored(created.id);
    expect(afterCreate).toMatchObject({ name: 'Ministry of Public Health', city: 'Kabul' });
    expect(afterCreate.createdAt).toEqual(expect.any(String));

    const edited = await push('officer', 'institutions', { ...afterCreate, city: 'Herat' }, afterCreate);
    expect(edited.body.rejections).toEqual([]);
    expect((await stored(created.id)).city).toBe('Herat');
    const pulled = (await pull('officer', 'institutions')).documents;
    expect(pulled.find((doc) => doc.id === created.id)).toMatchObject({ city: 'Herat' });
  });

  it('IN-2: refuses a sector that is not one of the country’s, naming the country’s sectors', async () => {
    const wrong = anInstitution({ country: 'Iraq', sector: 'Health' });
    const answer = await push('officer', 'institutions', wrong);
    expect(answer.body.rejections[0]).toMatchObject({
      id: wrong.id,
      code: 'rule',
      message: 'Health is not a programme sector in Iraq; choose one of: Migration Governance.',
    });
    expect(await api.server.storage.getDocument('institutions', wrong.id)).toBeUndefined();
  });

  it('IN-1: experts and supervisors neither pull nor receive institutions, and their pushes are forbidden', async () => {
    for (const who of ['expert1', 'supervisor1']) {
      const answer = await pull(who, 'institutions');
      expect(answer.documents).toEqual([]);
      const pushed = await push(who, 'institutions', anInstitution());
      expect(pushed.status).toBe(403);
      expect(pushed.body.error).toMatchObject({
        code: 'forbidden',
        message: 'Only programme officers can change host institutions.',
      });
    }
    // An institution whose id is an assignment's still names nobody but officers.
    const borrowed = anInstitution({ id: 'asg-expert1', name: 'Borrowed id' });
    expect((await push('officer', 'institutions', borrowed)).body.rejections).toEqual([]);
    expect((await pull('expert1', 'institutions')).documents).toEqual([]);
    expect((await pull('supervisor1', 'institutions')).documents).toEqual([]);

    await expectStreamedToOfficersOnly(api, 'institutions', async () => {
      // The institution whose id is an assignment's, changed: its event reaches officers only.
      const borrowedNow = await stored('asg-expert1');
      expect(
        (await push('officer', 'institutions', { ...borrowedNow, city: 'Streamed' }, borrowedNow)).body
          .rejections,
      ).toEqual([]);
    });
  });

  it('IN-3: records who created and changed an institution, and nothing for a refused change', async () => {
    const created = anInstitution({
      name: 'Nigerian Communications Commission',
      country: 'Nigeria',
      sector: 'ICT',
    });
    await push('officer', 'institutions', created);
    const current = await stored(created.id);
    await push('officer', 'institutions', { ...current, city: 'Abuja' }, current);
    const before = (await audit()).length;
    await push(
      'officer',
      'institutions',
      { ...(await stored(created.id)), sector: 'Water' },
      await stored(created.id),
    );
    const entries = await audit();
    expect(entries).toHaveLength(before);
    const [changed, made] = entries.filter((entry) => entry.subjectId === created.id);
    expect(changed).toMatchObject({
      action: 'institution.changed',
      actorId: 'user-officer',
      subjectType: 'institution',
      changes: { city: { from: 'Kabul', to: 'Abuja' } },
    });
    expect(made).toMatchObject({
      action: 'institution.created',
      changes: { name: { from: null, to: 'Nigerian Communications Commission' } },
    });
  });

  it('IN-3 IN-4: an institution an assignment names cannot be deleted', async () => {
    const institution = anInstitution();
    await push('officer', 'institutions', institution);
    const assignment = anAssignment({
      institutionId: institution.id,
      // The demo supervisors belong to other institutions (AS-8).
      supervisorIds: [],
      supervisorNames: [],
      startDate: '2031-01-01',
      endDate: '2031-01-31',
    });
    expect((await push('officer', 'assignments', assignment)).body.rejections).toEqual([]);
    const current = await stored(institution.id);
    const answer = await push('officer', 'institutions', { ...current, _deleted: true }, current);
    expect(answer.body.rejections[0]?.message).toBe(
      `This host institution cannot be deleted: 1 assignment (${assignment.id}) belongs to it. Move them to another institution first.`,
    );
  });
});

describe('the supervisor belongs to the assignment’s institution (AS-8)', () => {
  it('refuses an institution that does not exist', async () => {
    const answer = await push(
      'officer',
      'assignments',
      anAssignment({ institutionId: 'no-such-institution' }),
    );
    expect(answer.body.rejections[0]).toMatchObject({
      code: 'rule',
      message: 'There is no host institution no-such-institution; choose one from the list.',
    });
  });

  it('refuses a supervisor of another institution, naming both; accepts one of the same', async () => {
    const health = anInstitution({ name: 'Ministry of Public Health' });
    const water = anInstitution({
      name: 'Ministry of Rural Rehabilitation',
      sector: 'Rural Development/Water',
    });
    await push('officer', 'institutions', health);
    await push('officer', 'institutions', water);
    const ofWater = await aSupervisorOf(water.id, 'Wahid Karimi');
    const ofHealth = await aSupervisorOf(health.id, 'Hamida Noori');

    const wrong = await push(
      'officer',
      'assignments',
      anAssignment({ institutionId: health.id, supervisorIds: [ofWater], supervisorNames: ['Wahid Karimi'] }),
    );
    expect(wrong.body.rejections[0]).toMatchObject({
      code: 'rule',
      message:
        'Wahid Karimi belongs to Ministry of Rural Rehabilitation, not to Ministry of Public Health; choose a supervisor of Ministry of Public Health or another institution.',
    });

    const right = anAssignment({
      institutionId: health.id,
      supervisorIds: [ofHealth],
      supervisorNames: ['Hamida Noori'],
      startDate: '2032-01-01',
      endDate: '2032-01-31',
    });
    expect((await push('officer', 'assignments', right)).body.rejections).toEqual([]);

    // A typed institution (no institutionId) is not checked, as assignments from before institutions.
    const typed = anAssignment({ supervisorIds: [ofWater], startDate: '2033-01-01', endDate: '2033-01-31' });
    expect((await push('officer', 'assignments', typed)).body.rejections).toEqual([]);
  });
});
