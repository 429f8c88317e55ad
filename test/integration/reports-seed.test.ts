/**
 * Knowledge-transfer reports of the demo seed on the real sync server (docs/sync-protocol.md RP-*):
 * the reports the seed places in each state with their history, who pulls which, and a decision
 * on the waiting one. Test names cite the rules.
 */
import { describe, expect, it } from 'vitest';
import { TEXT_SECTIONS } from '../../src/shared/schemas/report.schema';
import { markerOf } from '../../src/shared/sync/revision';
import type { SyncDocument } from '../../src/shared/sync/protocol';
import { ACCEPTED, useApiServer, type DemoUser } from '../helpers/api-client';

type ReportDoc = SyncDocument<'reports'>;

const OBJECTIVES = [
  'Set up a preventive maintenance schedule for the ministry’s 40 rural boreholes.',
  'Train the water-quality unit in field testing and reporting of results.',
  'Draft a tariff-setting guideline with the regional water utilities.',
];

describe('demo seed', () => {
  const f = useApiServer();

  it('RP-2 RP-6: expert1 has an endorsed inception and a draft mid-term report, expert2 a submitted inception report', async () => {
    const all = (await f.pull('officer', 'reports')).sort((a, b) => a.id.localeCompare(b.id));
    expect(all.map((r) => [r.id, r.status])).toEqual([
      ['asg-expert1:inception', 'endorsed'],
      ['asg-expert1:midterm', 'draft'],
      ['asg-expert2:inception', 'submitted'],
    ]);
    const [inception, midterm, waiting] = all as [ReportDoc, ReportDoc, ReportDoc];

    for (const section of TEXT_SECTIONS) expect(inception.sections[section].length).toBeGreaterThan(40);
    expect(inception.sections.objectives.map((o) => o.objective)).toEqual(OBJECTIVES);
    expect(inception.sections.objectives.every((o) => o.evidence.length > 20)).toBe(true);
    expect(inception.decision).toMatchObject({ kind: 'endorsed', fullName: 'Abdirahman Warsame' });
    expect(inception.history!.map((h) => [h.byName, h.role, h.from, h.to, h.comment])).toEqual([
      ['Amina Yusuf', 'expert', 'draft', 'submitted', undefined],
      ['Abdirahman Warsame', 'supervisor', 'submitted', 'endorsed', inception.decision!.comment],
    ]);

    // Partly written: some sections have text, some are still empty.
    const written = TEXT_SECTIONS.filter((s) => midterm.sections[s].trim() !== '');
    expect(written).toEqual(expect.arrayContaining(['summary', 'ktNarrative']));
    expect(written.length).toBeLessThan(TEXT_SECTIONS.length);
    expect(midterm.history).toEqual([]);
    expect(midterm.decision).toBeUndefined();

    expect(waiting.history!.map((h) => [h.byName, h.from, h.to])).toEqual([
      ['Chidi Okafor', 'draft', 'submitted'],
    ]);
    expect(waiting.sections.summary).toMatch(/NITDA/);

    const now = f.clock.now().toISOString();
    for (const r of all) {
      const times = r.history!.map((h) => h.at);
      expect([...times].sort()).toEqual(times);
      expect([r.createdAt!, r.updatedAt!, ...times].every((at) => at <= now)).toBe(true);
    }
  });

  it('SP-7: each supervisor and expert pulls the reports of their own assignment only', async () => {
    const ids = async (who: DemoUser) => (await f.pull(who, 'reports')).map((r) => r.id).sort();
    expect(await ids('supervisor2')).toEqual(['asg-expert2:inception']);
    expect(await ids('expert2')).toEqual(['asg-expert2:inception']);
    expect(await ids('supervisor1')).toEqual(['asg-expert1:inception', 'asg-expert1:midterm']);
  });

  it('RP-2: supervisor2 endorses expert2’s waiting inception report', async () => {
    const waiting = (await f.report('asg-expert2:inception'))!;
    const endorsing: ReportDoc = {
      ...waiting,
      status: 'endorsed',
      decision: {
        kind: 'endorsed',
        comment: 'Matches what we agreed.',
        fullName: 'Ngozi Adeyemi',
        sectionsRevision: markerOf(waiting.sections),
      },
    };
    expect(await f.decide('supervisor2', endorsing)).toEqual(ACCEPTED);
    expect((await f.report(waiting.id))!.history!.at(-1)).toMatchObject({
      byName: 'Ngozi Adeyemi',
      from: 'submitted',
      to: 'endorsed',
      comment: 'Matches what we agreed.',
    });
  });
});
