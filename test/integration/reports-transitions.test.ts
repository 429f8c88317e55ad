/**
 * A final report through every transition on the real sync server over HTTP
 * (docs/sync-protocol.md RP-*): who may move it from which state to which, the fields each role may
 * write, what a decision requires, the lock and the server's history. Test names cite the rules.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates';
import { newReport } from '../../src/shared/rules/report-rules';
import type { Report } from '../../src/shared/schemas';
import { reportId } from '../../src/shared/schemas/report.schema';
import { markerOf } from '../../src/shared/sync/revision';
import { DEMO_ASSIGNMENTS } from '../../sync-server/src/seed-data';
import type { SyncDocument } from '../../src/shared/sync/protocol';
import {
  ACCEPTED,
  expectOnlyTheExpertCreates,
  expectOnlyTheSupervisorDecides,
  expectRefused,
  useApiServer,
} from '../helpers/api-client';
import { aForgedHistoryStep } from '../helpers/builders';

type ReportDoc = SyncDocument<'reports'>;

/** The terms-of-reference objectives of expert1's demo assignment. */
const OBJECTIVES = DEMO_ASSIGNMENTS.find((a) => a.id === 'asg-expert1')!.objectives;

describe('a final report through every transition', () => {
  const f = useApiServer();
  const id = reportId('asg-expert1', 'final');
  const base = (): ReportDoc => ({
    ...newReport({ id: 'asg-expert1', objectives: OBJECTIVES }, 'final'),
    _deleted: false,
  });
  const current = async () => (await f.report(id))!;
  const withSections = (r: ReportDoc, patch: Partial<Report['sections']>): ReportDoc => ({
    ...r,
    sections: { ...r.sections, ...patch },
  });
  /** A decision; made on the text of `on` (RP-2) when given. */
  const decision = (kind: 'endorsed' | 'changes_requested', comment: string, on?: ReportDoc) => ({
    kind,
    comment,
    fullName: 'Abdirahman Warsame',
    ...(on ? { sectionsRevision: markerOf(on.sections) } : {}),
  });

  it('RP-2 SP-7: only the expert of the assignment starts the report; outsiders learn nothing', async () => {
    await expectOnlyTheExpertCreates(f, 'reports', base());
  });

  it('RP-6: the expert creates a draft; a history sent by the device is ignored', async () => {
    const forged = [aForgedHistoryStep('reviewed')];
    expect(
      await f.push('expert1', 'reports', [{ newDocumentState: { ...base(), history: forged } }]),
    ).toEqual(ACCEPTED);
    expect(await current()).toMatchObject({ status: 'draft', authorId: 'user-expert1', history: [] });
  });

  it('RP-3: a supervisor or an officer cannot write the sections; the expert cannot write a decision', async () => {
    const edited = withSections(await current(), { outputs: 'Written by someone else.' });
    expectRefused(await f.decide('supervisor1', edited), 'forbidden', /Only the expert/);
    expectRefused(await f.decide('officer', edited), 'forbidden', /Only the expert/);
    const selfDecided = { ...(await current()), decision: decision('endorsed', 'I endorse it myself.') };
    expectRefused(await f.decide('expert1', selfDecided), 'forbidden', /cannot write a decision/);
    expectRefused(
      await f.decide('expert1', { ...selfDecided, status: 'endorsed' }),
      'rule',
      /cannot go from draft to endorsed/,
    );
    expect((await current()).sections.outputs).toBe('');
  });

  it('RP-2: a report without a summary cannot be submitted; the refusal gives back the draft', async () => {
    const response = await f.decide('expert1', { ...(await current()), status: 'submitted' });
    expectRefused(response, 'rule', /Write a summary/);
    expect(response.conflicts[0]).toMatchObject({ id, status: 'draft' });
  });

  it('RP-2 RP-6 SP-4: the expert writes and submits; the server records it once even when the push is replayed', async () => {
    const written = withSections(await current(), {
      summary: 'The maintenance schedule runs; the tariff guideline went to the directorate.',
      outputs: 'Maintenance schedule for 40 boreholes; tariff-setting guideline (draft 2).',
    });
    expect(await f.decide('expert1', written)).toEqual(ACCEPTED);
    f.clock.advance(60_000);
    const draft = await current();
    const sent = { ...draft, status: 'submitted' as const };
    expect(await f.decide('expert1', sent)).toEqual(ACCEPTED);
    expect((await current()).history).toEqual([
      {
        at: f.clock.now().toISOString(),
        byUserId: 'user-expert1',
        byName: 'Amina Yusuf',
        role: 'expert',
        from: 'draft',
        to: 'submitted',
      },
    ]);
    const seqBefore = await f.server.storage.latestSeq();
    // The reply was lost: the device sends the same row again, based on the draft. Nothing is
    // written; it gets the stored version, with the history, to adopt.
    expect(
      await f.push('expert1', 'reports', [{ newDocumentState: sent, assumedMasterState: draft }]),
    ).toEqual({ conflicts: [await current()], rejections: [] });
    expect(await f.server.storage.latestSeq()).toBe(seqBefore);
    expect((await current()).history).toHaveLength(1);
  });

  it('RP-5: while submitted the expert cannot edit the report', async () => {
    const response = await f.decide('expert1', withSections(await current(), { challenges: 'Late edit.' }));
    expectRefused(response, 'rule', /^This report is submitted and waiting for your host supervisor/);
    expect(response.conflicts[0]).toMatchObject({ status: 'submitted', sections: { challenges: '' } });
  });

  it('RP-2 SP-7: only the assignment’s supervisor decides; the expert cannot endorse their own report', async () => {
    const endorsing = {
      ...(await current()),
      status: 'endorsed' as const,
      decision: decision('endorsed', 'Fine.'),
    };
    await expectOnlyTheSupervisorDecides(f, endorsing);
    expect((await current()).status).toBe('submitted');
  });

  it('RP-2 RP-3: a decision needs a comment and cannot change the text', async () => {
    const stored = await current();
    const blank = {
      ...stored,
      status: 'changes_requested' as const,
      decision: decision('changes_requested', '  '),
    };
    expectRefused(await f.decide('supervisor1', blank), 'rule', /Write what the expert should change/);
    const empty = { ...blank, decision: decision('changes_requested', '') };
    expectRefused(await f.decide('supervisor1', empty), 'invalid', /decision\.comment/);
    const rewriting = withSections(
      { ...stored, status: 'endorsed' as const, decision: decision('endorsed', 'Endorsed with my edits.') },
      { summary: 'The supervisor’s own summary.' },
    );
    expectRefused(await f.decide('supervisor1', rewriting), 'forbidden', /cannot change the report text/);
    expect((await current()).sections.summary).toMatch(/^The maintenance schedule runs/);
  });

  it('RP-2 RP-5 RP-6: changes requested opens the report again; the expert edits and resubmits', async () => {
    f.clock.advance(60_000);
    const comment = 'Please add the number of technicians trained.';
    const read = await current();
    expect(
      await f.decide('supervisor1', {
        ...read,
        status: 'changes_requested',
        decision: decision('changes_requested', comment, read),
      }),
    ).toEqual(ACCEPTED);
    expect((await current()).history!.at(-1)).toEqual({
      at: f.clock.now().toISOString(),
      byUserId: 'user-supervisor1',
      byName: 'Abdirahman Warsame',
      role: 'supervisor',
      from: 'submitted',
      to: 'changes_requested',
      comment,
    });
    const edited = withSections(await current(), {
      ktNarrative: 'Nine technicians trained on pump diagnosis.',
    });
    expect(await f.decide('expert1', edited)).toEqual(ACCEPTED);
    expect(await f.decide('expert1', { ...(await current()), status: 'submitted' })).toEqual(ACCEPTED);
    const resubmitted = await current();
    expect(resubmitted.sections.ktNarrative).toBe('Nine technicians trained on pump diagnosis.');
    expect(resubmitted.history!.map((h) => [h.from, h.to])).toEqual([
      ['draft', 'submitted'],
      ['submitted', 'changes_requested'],
      ['changes_requested', 'submitted'],
    ]);
  });

  it('RP-2: an officer reviews only what the supervisor endorsed', async () => {
    const reviewing = { ...(await current()), status: 'reviewed' as const, review: { comment: 'Filed.' } };
    expectRefused(await f.decide('officer', reviewing), 'rule', /cannot go from submitted to reviewed/);
    const read = await current();
    expect(
      await f.decide('supervisor1', {
        ...read,
        status: 'endorsed',
        decision: decision('endorsed', 'The report reflects the work done.', read),
      }),
    ).toEqual(ACCEPTED);
    expect((await current()).history!.at(-1)).toMatchObject({
      role: 'supervisor',
      from: 'submitted',
      to: 'endorsed',
      comment: 'The report reflects the work done.',
    });
  });

  it('RP-5: an endorsed report is locked for the expert', async () => {
    const response = await f.decide('expert1', withSections(await current(), { interns: 'Late edit.' }));
    expectRefused(response, 'rule', /endorsed by your host supervisor and can no longer be edited/);
  });

  it('RP-2 RP-3 RP-6: the officer marks it reviewed without changing it; then it is final', async () => {
    const endorsed = await current();
    const reviewing = {
      ...endorsed,
      status: 'reviewed' as const,
      review: { comment: 'Filed for the programme.' },
    };
    expectRefused(await f.decide('supervisor1', reviewing), 'forbidden', /Only a programme officer/);
    expectRefused(
      await f.decide('officer', withSections(reviewing, { summary: 'Officer summary.' })),
      'forbidden',
      /cannot change the report/,
    );
    expect(await f.decide('officer', reviewing)).toEqual(ACCEPTED);
    const reviewed = await current();
    expect(reviewed.history!.at(-1)).toMatchObject({
      byName: 'Lena Fischer',
      role: 'officer',
      from: 'endorsed',
      to: 'reviewed',
      comment: 'Filed for the programme.',
    });
    expect(reviewed.history!.slice(0, -1)).toEqual(endorsed.history);
    expect(reviewed.authorId).toBe('user-expert1');
    expectRefused(
      await f.decide('expert1', withSections(reviewed, { summary: 'After review.' })),
      'rule',
      /reviewed by the programme officer and can no longer be edited/,
    );
    expectRefused(
      await f.decide('supervisor1', {
        ...reviewed,
        status: 'changes_requested',
        decision: decision('changes_requested', 'Reopen.'),
      }),
      'rule',
      /cannot go from reviewed to changes requested/,
    );
  });

  it('RP-1: a report is never deleted, its id is its assignment and kind', async () => {
    const response = await f.decide('expert1', { ...(await current()), _deleted: true });
    expectRefused(response, 'rule', /cannot be deleted/);
    expect(response.conflicts[0]).toMatchObject({ id, _deleted: false, status: 'reviewed' });
    // Another expert's report id with their own assignment: refused without revealing it.
    const reused = { ...base(), id, assignmentId: 'asg-expert2' };
    const sneaky = await f.push('expert2', 'reports', [{ newDocumentState: reused }]);
    expectRefused(sneaky, 'invalid', /id is its assignment and kind/);
    expect(sneaky.conflicts).toEqual([{ ...reused, _deleted: true }]);
  });

  it('RP-1: an assignment of six weeks or less has no mid-term report', async () => {
    const asg = (await f.pull('officer', 'assignments')).find((a) => a.id === 'asg-expert1')!;
    // Virtual: the expert's on-site assignments may not overlap (AS-3).
    const short = { ...asg, id: 'asg-short', mode: 'virtual' as const, endDate: addDays(asg.startDate, 42) };
    delete short.createdAt;
    delete short.updatedAt;
    expect(await f.push('officer', 'assignments', [{ newDocumentState: short }])).toEqual(ACCEPTED);
    const midterm = { ...newReport(short, 'midterm'), _deleted: false };
    expectRefused(
      await f.push('expert1', 'reports', [{ newDocumentState: midterm }]),
      'rule',
      /no mid-term report/,
    );
    const inception = { ...newReport(short, 'inception'), _deleted: false };
    expect(await f.push('expert1', 'reports', [{ newDocumentState: inception }])).toEqual(ACCEPTED);
  });
});
