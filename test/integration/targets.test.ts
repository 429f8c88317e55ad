/**
 * Programme targets as the server decides them (docs/sync-protocol.md TG-1, TG-2), over HTTP on
 * SQLite, and on PostgreSQL in the integration-postgres project.
 */
import { describe, expect, it } from 'vitest';
import type { SyncDocument } from '../../src/shared/sync/protocol';
import { expectStreamedToOfficersOnly, useApiServer } from '../helpers/api-client';

const api = useApiServer({ now: () => new Date() });
const { pullSince: pull, pushDocument: push } = api;

function aTarget(
  country: SyncDocument<'targets'>['country'],
  matchedExpertsTarget: number,
): SyncDocument<'targets'> {
  return { id: country, country, matchedExpertsTarget, _deleted: false };
}

const stored = (id: string) => api.stored('targets', id);
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
    const message = 'The target for Nigeria must be a whole number of experts from 1 to 1,000.';
    for (const bad of [0, -3, 1001, 12.5]) {
      const answer = await push('officer', 'targets', aTarget('Nigeria', bad));
      expect(answer.status, String(bad)).toBe(200);
      expect(answer.body.rejections, String(bad)).toMatchObject([{ id: 'Nigeria', code: 'rule', message }]);
    }
    const text = await push('officer', 'targets', {
      ...aTarget('Nigeria', 1),
      matchedExpertsTarget: 'fifty' as never,
    });
    expect(text.body.rejections).toMatchObject([
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
    expect(france.body.rejections).toMatchObject([
      {
        id: 'France',
        code: 'invalid',
        message: "Field 'country' must be one of: Afghanistan, Iraq, Nigeria, Somalia.",
      },
    ]);
    const misnamed = await push('officer', 'targets', { ...aTarget('Somalia', 10), id: 'somalia-target' });
    expect(misnamed.body.rejections).toMatchObject([
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
        reason: { id: 'rules.access.targets' },
      });
      // Not even a repeat of the server's own version.
      const repeat = await push(who, 'targets', (await stored('Somalia'))!);
      expect(repeat.status, who).toBe(403);
    }
    expect((await stored('Somalia'))!.matchedExpertsTarget).toBe(30);

    await expectStreamedToOfficersOnly(api, 'targets', async () => {
      const somalia = (await stored('Somalia'))!;
      expect(
        (await push('officer', 'targets', { ...somalia, matchedExpertsTarget: 35 }, somalia)).body.rejections,
      ).toEqual([]);
    });
  });
});
