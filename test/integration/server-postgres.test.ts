/**
 * The real sync server on PostgreSQL: sign-in, push and pull over HTTP, and a restart on the same
 * schema. The HTTP rules themselves run on both backends in server-api.test.ts (projects
 * integration and integration-postgres); the storage contract in storage-contract.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../src/shared/schemas';
import { API_PATHS, type SyncCheckpoint } from '../../src/shared/sync/protocol';
import { ACCEPTED, useApiServer, useExpert1Logs } from '../helpers/api-client';

describe('sync server on PostgreSQL', () => {
  // No past months: the log below lands on an open day of the assignment (TS-6).
  const api = useApiServer({ storage: 'postgres', seedPastMonths: false });
  const { newLog } = useExpert1Logs(api);
  const pull = (
    who: 'expert1' | 'supervisor1',
    collection: 'assignments' | 'logs',
    checkpoint?: SyncCheckpoint | null,
  ) => api.pullPage(who, collection, { checkpoint, limit: 500 });

  it('SP-1 SP-2 SP-7: a log pushed by the expert is pulled after the checkpoint by expert and supervisor, also after a restart', async () => {
    expect(api.server.schema).toMatch(/^fb_test_/);
    const [assignment] = (await pull('expert1', 'assignments')).documents as Assignment[];
    expect(assignment?.id).toBe('asg-expert1');
    const before = await pull('expert1', 'logs');
    expect(before.documents.length).toBeGreaterThan(0);

    const log = newLog({
      activities: 'Walked the pumping station with the maintenance team.',
      ktActivities: [{ type: 'coaching_mentoring', peopleReached: 3 }],
      notes: 'Spare parts list ünd notes in JSONB',
    });
    expect(await api.push('expert1', 'logs', [{ newDocumentState: log }])).toEqual(ACCEPTED);

    const after = await pull('expert1', 'logs', before.checkpoint);
    expect(after.documents.map((d) => d.id)).toEqual([log.id]);
    expect(after.documents[0]).toMatchObject({ ...log, authorId: 'user-expert1' });
    expect(after.checkpoint!.seq).toBeGreaterThan(before.checkpoint!.seq);
    const supervisorSees = (await pull('supervisor1', 'logs')).documents.find((d) => d.id === log.id);
    expect(supervisorSees).toEqual(after.documents[0]);

    await api.server.restart();
    // The token and the log are in PostgreSQL, not in the process.
    const again = await pull('expert1', 'logs', before.checkpoint);
    expect(again.documents).toEqual(after.documents);
    const health = await api.call('GET', API_PATHS.health);
    expect(health.status).toBe(200);
  });
});
