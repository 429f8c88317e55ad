/**
 * The live stream of changes (docs/sync-protocol.md SP-8): a resync first, then each change to
 * whoever may read it and to no one else; heartbeats, and the end of the stream when its token is
 * revoked. On SQLite, and on PostgreSQL in the integration-postgres project.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates';
import { API_PATHS } from '../../src/shared/sync/protocol';
import { useApiServer, useExpert1Logs } from '../helpers/api-client';
import { waitUntil } from '../helpers/devices';
import { openStream } from '../helpers/sse-client';
import { login } from '../helpers/test-server';

describe('stream', () => {
  // These tests write logs on the assignment's first days, which the demo's past timesheets would
  // lock (TS-6): test/integration/timesheets-*.test.ts cover those.
  const f = useApiServer({ streamHeartbeatMs: 100, seedPastMonths: false });
  const { assignment: asg1, newLog } = useExpert1Logs(f);

  it('SP-8 SP-7: the stream sends resync, then a change to the supervisor and not to another expert', async () => {
    const supervisor = await openStream(f.server.url, f.tokens.supervisor1!);
    const otherExpert = await openStream(f.server.url, f.tokens.expert2!);
    try {
      expect(supervisor.status).toBe(200);
      expect(supervisor.events[0] ?? (await supervisor.waitFor(() => true, 'first event'))).toEqual({
        type: 'resync',
      });
      await otherExpert.waitFor((e) => e.type === 'resync', 'resync for expert2');

      const log = newLog({ date: addDays(asg1().startDate, 11) });
      expect((await f.push('expert1', 'logs', [{ newDocumentState: log }])).rejections).toEqual([]);
      const change = await supervisor.waitFor(
        (e) => e.type === 'change' && e.documents.some((d) => d.id === log.id),
        'the change on the supervisor stream',
      );
      expect(change).toMatchObject({
        type: 'change',
        collection: 'logs',
        checkpoint: { seq: expect.any(Number) },
      });

      // Events arrive in commit order: once expert2 sees its own later change, expert1's is not coming.
      const own = newLog({ assignmentId: 'asg-expert2', date: addDays(asg1().startDate, 11) });
      expect((await f.push('expert2', 'logs', [{ newDocumentState: own }])).rejections).toEqual([]);
      await otherExpert.waitFor(
        (e) => e.type === 'change' && e.documents.some((d) => d.id === own.id),
        'own change',
      );
      const leaked = otherExpert.events.some(
        (e) => e.type === 'change' && e.documents.some((d) => d.id === log.id),
      );
      expect(leaked).toBe(false);
      expect(
        supervisor.events.some((e) => e.type === 'change' && e.documents.some((d) => d.id === own.id)),
      ).toBe(false);
    } finally {
      supervisor.close();
      otherExpert.close();
    }
  });

  it('SP-8 SP-11: the stream pings and closes once its token is revoked', async () => {
    const token = await login(f.server.url, 'supervisor2@demo.test');
    const stream = await openStream(f.server.url, token);
    await stream.waitFor((e) => e.type === 'resync', 'resync');
    await waitUntil(() => stream.comments.includes('ping'), 'a heartbeat');
    let ended = false;
    void stream.ended.then(() => (ended = true));
    await f.call('POST', API_PATHS.logout, { as: token });
    // Counted in the stream's own heartbeats (every 100 ms here): a stream the revocation did not
    // close keeps pinging, and the test says so instead of running into its time limit.
    const pingsAtLogout = stream.comments.length;
    await waitUntil(() => ended || stream.comments.length - pingsAtLogout >= 20, 'the stream to end');
    expect(ended).toBe(true);
    const refused = await fetch(`${f.server.url}${API_PATHS.stream}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(401);
  });
});
