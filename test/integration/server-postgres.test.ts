/**
 * The real sync server on PostgreSQL: sign-in, push and pull over HTTP, and a restart on the same
 * schema. The HTTP rules themselves run on both backends in server-api.test.ts (projects
 * integration and integration-postgres); the storage contract in storage-contract.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates';
import type { Assignment, CollectionName } from '../../src/shared/schemas';
import {
  API_PATHS,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type SyncCheckpoint,
  type SyncDocument,
} from '../../src/shared/sync/protocol';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

describe('sync server on PostgreSQL', () => {
  let server: TestServer;
  beforeAll(async () => {
    // No past months: the log below lands on an open day of the assignment (TS-6).
    server = await startTestServer({ storage: 'postgres', seedPastMonths: false });
  });
  afterAll(() => server?.close());

  async function pull<K extends CollectionName>(
    token: string,
    collection: K,
    checkpoint: SyncCheckpoint | null = null,
  ): Promise<PullResponse<K>> {
    const params = new URLSearchParams({ limit: '500' });
    if (checkpoint) params.set('checkpoint', JSON.stringify(checkpoint));
    const response = await fetch(`${server.url}${API_PATHS.pull(collection)}?${params}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as PullResponse<K>;
  }

  async function push(token: string, collection: CollectionName, rows: PushRow[]): Promise<PushResponse> {
    const response = await fetch(`${server.url}${API_PATHS.push(collection)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as PushResponse;
  }

  it('SP-1 SP-2 SP-7: a log pushed by the expert is pulled after the checkpoint by expert and supervisor, also after a restart', async () => {
    expect(server.schema).toMatch(/^fb_test_/);
    const expertToken = await login(server.url, 'expert1@demo.test');
    const supervisorToken = await login(server.url, 'supervisor1@demo.test');
    const [assignment] = (await pull(expertToken, 'assignments')).documents as Assignment[];
    expect(assignment?.id).toBe('asg-expert1');
    const before = await pull(expertToken, 'logs');
    expect(before.documents.length).toBeGreaterThan(0);

    const log: SyncDocument<'logs'> = {
      id: crypto.randomUUID(),
      assignmentId: 'asg-expert1',
      date: addDays(assignment!.startDate, 1),
      hours: 6,
      workMode: 'on_site',
      location: 'Mogadishu',
      activities: 'Walked the pumping station with the maintenance team.',
      ktActivities: [{ type: 'coaching_mentoring', peopleReached: 3 }],
      notes: 'Spare parts list ünd notes in JSONB',
      _deleted: false,
    };
    expect(await push(expertToken, 'logs', [{ newDocumentState: log }])).toEqual({
      conflicts: [],
      rejections: [],
    });

    const after = await pull(expertToken, 'logs', before.checkpoint);
    expect(after.documents.map((d) => d.id)).toEqual([log.id]);
    expect(after.documents[0]).toMatchObject({ ...log, authorId: 'user-expert1' });
    expect(after.checkpoint!.seq).toBeGreaterThan(before.checkpoint!.seq);
    const supervisorSees = (await pull(supervisorToken, 'logs')).documents.find((d) => d.id === log.id);
    expect(supervisorSees).toEqual(after.documents[0]);

    await server.restart();
    // The token and the log are in PostgreSQL, not in the process.
    const again = await pull(expertToken, 'logs', before.checkpoint);
    expect(again.documents).toEqual(after.documents);
    const health = await fetch(`${server.url}${API_PATHS.health}`);
    expect(health.status).toBe(200);
  });
});
