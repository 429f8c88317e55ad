/** The shared report rules (docs/sync-protocol.md RP-*), as the device and the server run them. */
import { describe, expect, it } from 'vitest';
import {
  activitySummary,
  isOverdue,
  mergeSections,
  newReport,
  reportObjectivesRefusal,
  reportPeriod,
  reportsDue,
} from '../../src/shared/rules/report-rules';
import { checkReportChange, type ReportCheck } from '../../src/shared/rules/report-workflow';
import type { DailyLog, Report } from '../../src/shared/schemas';
import { reportId, type ReportStatus } from '../../src/shared/schemas/report.schema';
import type { PublicUser, Role } from '../../src/shared/users';
import { markerOf } from '../../src/shared/sync/revision';
import { englishOf } from '../helpers/english';

const user = (id: string, role: Role): PublicUser => ({ id, role, email: `${id}@demo.test`, name: id });
const expert1 = user('user-expert1', 'expert');
const expert2 = user('user-expert2', 'expert');
const supervisor1 = user('user-supervisor1', 'supervisor');
const supervisor2 = user('user-supervisor2', 'supervisor');
const officer = user('user-officer', 'officer');
const assignment = {
  id: 'asg-1',
  expertId: 'user-expert1',
  supervisorIds: ['user-supervisor1'],
  objectives: ['Train the water-quality unit.', 'Draft a tariff guideline.'],
};

function report(status: ReportStatus, patch: Partial<Report> = {}): Report {
  const base = newReport(assignment, 'inception');
  base.status = status;
  base.sections.summary = 'Agreed the work plan with the Director of Water.';
  if (status === 'endorsed' || status === 'reviewed') {
    base.decision = { kind: 'endorsed', comment: 'As agreed.' };
  }
  if (status === 'changes_requested') base.decision = { kind: 'changes_requested', comment: 'Add outputs.' };
  return { ...base, ...patch };
}

const withSections = (r: Report, patch: Partial<Report['sections']>): Report => ({
  ...r,
  sections: { ...r.sections, ...patch },
});

function expectRefused(check: ReportCheck, code: 'forbidden' | 'rule', message: RegExp) {
  expect(check.ok).toBe(false);
  if (check.ok) return;
  expect(check.code).toBe(code);
  expect(englishOf(check.reason)).toMatch(message);
}

describe('due dates', () => {
  it('RP-1: a long assignment has inception (start + 14 days), mid-term (half-way) and final (end) reports', () => {
    expect(reportsDue({ startDate: '2026-06-01', endDate: '2026-08-30' })).toEqual([
      { kind: 'inception', due: '2026-06-15' },
      { kind: 'midterm', due: '2026-07-16' },
      { kind: 'final', due: '2026-08-30' },
    ]);
  });

  it('RP-1: six weeks (42 days) or less has no mid-term report; 43 days has one', () => {
    expect(reportsDue({ startDate: '2026-06-01', endDate: '2026-07-13' }).map((r) => r.kind)).toEqual([
      'inception',
      'final',
    ]);
    expect(reportsDue({ startDate: '2026-06-01', endDate: '2026-07-14' })).toEqual([
      { kind: 'inception', due: '2026-06-15' },
      { kind: 'midterm', due: '2026-06-22' },
      { kind: 'final', due: '2026-07-14' },
    ]);
  });

  it('RP-1: the inception report of an assignment shorter than two weeks is due by its end', () => {
    expect(reportsDue({ startDate: '2026-06-01', endDate: '2026-06-10' })).toEqual([
      { kind: 'inception', due: '2026-06-10' },
      { kind: 'final', due: '2026-06-10' },
    ]);
  });

  it('RP-1: overdue once the due day has passed and the expert has not submitted', () => {
    expect(isOverdue('2026-06-15', undefined, '2026-06-15')).toBe(false);
    expect(isOverdue('2026-06-15', undefined, '2026-06-16')).toBe(true);
    expect(isOverdue('2026-06-15', 'draft', '2026-06-16')).toBe(true);
    expect(isOverdue('2026-06-15', 'changes_requested', '2026-06-16')).toBe(true);
    for (const status of ['submitted', 'endorsed', 'reviewed'] as const) {
      expect(isOverdue('2026-06-15', status, '2026-07-30')).toBe(false);
    }
  });
});

describe('activity summary', () => {
  const log = (date: string, patch: Partial<DailyLog> = {}) => ({
    date,
    hours: 6,
    workMode: 'on_site' as const,
    ktActivities: [] as DailyLog['ktActivities'],
    ...patch,
  });

  const june = { start: '2026-06-01', end: '2026-06-30' };

  it('RP-7: counts activities and people per type, and each day once in the mode it counts as', () => {
    const summary = activitySummary(
      [
        log('2026-06-01', {
          ktActivities: [
            { type: 'training', peopleReached: 11 },
            { type: 'advice', peopleReached: 2 },
          ],
        }),
        // A second log of the same day in the same mode is still one on-site day.
        log('2026-06-01', { hours: 2, ktActivities: [{ type: 'training', peopleReached: 4 }] }),
        log('2026-06-02', { workMode: 'travel', ktActivities: [{ type: 'workshop', peopleReached: 18 }] }),
        log('2026-06-03', { workMode: 'remote' }),
        log('2026-06-04', { workMode: 'remote', hours: 3 }),
        // Travelling to the institution and working there: one on-site day, not a travel day too.
        log('2026-06-06', { workMode: 'travel', hours: 3 }),
        log('2026-06-06', { workMode: 'on_site', hours: 4 }),
        // A day off with a note: logged, but not a working day in any mode.
        log('2026-06-05', { hours: 0 }),
      ],
      june,
    );
    expect(summary.byType.training).toEqual({ activities: 2, peopleReached: 15 });
    expect(summary.byType.advice).toEqual({ activities: 1, peopleReached: 2 });
    expect(summary.byType.workshop).toEqual({ activities: 1, peopleReached: 18 });
    expect(summary.byType.coaching_mentoring).toEqual({ activities: 0, peopleReached: 0 });
    expect(summary.peopleReached).toBe(35);
    expect(summary).toMatchObject({ onSiteDays: 2, travelDays: 1, remoteDays: 2, daysLogged: 6 });
  });

  it('RP-7: counts only the days of its period, both ends included', () => {
    const summary = activitySummary(
      [
        log('2026-05-31', { ktActivities: [{ type: 'training', peopleReached: 5 }] }),
        log('2026-06-01', { ktActivities: [{ type: 'training', peopleReached: 7 }] }),
        log('2026-06-30', { workMode: 'remote' }),
        log('2026-07-01', { workMode: 'travel', ktActivities: [{ type: 'advice', peopleReached: 9 }] }),
      ],
      june,
    );
    expect(summary.period).toEqual(june);
    expect(summary).toMatchObject({ peopleReached: 7, onSiteDays: 1, remoteDays: 1, travelDays: 0 });
    expect(summary.daysLogged).toBe(2);
  });

  it('RP-7: a report covers the assignment from its start to the report’s due date; the final report all of it', () => {
    const dates = { startDate: '2026-03-01', endDate: '2026-06-30' };
    const due = Object.fromEntries(reportsDue(dates).map((entry) => [entry.kind, entry]));
    expect(reportPeriod(dates, due.inception!)).toEqual({ start: '2026-03-01', end: '2026-03-15' });
    expect(reportPeriod(dates, due.midterm!)).toEqual({ start: '2026-03-01', end: '2026-04-30' });
    expect(reportPeriod(dates, due.final!)).toEqual({ start: '2026-03-01', end: '2026-06-30' });
  });

  it('is all zeros without logs', () => {
    const summary = activitySummary([], june);
    expect(summary).toMatchObject({ peopleReached: 0, onSiteDays: 0, remoteDays: 0, travelDays: 0 });
    expect(Object.values(summary.byType).every((t) => t.activities === 0)).toBe(true);
  });
});

describe('section merge', () => {
  const base = report('draft').sections;

  it('RP-4: sections changed on different devices are both kept', () => {
    const local = { ...base, challenges: 'Power cuts in the afternoons.' };
    const remote = { ...base, outputs: 'Fault code list (14 codes).' };
    expect(mergeSections(base, local, remote)).toEqual({
      sections: {
        ...base,
        challenges: 'Power cuts in the afternoons.',
        outputs: 'Fault code list (14 codes).',
      },
      clashes: [],
    });
  });

  it('RP-4: a section changed on both sides clashes and keeps the remote text', () => {
    const local = { ...base, summary: 'Phone summary.', interns: 'One intern.' };
    const remote = { ...base, summary: 'Tablet summary.' };
    const { sections, clashes } = mergeSections(base, local, remote);
    expect(clashes).toEqual(['summary']);
    expect(sections.summary).toBe('Tablet summary.');
    expect(sections.interns).toBe('One intern.');
  });

  it('RP-4: the objectives merge as one section', () => {
    const local = {
      ...base,
      objectives: base.objectives.map((o, i) => (i === 0 ? { ...o, progress: 'achieved' as const } : o)),
    };
    const remote = {
      ...base,
      objectives: base.objectives.map((o, i) => (i === 1 ? { ...o, evidence: 'Outline sent.' } : o)),
    };
    expect(mergeSections(base, local, remote).clashes).toEqual(['objectives']);
    expect(mergeSections(base, local, base).sections.objectives[0]!.progress).toBe('achieved');
  });

  it('RP-4: an unchanged side takes the other side; the same change on both is no clash', () => {
    const changed = { ...base, recommendations: 'Name a focal point.' };
    expect(mergeSections(base, base, changed)).toEqual({ sections: changed, clashes: [] });
    expect(mergeSections(base, changed, base)).toEqual({ sections: changed, clashes: [] });
    expect(mergeSections(base, changed, changed)).toEqual({ sections: changed, clashes: [] });
  });
});

describe('transitions (checkReportChange)', () => {
  const draft = report('draft');
  const submitted = report('submitted');
  const endorsed = report('endorsed');
  const changesRequested = report('changes_requested');
  const edit = (r: Report) => withSections(r, { outputs: 'Fault code list.' });
  const endorse = (r: Report): Report => ({
    ...r,
    status: 'endorsed',
    decision: {
      kind: 'endorsed',
      comment: 'Good work.',
      fullName: 'Supervisor One',
      sectionsRevision: markerOf(r.sections),
    },
  });
  const requestChanges = (r: Report): Report => ({
    ...r,
    status: 'changes_requested',
    decision: {
      kind: 'changes_requested',
      comment: 'Add the outputs.',
      sectionsRevision: markerOf(r.sections),
    },
  });
  const review = (r: Report): Report => ({ ...r, status: 'reviewed', review: { comment: 'Filed.' } });

  it('RP-2: the expert creates a draft or a report already submitted; no one else creates one', () => {
    expect(checkReportChange(expert1, assignment, undefined, newReport(assignment, 'final'))).toEqual({
      ok: true,
      kind: 'create',
    });
    expect(checkReportChange(expert1, assignment, undefined, { ...draft, status: 'submitted' })).toEqual({
      ok: true,
      kind: 'submit',
    });
    for (const other of [supervisor1, officer, expert2]) {
      expectRefused(checkReportChange(other, assignment, undefined, draft), 'forbidden', /Only the expert/);
    }
    expectRefused(
      checkReportChange(expert1, assignment, undefined, endorse(draft)),
      'rule',
      /cannot go from draft to endorsed/,
    );
  });

  it('RP-1: the id is the assignment and kind; neither may change', () => {
    expectRefused(
      checkReportChange(expert1, assignment, undefined, { ...draft, id: 'asg-1:other' }),
      'rule',
      /id is its assignment and kind/,
    );
    const moved = { ...draft, kind: 'final' as const, id: reportId('asg-1', 'final') };
    expectRefused(checkReportChange(expert1, assignment, draft, moved), 'rule', /cannot change/);
  });

  it('RP-2 RP-3: the expert edits and submits a draft or a report with changes requested', () => {
    expect(checkReportChange(expert1, assignment, draft, edit(draft))).toEqual({ ok: true, kind: 'edit' });
    expect(checkReportChange(expert1, assignment, draft, draft)).toEqual({ ok: true, kind: null });
    expect(checkReportChange(expert1, assignment, draft, { ...draft, status: 'submitted' })).toEqual({
      ok: true,
      kind: 'submit',
    });
    expect(checkReportChange(expert1, assignment, changesRequested, edit(changesRequested))).toEqual({
      ok: true,
      kind: 'edit',
    });
    expect(
      checkReportChange(expert1, assignment, changesRequested, {
        ...edit(changesRequested),
        status: 'submitted',
      }),
    ).toEqual({ ok: true, kind: 'submit' });
  });

  it('RP-2: a report needs a summary to be submitted, and only its expert submits it', () => {
    const blank = withSections({ ...draft, status: 'submitted' }, { summary: '  ' });
    expectRefused(checkReportChange(expert1, assignment, draft, blank), 'rule', /Write a summary/);
    for (const other of [supervisor1, officer]) {
      expectRefused(
        checkReportChange(other, assignment, draft, { ...draft, status: 'submitted' }),
        'forbidden',
        /Only the expert/,
      );
    }
  });

  it('RP-3: only the expert writes sections; the expert writes no decision or review', () => {
    for (const other of [supervisor1, officer]) {
      expectRefused(checkReportChange(other, assignment, draft, edit(draft)), 'forbidden', /Only the expert/);
    }
    const withDecision = { ...draft, decision: { kind: 'endorsed' as const, comment: 'Self-endorsed.' } };
    expectRefused(checkReportChange(expert1, assignment, draft, withDecision), 'forbidden', /decision/);
    expectRefused(
      checkReportChange(expert1, assignment, draft, { ...draft, review: { comment: 'Fine.' } }),
      'forbidden',
      /decision/,
    );
    expectRefused(
      checkReportChange(expert1, assignment, draft, { ...withDecision, status: 'submitted' }),
      'forbidden',
      /decision/,
    );
  });

  it('RP-2: the assignment’s supervisor endorses or requests changes, with a comment', () => {
    expect(checkReportChange(supervisor1, assignment, submitted, endorse(submitted))).toEqual({
      ok: true,
      kind: 'endorse',
    });
    expect(checkReportChange(supervisor1, assignment, submitted, requestChanges(submitted))).toEqual({
      ok: true,
      kind: 'request_changes',
    });
    const noComment = { ...endorse(submitted), decision: { kind: 'endorsed' as const, comment: ' ' } };
    expectRefused(
      checkReportChange(supervisor1, assignment, submitted, noComment),
      'rule',
      /^Write a comment to endorse the report\.$/,
    );
    // Decided on the text as it was before it was sent back and resubmitted: not this one.
    const earlier = withSections(submitted, { summary: 'The text the supervisor read.' });
    expectRefused(
      checkReportChange(supervisor1, assignment, submitted, {
        ...submitted,
        ...endorse(earlier),
        sections: submitted.sections,
      }),
      'rule',
      /changed since this decision was made/,
    );
    const unread = { ...endorse(submitted), decision: { kind: 'endorsed' as const, comment: 'Fine.' } };
    expectRefused(
      checkReportChange(supervisor1, assignment, submitted, unread),
      'rule',
      /does not say which text the decision was made on/,
    );
    const mismatched = { ...endorse(submitted), status: 'changes_requested' as const };
    expectRefused(
      checkReportChange(supervisor1, assignment, submitted, mismatched),
      'rule',
      /^Write what the expert should change\.$/,
    );
    for (const other of [expert1, supervisor2, officer]) {
      expectRefused(
        checkReportChange(other, assignment, submitted, endorse(submitted)),
        'forbidden',
        /host supervisor/,
      );
    }
    expectRefused(
      checkReportChange(supervisor1, assignment, draft, endorse(draft)),
      'rule',
      /cannot go from draft to endorsed/,
    );
  });

  it('RP-3: a supervisor’s decision cannot change the text or add a review', () => {
    expectRefused(
      checkReportChange(supervisor1, assignment, submitted, edit(endorse(submitted))),
      'forbidden',
      /cannot change the report text/,
    );
    expectRefused(
      checkReportChange(supervisor1, assignment, submitted, {
        ...endorse(submitted),
        review: { comment: 'x' },
      }),
      'forbidden',
      /cannot change the report text/,
    );
  });

  it('RP-2 RP-3: only an officer marks an endorsed report reviewed, without changing it', () => {
    expect(checkReportChange(officer, assignment, endorsed, review(endorsed))).toEqual({
      ok: true,
      kind: 'review',
    });
    for (const other of [expert1, supervisor1]) {
      expectRefused(checkReportChange(other, assignment, endorsed, review(endorsed)), 'forbidden', /officer/);
    }
    expectRefused(
      checkReportChange(officer, assignment, endorsed, edit(review(endorsed))),
      'forbidden',
      /cannot change the report/,
    );
    expectRefused(
      checkReportChange(officer, assignment, submitted, review(submitted)),
      'rule',
      /cannot go from submitted to reviewed/,
    );
  });

  it('RP-5: submitted, endorsed and reviewed reports are locked for editing, with a plain reason', () => {
    expectRefused(
      checkReportChange(expert1, assignment, submitted, edit(submitted)),
      'rule',
      /^This report is submitted and waiting for your host supervisor; you can edit it again if they request changes\.$/,
    );
    expectRefused(
      checkReportChange(expert1, assignment, endorsed, edit(endorsed)),
      'rule',
      /endorsed by your host supervisor and can no longer be edited/,
    );
    const reviewed = report('reviewed');
    expectRefused(
      checkReportChange(expert1, assignment, reviewed, edit(reviewed)),
      'rule',
      /reviewed by the programme officer and can no longer be edited/,
    );
  });

  it('RP-2: no going back: a decided report is not submitted, re-decided or returned to draft', () => {
    expectRefused(
      checkReportChange(expert1, assignment, submitted, { ...submitted, status: 'draft' }),
      'rule',
      /cannot go from submitted to draft/,
    );
    expectRefused(
      checkReportChange(supervisor1, assignment, endorsed, requestChanges(endorsed)),
      'rule',
      /cannot go from endorsed to changes requested/,
    );
    expectRefused(
      checkReportChange(expert1, assignment, endorsed, { ...endorsed, status: 'submitted' }),
      'rule',
      /cannot go from endorsed to submitted/,
    );
    const reviewed = report('reviewed');
    expectRefused(
      checkReportChange(supervisor1, assignment, reviewed, endorse(reviewed)),
      'rule',
      /cannot go from reviewed to endorsed/,
    );
  });
});

describe('terms-of-reference objectives (reportObjectivesRefusal)', () => {
  const draft = report('draft');
  const objectives = (r: Report) => r.sections.objectives;
  const withObjectives = (r: Report, list: ObjectiveEntry[]): Report => withSections(r, { objectives: list });
  type ObjectiveEntry = Report['sections']['objectives'][number];
  const entry = (objective: string): ObjectiveEntry => ({ objective, progress: 'in_progress', evidence: '' });

  it('RP-3: progress and evidence are the expert’s to write', () => {
    expect(reportObjectivesRefusal(assignment, undefined, draft)).toBeNull();
    const progressed = withObjectives(
      draft,
      objectives(draft).map((o, i) => ({ ...o, progress: 'achieved', evidence: `Evidence ${i}` })),
    );
    expect(reportObjectivesRefusal(assignment, draft, progressed)).toBeNull();
  });

  it('RP-3: the objectives are the assignment’s, all of them, in their order', () => {
    const [first, second] = objectives(draft) as [ObjectiveEntry, ObjectiveEntry];
    const wrong: ObjectiveEntry[][] = [
      [entry('Write a nice report.')],
      [second, first],
      [first],
      [first, second, entry('One more.')],
      [first, { ...second, objective: 'Draft a tariff guideline, perhaps.' }],
      [],
    ];
    for (const list of wrong) {
      expect(englishOf(reportObjectivesRefusal(assignment, undefined, withObjectives(draft, list))!)).toBe(
        'The objectives of a report are the terms-of-reference objectives of its assignment, all of them and in their order: only their progress and evidence can be written.',
      );
      expect(reportObjectivesRefusal(assignment, draft, withObjectives(draft, list))).not.toBeNull();
    }
  });

  it('RP-3: a report begun before the terms of reference changed keeps its objectives, or takes the new ones', () => {
    const revised = {
      objectives: ['Train the water-quality unit.', 'Write the tariff guideline.', 'Hand over.'],
    };
    const progressed = withObjectives(draft, [
      { ...objectives(draft)[0]!, progress: 'achieved' },
      objectives(draft)[1]!,
    ]);
    expect(reportObjectivesRefusal(revised, draft, progressed)).toBeNull();
    const adopted = withObjectives(draft, revised.objectives.map(entry));
    expect(reportObjectivesRefusal(revised, draft, adopted)).toBeNull();
    expect(
      reportObjectivesRefusal(revised, draft, withObjectives(draft, [entry('Something else.')])),
    ).not.toBeNull();
    // Nothing to keep for a report the server does not hold yet.
    expect(reportObjectivesRefusal(revised, undefined, draft)).not.toBeNull();
  });
});
