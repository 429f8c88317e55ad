/**
 * Host institutions as the server decides them (docs/sync-protocol.md IN-1 … IN-3) and the rule
 * that a supervisor belongs to the assignment's institution (AS-8), over HTTP on SQLite, and on
 * PostgreSQL in the integration-postgres project.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../src/shared/schemas';
import {
  API_PATHS,
  type PullResponse,
  type PushResponse,
  type SyncDocument,
} from '../../src/shared/sync/protocol';
import { revisionOf } from '../../src/shared/sync/revision';
import { PEOPLE_API_PATHS, type AuditListResponse } from '../../src/shared/people';
import { openStream } from '../helpers/sse-client';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const who of ['expert1', 'supervisor1', 'officer']) {
    tokens[who] = await login(server.url, `${who}@demo.test`);
  }
});
afterAll(() => server.close());

async function pull<K extends CollectionName>(who: string, collection: K): Promise<PullResponse<K>> {
  const params = new URLSearchParams({ checkpoint: JSON.stringify({ seq: 0 }), limit: '1000' });
  const response = await fetch(`${server.url}${API_PATHS.pull(collection)}?${params}`, {
    headers: { authorization: `Bearer ${tokens[who]}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as PullResponse<K>;
}

async function push(
  who: string,
  collection: CollectionName,
  doc: SyncDocument,
  assumed?: SyncDocument,
): Promise<{ status: number; body: PushResponse & { error?: { code: string; message: string } } }> {
  const response = await fetch(`${server.url}${API_PATHS.push(collection)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
    body: JSON.stringify([
      { newDocumentState: doc, assumedRevision: assumed ? revisionOf(assumed) : undefined },
    ]),
  });
  return {
    status: response.status,
    body: (await response.json()) as PushResponse & { error?: { code: string; message: string } },
  };
}

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

async function stored(id: string): Promise<SyncDocument<'institutions'>> {
  const doc = await server.storage.getDocument('institutions', id);
  return { ...doc!.data, _deleted: doc!.deleted } as SyncDocument<'institutions'>;
}

async function audit() {
  const response = await fetch(`${server.url}${PEOPLE_API_PATHS.audit}`, {
    headers: { authorization: `Bearer ${tokens.officer}` },
  });
  return ((await response.json()) as AuditListResponse).entries;
}

/** A supervisor account that belongs to `institutionId`, added by the officer (PE-1). */
async function aSupervisorOf(institutionId: string, name: string): Promise<string> {
  const response = await fetch(`${server.url}${PEOPLE_API_PATHS.people}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.officer}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name,
      email: `${crypto.randomUUID()}@host.test`,
      role: 'supervisor',
      institutionId,
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { person: { id: string } }).person.id;
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
    expect(answer.body.rejections[0]).toEqual({
      id: wrong.id,
      code: 'rule',
      message: 'Health is not a programme sector in Iraq; choose one of: Migration Governance.',
    });
    expect(await server.storage.getDocument('institutions', wrong.id)).toBeUndefined();
  });

  it('IN-1: experts and supervisors neither pull nor receive institutions, and their pushes are forbidden', async () => {
    for (const who of ['expert1', 'supervisor1']) {
      const answer = await pull(who, 'institutions');
      expect(answer.documents).toEqual([]);
      const pushed = await push(who, 'institutions', anInstitution());
      expect(pushed.status).toBe(403);
      expect(pushed.body.error).toEqual({
        code: 'forbidden',
        message: 'Only programme officers can change host institutions.',
      });
    }
    // An institution whose id is an assignment's still names nobody but officers.
    const borrowed = anInstitution({ id: 'asg-expert1', name: 'Borrowed id' });
    expect((await push('officer', 'institutions', borrowed)).body.rejections).toEqual([]);
    expect((await pull('expert1', 'institutions')).documents).toEqual([]);
    expect((await pull('supervisor1', 'institutions')).documents).toEqual([]);

    const streams = await Promise.all(
      ['expert1', 'supervisor1', 'officer'].map((who) => openStream(server.url, tokens[who]!)),
    );
    try {
      await Promise.all(
        streams.map((s) => s.waitFor((event) => event.type === 'resync', 'the first resync')),
      );
      // The institution whose id is an assignment's, changed: its event reaches officers only.
      const borrowedNow = await stored('asg-expert1');
      expect(
        (await push('officer', 'institutions', { ...borrowedNow, city: 'Streamed' }, borrowedNow)).body
          .rejections,
      ).toEqual([]);
      const current = (await server.storage.getDocument('assignments', 'asg-expert1'))!;
      const asg = { ...current.data, _deleted: false } as SyncDocument<'assignments'>;
      // Something the expert and supervisor do see after it, so their streams have caught up.
      expect(
        (await push('officer', 'assignments', { ...asg, objectives: [...asg.objectives, 'Later.'] }, asg))
          .body.rejections,
      ).toEqual([]);
      await streams[2]!.waitFor(
        (event) => event.type === 'change' && event.collection === 'institutions',
        'the officer’s institution',
      );
      for (const stream of streams.slice(0, 2)) {
        await stream.waitFor(
          (event) => event.type === 'change' && event.collection === 'assignments',
          'the assignment change',
        );
        expect(
          stream.events.filter((event) => event.type === 'change' && event.collection === 'institutions'),
        ).toEqual([]);
      }
    } finally {
      for (const stream of streams) stream.close();
    }
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
