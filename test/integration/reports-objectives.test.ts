/**
 * The terms-of-reference objectives of a report on the real sync server (docs/sync-protocol.md
 * RP-3): a report's objectives are its assignment's, only progress and evidence are written, and a
 * change of the terms of reference leaves a report begun before intact. Test names cite the rules.
 */
import { describe, expect, it } from 'vitest';
import { newReport } from '../../src/shared/rules/report-rules';
import { reportId } from '../../src/shared/schemas/report.schema';
import { DEMO_ASSIGNMENTS } from '../../sync-server/src/seed-data';
import type { SyncDocument } from '../../src/shared/sync/protocol';
import { ACCEPTED, expectRefused, useApiServer } from '../helpers/api-client';

type ReportDoc = SyncDocument<'reports'>;

/** The terms-of-reference objectives of expert1's demo assignment. */
const OBJECTIVES = DEMO_ASSIGNMENTS.find((a) => a.id === 'asg-expert1')!.objectives;

describe('terms-of-reference objectives', () => {
  const f = useApiServer();
  const midtermId = reportId('asg-expert1', 'midterm');
  const entry = (objective: string) => ({ objective, progress: 'in_progress' as const, evidence: '' });
  const withObjectives = (r: ReportDoc, objectives: ReportDoc['sections']['objectives']): ReportDoc => ({
    ...r,
    sections: { ...r.sections, objectives },
  });

  it('RP-3: a report whose objectives are not the assignment’s is refused on its row; the stored one stands', async () => {
    const midterm = (await f.report(midtermId))!;
    const [first, second, third] = midterm.sections.objectives;
    const invented = withObjectives(midterm, [
      { objective: 'Write a positive report.', progress: 'achieved', evidence: 'It is written.' },
    ]);
    for (const objectives of [invented.sections.objectives, [third!, second!, first!], [first!, second!]]) {
      const response = await f.decide('expert1', withObjectives(midterm, objectives));
      expectRefused(
        response,
        'rule',
        /terms-of-reference objectives of its assignment, all of them and in their order/,
      );
      expect(response.conflicts).toEqual([midterm]);
    }
    // Refused per row: the other report of the push is written.
    const final = { ...newReport({ id: 'asg-expert1', objectives: OBJECTIVES }, 'final'), _deleted: false };
    const batch = await f.push('expert1', 'reports', [
      { newDocumentState: invented, assumedMasterState: midterm },
      { newDocumentState: final },
    ]);
    expect(batch.rejections.map((r) => [r.id, r.code])).toEqual([[midtermId, 'rule']]);
    expect(await f.report(midtermId)).toEqual(midterm);
    expect((await f.report(final.id))?.sections.objectives.map((o) => o.objective)).toEqual(OBJECTIVES);
  });

  it('RP-3: a new report cannot start with objectives of its own', async () => {
    const started = newReport({ id: 'asg-expert2', objectives: ['Make the agency look good.'] }, 'final');
    const response = await f.push('expert2', 'reports', [
      { newDocumentState: { ...started, _deleted: false } },
    ]);
    expectRefused(response, 'rule', /terms-of-reference objectives/);
    expect(await f.report(started.id)).toBeUndefined();
  });

  it('RP-3: progress and evidence are the expert’s to write', async () => {
    const midterm = (await f.report(midtermId))!;
    const progressed = withObjectives(
      midterm,
      midterm.sections.objectives.map((o) => ({
        ...o,
        progress: 'achieved',
        evidence: `${o.evidence} Done.`,
      })),
    );
    expect(await f.decide('expert1', progressed)).toEqual(ACCEPTED);
    expect((await f.report(midtermId))!.sections.objectives).toEqual(progressed.sections.objectives);
  });

  it('RP-3: after the terms of reference change, a report begun before keeps its objectives or takes the new ones', async () => {
    const asg = (await f.pull('officer', 'assignments')).find((a) => a.id === 'asg-expert1')!;
    const revised = [
      ...OBJECTIVES.slice(0, 2),
      'Hand the maintenance schedule over to the regional offices.',
    ];
    const { createdAt: _created, updatedAt: _updated, ...fields } = asg;
    const changed = { ...fields, objectives: revised };
    expect(
      await f.push('officer', 'assignments', [{ newDocumentState: changed, assumedMasterState: asg }]),
    ).toEqual(ACCEPTED);
    const midterm = (await f.report(midtermId))!;
    const kept = { ...midterm, sections: { ...midterm.sections, challenges: 'The spare parts arrived.' } };
    expect(await f.decide('expert1', kept)).toEqual(ACCEPTED);
    const [first, second] = midterm.sections.objectives;
    expect(await f.decide('expert1', withObjectives(kept, [first!, second!, entry(revised[2]!)]))).toEqual(
      ACCEPTED,
    );
    expectRefused(
      await f.decide('expert1', withObjectives(kept, [first!, second!, entry('Something else.')])),
      'rule',
      /terms-of-reference objectives/,
    );
  });
});
