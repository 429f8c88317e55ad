/**
 * Knowledge-transfer reports on the real sync server (docs/sync-protocol.md RP-*): transitions and
 * refusals per role over HTTP, field permissions, the lock, the server's history, first decision
 * wins, two real device databases editing one report, and the demo seed. Test names cite the rules.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates';
import { newReport } from '../../src/shared/rules/report-rules';
import type { CollectionName, Report } from '../../src/shared/schemas';
import { TEXT_SECTIONS, reportId } from '../../src/shared/schemas/report.schema';
import {
  API_PATHS,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type SyncDocument,
} from '../../src/shared/sync/protocol';
import { openTestDevice, waitUntil, type TestDevice } from '../helpers/devices';
import { createTestClock, login, startTestServer, type TestServer } from '../helpers/test-server';
import { markerOf } from '../../src/shared/sync/revision';

type ReportDoc = SyncDocument<'reports'>;
const WHO = ['expert1', 'expert2', 'supervisor1', 'supervisor2', 'officer'] as const;
type Who = (typeof WHO)[number];
const accepted: PushResponse = { conflicts: [], rejections: [] };

/** One seeded server with signed-in demo users, and the HTTP calls the tests make. */
function serverFixture() {
  const clock = createTestClock();
  const f = {
    server: undefined as unknown as TestServer,
    tokens: {} as Record<Who, string>,
    clock,

    async push(who: Who, collection: CollectionName, rows: PushRow[]): Promise<PushResponse> {
      const response = await fetch(`${f.server.url}${API_PATHS.push(collection)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${f.tokens[who]}`, 'content-type': 'application/json' },
        body: JSON.stringify(rows),
      });
      const text = await response.text();
      expect(response.status, text).toBe(200);
      return JSON.parse(text) as PushResponse;
    },

    async pull<K extends CollectionName>(who: Who, collection: K): Promise<SyncDocument<K>[]> {
      const response = await fetch(`${f.server.url}${API_PATHS.pull(collection)}?limit=500`, {
        headers: { authorization: `Bearer ${f.tokens[who]}` },
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as PullResponse<K>).documents;
    },

    async report(id: string): Promise<ReportDoc | undefined> {
      return (await f.pull('officer', 'reports')).find((r) => r.id === id);
    },

    /** Pushes `next` as a change of the server's current version of the same report. */
    async decide(who: Who, next: ReportDoc): Promise<PushResponse> {
      const assumed = await f.report(next.id);
      return f.push(who, 'reports', [{ newDocumentState: next, assumedMasterState: assumed }]);
    },
  };
  beforeAll(async () => {
    f.server = await startTestServer({ now: clock.now });
    for (const who of WHO) f.tokens[who] = await login(f.server.url, `${who}@demo.test`);
  });
  afterAll(() => f.server.close());
  return f;
}

function expectRefused(response: PushResponse, code: string, message: RegExp) {
  expect(response.rejections).toHaveLength(1);
  expect(response.rejections[0]).toMatchObject({ code });
  expect(response.rejections[0]!.message).toMatch(message);
}

const OBJECTIVES = [
  'Set up a preventive maintenance schedule for the ministry’s 40 rural boreholes.',
  'Train the water-quality unit in field testing and reporting of results.',
  'Draft a tariff-setting guideline with the regional water utilities.',
];

describe('demo seed', () => {
  const f = serverFixture();

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
    const ids = async (who: Who) => (await f.pull(who, 'reports')).map((r) => r.id).sort();
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
    expect(await f.decide('supervisor2', endorsing)).toEqual(accepted);
    expect((await f.report(waiting.id))!.history!.at(-1)).toMatchObject({
      byName: 'Ngozi Adeyemi',
      from: 'submitted',
      to: 'endorsed',
      comment: 'Matches what we agreed.',
    });
  });
});

describe('a final report through every transition', () => {
  const f = serverFixture();
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
    for (const insider of ['supervisor1', 'officer'] as const) {
      expectRefused(
        await f.push(insider, 'reports', [{ newDocumentState: base() }]),
        'forbidden',
        /Only the expert/,
      );
    }
    for (const outsider of ['expert2', 'supervisor2'] as const) {
      const response = await f.push(outsider, 'reports', [{ newDocumentState: base() }]);
      expectRefused(response, 'forbidden', /assignments you work on or supervise/);
      expect(response.conflicts).toEqual([{ ...base(), _deleted: true }]);
    }
    expect(await f.report(id)).toBeUndefined();
  });

  it('RP-6: the expert creates a draft; a history sent by the device is ignored', async () => {
    const forged = [
      {
        at: '2001-01-01T00:00:00.000Z',
        byUserId: 'x',
        byName: 'Nobody',
        role: 'officer',
        from: 'submitted',
        to: 'reviewed',
      },
    ];
    expect(
      await f.push('expert1', 'reports', [{ newDocumentState: { ...base(), history: forged } }]),
    ).toEqual(accepted);
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
    expect(await f.decide('expert1', written)).toEqual(accepted);
    f.clock.advance(60_000);
    const draft = await current();
    const sent = { ...draft, status: 'submitted' as const };
    expect(await f.decide('expert1', sent)).toEqual(accepted);
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
    expectRefused(await f.decide('expert1', endorsing), 'forbidden', /host supervisor/);
    expectRefused(await f.decide('officer', endorsing), 'forbidden', /host supervisor/);
    expectRefused(
      await f.decide('supervisor2', endorsing),
      'forbidden',
      /assignments you work on or supervise/,
    );
    expectRefused(await f.decide('expert2', endorsing), 'forbidden', /assignments you work on or supervise/);
    expect((await current()).status).toBe('submitted');
  });

  it('RP-2 RP-3: a decision needs a comment and cannot change the text', async () => {
    const stored = await current();
    const blank = {
      ...stored,
      status: 'changes_requested' as const,
      decision: decision('changes_requested', '  '),
    };
    expectRefused(await f.decide('supervisor1', blank), 'rule', /needs a comment/);
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
    ).toEqual(accepted);
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
    expect(await f.decide('expert1', edited)).toEqual(accepted);
    expect(await f.decide('expert1', { ...(await current()), status: 'submitted' })).toEqual(accepted);
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
    ).toEqual(accepted);
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
    expect(await f.decide('officer', reviewing)).toEqual(accepted);
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
    expect(await f.push('officer', 'assignments', [{ newDocumentState: short }])).toEqual(accepted);
    const midterm = { ...newReport(short, 'midterm'), _deleted: false };
    expectRefused(
      await f.push('expert1', 'reports', [{ newDocumentState: midterm }]),
      'rule',
      /no mid-term report/,
    );
    const inception = { ...newReport(short, 'inception'), _deleted: false };
    expect(await f.push('expert1', 'reports', [{ newDocumentState: inception }])).toEqual(accepted);
  });
});

describe('terms-of-reference objectives', () => {
  const f = serverFixture();
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
    expect(await f.decide('expert1', progressed)).toEqual(accepted);
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
    ).toEqual(accepted);
    const midterm = (await f.report(midtermId))!;
    const kept = { ...midterm, sections: { ...midterm.sections, challenges: 'The spare parts arrived.' } };
    expect(await f.decide('expert1', kept)).toEqual(accepted);
    const [first, second] = midterm.sections.objectives;
    expect(await f.decide('expert1', withObjectives(kept, [first!, second!, entry(revised[2]!)]))).toEqual(
      accepted,
    );
    expectRefused(
      await f.decide('expert1', withObjectives(kept, [first!, second!, entry('Something else.')])),
      'rule',
      /terms-of-reference objectives/,
    );
  });
});

describe('first decision wins', () => {
  const f = serverFixture();

  it('RP-2: a decision made on another text than the server holds is refused, even based on the current version', async () => {
    const submitted = (await f.report('asg-expert2:inception'))!;
    expect(submitted.status).toBe('submitted');
    // What a device that re-applied an old decision on a resubmitted text would send.
    const readEarlier = { ...submitted.sections, summary: 'The text before it was sent back.' };
    const endorse: ReportDoc = {
      ...submitted,
      status: 'endorsed',
      decision: { kind: 'endorsed', comment: 'Endorsed.', sectionsRevision: markerOf(readEarlier) },
    };
    expectRefused(
      await f.push('supervisor2', 'reports', [{ newDocumentState: endorse, assumedMasterState: submitted }]),
      'rule',
      /changed since this decision was made/,
    );
    expect((await f.report(submitted.id))!.status).toBe('submitted');
  });

  it('RP-4 SP-3: a second decision based on the submitted version gets the server version back, not a refusal', async () => {
    const submitted = (await f.report('asg-expert2:inception'))!;
    const requestChanges: ReportDoc = {
      ...submitted,
      status: 'changes_requested',
      decision: { kind: 'changes_requested', comment: 'Add the interns plan.' },
    };
    const endorse: ReportDoc = {
      ...submitted,
      status: 'endorsed',
      decision: {
        kind: 'endorsed',
        comment: 'Endorsed from the laptop.',
        sectionsRevision: markerOf(submitted.sections),
      },
    };
    expect(
      await f.push('supervisor2', 'reports', [{ newDocumentState: endorse, assumedMasterState: submitted }]),
    ).toEqual(accepted);
    const seqBefore = await f.server.storage.latestSeq();
    const late = await f.push('supervisor2', 'reports', [
      { newDocumentState: requestChanges, assumedMasterState: submitted },
    ]);
    expect(late.rejections).toEqual([]);
    expect(late.conflicts).toEqual([await f.report(submitted.id)]);
    expect(late.conflicts[0]).toMatchObject({
      status: 'endorsed',
      decision: { comment: 'Endorsed from the laptop.' },
    });
    expect(await f.server.storage.latestSeq()).toBe(seqBefore);
  });

  it('RP-4 SP-3: an edit based on an older version is a conflict, and the stored text is unchanged', async () => {
    const midterm = (await f.report('asg-expert1:midterm'))!;
    const fromPhone = { ...midterm, sections: { ...midterm.sections, outputs: 'Phone: checklist.' } };
    expect(await f.decide('expert1', fromPhone)).toEqual(accepted);
    const fromTablet = { ...midterm, sections: { ...midterm.sections, outputs: 'Tablet: schedule.' } };
    const response = await f.push('expert1', 'reports', [
      { newDocumentState: fromTablet, assumedMasterState: midterm },
    ]);
    expect(response.rejections).toEqual([]);
    expect(response.conflicts[0]).toMatchObject({ sections: { outputs: 'Phone: checklist.' } });
  });
});

describe('two devices editing one report', () => {
  let server: TestServer;
  const devices: TestDevice[] = [];
  const MIDTERM = reportId('asg-expert1', 'midterm');

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await Promise.all(devices.splice(0).map((device) => device.close()));
    await server.close();
  });

  async function expertDevice(): Promise<TestDevice> {
    const device = await openTestDevice('user-expert1', server.url, 'expert');
    devices.push(device);
    device.startSync(await login(server.url, 'expert1@demo.test'));
    await waitUntil(
      async () => (await device.device.db.reports.findOne(MIDTERM).exec()) !== null,
      'the mid-term report',
    );
    return device;
  }

  async function editSection(device: TestDevice, section: (typeof TEXT_SECTIONS)[number], text: string) {
    const doc = await device.device.db.reports.findOne(MIDTERM).exec();
    await doc!.incrementalModify((data) => {
      data.sections = { ...data.sections, [section]: text };
      return data;
    });
  }

  const sectionsOn = async (device: TestDevice) =>
    (await device.device.db.reports.findOne(MIDTERM).exec())?.toJSON().sections as
      Report['sections'] | undefined;

  async function sectionsOnServer() {
    const token = await login(server.url, 'officer@demo.test');
    const response = await fetch(`${server.url}${API_PATHS.pull('reports')}?limit=500`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { documents } = (await response.json()) as PullResponse<'reports'>;
    return documents.find((r) => r.id === MIDTERM)!.sections;
  }

  it('RP-4: different sections edited while one device is offline: the server and both devices keep both edits', async () => {
    const phone = await expertDevice();
    const tablet = await expertDevice();
    await tablet.sync?.stop();

    await editSection(phone, 'outputs', 'Preventive maintenance checklist, version 2.');
    await waitUntil(() => phone.sync?.state.pendingCount === 0, 'the phone’s edit on the server');
    expect((await sectionsOnServer()).outputs).toBe('Preventive maintenance checklist, version 2.');
    await editSection(tablet, 'recommendations', 'Budget spare parts for the generators every year.');
    tablet.startSync(await login(server.url, 'expert1@demo.test'));

    const both = async (sections: Promise<Report['sections'] | undefined>) => {
      const s = await sections;
      return (
        s?.outputs === 'Preventive maintenance checklist, version 2.' &&
        s.recommendations === 'Budget spare parts for the generators every year.'
      );
    };
    await waitUntil(() => both(sectionsOnServer()), 'both edits on the server');
    await waitUntil(() => both(sectionsOn(tablet)), 'both edits on the tablet');
    await waitUntil(() => both(sectionsOn(phone)), 'both edits on the phone');
    await waitUntil(() => tablet.sync?.state.pendingCount === 0, 'the tablet synced');
    expect(await phone.device.db.refusals.count().exec()).toBe(0);
    expect(await tablet.device.db.refusals.count().exec()).toBe(0);
  });

  it('RP-4 SP-3: the same section edited on both: the server keeps the first, the later device keeps its text aside', async () => {
    const phone = await expertDevice();
    const tablet = await expertDevice();
    await tablet.sync?.stop();

    await editSection(phone, 'challenges', 'Phone: spare parts are late.');
    await waitUntil(() => phone.sync?.state.pendingCount === 0, 'the phone’s edit on the server');
    await editSection(tablet, 'challenges', 'Tablet: security escorts take a week.');
    tablet.startSync(await login(server.url, 'expert1@demo.test'));

    const refusal = await waitUntil(
      async () => (await tablet.device.db.refusals.find().exec())[0],
      'the tablet’s text set aside',
    );
    expect(refusal.code).toBe('conflict');
    expect(refusal.docId).toBe(MIDTERM);
    expect(refusal.message).toMatch(/Challenges/);
    expect((JSON.parse(refusal.attempted) as Report).sections.challenges).toBe(
      'Tablet: security escorts take a week.',
    );
    await waitUntil(
      async () => (await sectionsOn(tablet))?.challenges === 'Phone: spare parts are late.',
      'the tablet to take the server’s text',
    );
    await waitUntil(() => tablet.sync?.state.pendingCount === 0, 'the tablet synced');
    expect((await sectionsOnServer()).challenges).toBe('Phone: spare parts are late.');
    expect((await sectionsOn(phone))?.challenges).toBe('Phone: spare parts are late.');
    expect(await phone.device.db.refusals.count().exec()).toBe(0);
  });
});
