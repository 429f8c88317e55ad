/**
 * Programme targets as the server decides them (docs/sync-protocol.md TG-1, TG-2), over HTTP on
 * SQLite, and on PostgreSQL in the integration-postgres project.
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

function aTarget(
  country: SyncDocument<'targets'>['country'],
  matchedExpertsTarget: number,
): SyncDocument<'targets'> {
  return { id: country, country, matchedExpertsTarget, _deleted: false };
}

async function stored(id: string): Promise<SyncDocument<'targets'> | undefined> {
  const doc = await server.storage.getDocument('targets', id);
  return doc && ({ ...doc.data, _deleted: doc.deleted } as SyncDocument<'targets'>);
}

describe('programme targets (TG-*)', () => {
  it('TG-1: an officer sets, changes and removes a target through the push; the server stamps it', async () => {
    const first = await push('officer', 'targets', aTarget('Afghanistan', 60));
    expect(first.status).toBe(200);
    expect(first.body.rejections).toEqual([]);
    const created = (await stored('Afghanistan'))!;
    expect(created).toMatchObject({ country: 'Afghanistan', matchedExpertsTarget: 60 });
    expect(created.updatedAt).toEqual(expect.any(String));

    const changed = await push('officer', 'targets', { ...created, matchedExpertsTarget: 65 }, created);
    expect(changed.body).toMatchObject({ rejections: [], conflicts: [] });
    const pulled = (await pull('officer', 'targets')).documents;
    expect(pulled.find((doc) => doc.id === 'Afghanistan')).toMatchObject({ matchedExpertsTarget: 65 });

    const current = (await stored('Afghanistan'))!;
    expect(
      (await push('officer', 'targets', { ...current, _deleted: true }, current)).body.rejections,
    ).toEqual([]);
    expect((await stored('Afghanistan'))!._deleted).toBe(true);
  });

  it('TG-1: a second device setting the same country without the first one’s version gets a conflict', async () => {
    expect((await push('officer', 'targets', aTarget('Iraq', 40))).body.rejections).toEqual([]);
    const second = await push('officer', 'targets', aTarget('Iraq', 45));
    expect(second.body.rejections).toEqual([]);
    expect(second.body.conflicts).toEqual([
      expect.objectContaining({ id: 'Iraq', matchedExpertsTarget: 40 }),
    ]);
    expect((await stored('Iraq'))!.matchedExpertsTarget).toBe(40);
  });

  it('TG-2: refuses a value that is not a whole number from 1 to 1000, saying so, and stores nothing', async () => {
    const message = 'The target for Nigeria must be a whole number of experts from 1 to 1000.';
    for (const bad of [0, -3, 1001, 12.5]) {
      const answer = await push('officer', 'targets', aTarget('Nigeria', bad));
      expect(answer.status, String(bad)).toBe(200);
      expect(answer.body.rejections, String(bad)).toEqual([{ id: 'Nigeria', code: 'rule', message }]);
    }
    const text = await push('officer', 'targets', {
      ...aTarget('Nigeria', 1),
      matchedExpertsTarget: 'fifty' as never,
    });
    expect(text.body.rejections).toEqual([
      { id: 'Nigeria', code: 'invalid', message: "Field 'matchedExpertsTarget' must be number." },
    ]);
    expect(await stored('Nigeria')).toBeUndefined();
  });

  it('TG-2: refuses a country outside the programme and a target kept under another country’s name', async () => {
    const france = await push('officer', 'targets', {
      ...aTarget('Somalia', 10),
      id: 'France',
      country: 'France' as never,
    });
    expect(france.body.rejections).toEqual([
      {
        id: 'France',
        code: 'invalid',
        message: "Field 'country' must be one of: Afghanistan, Iraq, Nigeria, Somalia.",
      },
    ]);
    const misnamed = await push('officer', 'targets', { ...aTarget('Somalia', 10), id: 'somalia-target' });
    expect(misnamed.body.rejections).toEqual([
      {
        id: 'somalia-target',
        code: 'rule',
        message:
          "A target is kept under its country's name: this one is for Somalia, so its id must be Somalia.",
      },
    ]);
    expect(await stored('France')).toBeUndefined();
    expect(await stored('somalia-target')).toBeUndefined();
  });

  it('TG-1: experts and supervisors neither pull nor receive targets, and their pushes are forbidden', async () => {
    expect((await push('officer', 'targets', aTarget('Somalia', 30))).body.rejections).toEqual([]);
    for (const who of ['expert1', 'supervisor1']) {
      const answer = await pull(who, 'targets');
      expect(answer.documents, who).toEqual([]);
      expect(answer.readable, who).toBeUndefined();
      const pushed = await push(who, 'targets', aTarget('Somalia', 31));
      expect(pushed.status, who).toBe(403);
      expect(pushed.body.error, who).toEqual({
        code: 'forbidden',
        message: "Only programme officers can change the programme's targets.",
      });
      // Not even a repeat of the server's own version.
      const repeat = await push(who, 'targets', (await stored('Somalia'))!);
      expect(repeat.status, who).toBe(403);
    }
    expect((await stored('Somalia'))!.matchedExpertsTarget).toBe(30);

    const streams = await Promise.all(
      ['expert1', 'supervisor1', 'officer'].map((who) => openStream(server.url, tokens[who]!)),
    );
    try {
      await Promise.all(
        streams.map((s) => s.waitFor((event) => event.type === 'resync', 'the first resync')),
      );
      const somalia = (await stored('Somalia'))!;
      expect(
        (await push('officer', 'targets', { ...somalia, matchedExpertsTarget: 35 }, somalia)).body.rejections,
      ).toEqual([]);
      const current = (await server.storage.getDocument('assignments', 'asg-expert1'))!;
      const asg = { ...current.data, _deleted: false } as SyncDocument<'assignments'>;
      // Something the expert and supervisor do see after it, so their streams have caught up.
      expect(
        (await push('officer', 'assignments', { ...asg, objectives: [...asg.objectives, 'Later.'] }, asg))
          .body.rejections,
      ).toEqual([]);
      await streams[2]!.waitFor(
        (event) => event.type === 'change' && event.collection === 'targets',
        'the officer’s target',
      );
      for (const stream of streams.slice(0, 2)) {
        await stream.waitFor(
          (event) => event.type === 'change' && event.collection === 'assignments',
          'the assignment change',
        );
        expect(
          stream.events.filter((event) => event.type === 'change' && event.collection === 'targets'),
        ).toEqual([]);
      }
    } finally {
      for (const stream of streams) stream.close();
    }
  });
});
