/** Report reads and writes on a real device database (RxDB on Dexie, schema-validated). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDevice, type TestDevice } from '../helpers/devices';
import {
  endorseReport,
  ensureReport,
  markReviewed,
  requestChanges,
  resolveClash,
  saveObjective,
  saveSection,
  submitReport,
} from '../../src/db/reports';
import { clashingSections, keepClash, type Refusal } from '../../src/db/refusals';
import { checkReportChange } from '../../src/shared/rules/report-workflow';
import { markerOf } from '../../src/shared/sync/revision';
import type { Report } from '../../src/shared/schemas';
import { reportId } from '../../src/shared/schemas/report.schema';
import type { PublicUser } from '../../src/shared/users';
import { anAssignment, expert, officer, supervisor } from '../helpers/builders';
import { refusedWith } from '../helpers/english';

const assignment = anAssignment({
  objectives: ['Train the borehole team', 'Write the maintenance plan'],
});
const ID = reportId(assignment.id, 'inception');

let phone: TestDevice;
beforeEach(async () => {
  phone = await openTestDevice(expert.id, 'http://unused.test');
  await phone.device.db.assignments.insert(assignment);
});
afterEach(async () => {
  await phone.close();
});

async function stored(): Promise<Report> {
  const doc = await phone.device.db.reports.findOne(ID).exec();
  if (!doc) throw new Error('no report');
  return doc.toJSON() as Report;
}

/** The device must only write what the server will accept from this user. */
function accepted(user: PublicUser, before: Report, after: Report): boolean {
  return checkReportChange(user, assignment, before, after).ok;
}

describe('device report writes', () => {
  it('creates one report per kind, with one entry per objective, however often it is opened', async () => {
    const [a, b] = await Promise.all([
      ensureReport(phone.device, assignment, 'inception'),
      ensureReport(phone.device, assignment, 'inception'),
    ]);
    expect(a.id).toBe(ID);
    expect(b.id).toBe(ID);
    expect(await phone.device.db.reports.count().exec()).toBe(1);
    const report = await stored();
    expect(report.status).toBe('draft');
    expect(report.sections.objectives.map((entry) => entry.objective)).toEqual(assignment.objectives);
    expect(report.sections.objectives.every((entry) => entry.progress === 'not_started')).toBe(true);
  });

  it('saves sections written at the same moment without losing either', async () => {
    await ensureReport(phone.device, assignment, 'inception');
    await Promise.all([
      saveSection(phone.device, ID, 'summary', 'Trained twelve technicians.'),
      saveSection(phone.device, ID, 'challenges', 'Power cuts.'),
      saveObjective(phone.device, ID, 1, { progress: 'in_progress', evidence: 'Draft plan' }),
    ]);
    const report = await stored();
    expect(report.sections.summary).toBe('Trained twelve technicians.');
    expect(report.sections.challenges).toBe('Power cuts.');
    expect(report.sections.objectives[0]).toEqual({
      objective: 'Train the borehole team',
      progress: 'not_started',
      evidence: '',
    });
    expect(report.sections.objectives[1]).toEqual({
      objective: 'Write the maintenance plan',
      progress: 'in_progress',
      evidence: 'Draft plan',
    });
  });

  it('submits only with a summary, then locks the text', async () => {
    const draft = await ensureReport(phone.device, assignment, 'inception');
    expect(await refusedWith(submitReport(phone.device, ID))).toMatch('Write a summary');
    await saveSection(phone.device, ID, 'summary', 'Done.');
    const before = await stored();
    const submitted = await submitReport(phone.device, ID);
    expect(submitted.status).toBe('submitted');
    expect(accepted(expert, before, submitted)).toBe(true);
    expect(draft.status).toBe('draft');
    expect(await refusedWith(saveSection(phone.device, ID, 'summary', 'Changed'))).toMatch(
      'This report is submitted and waiting for your host supervisor',
    );
    expect((await stored()).sections.summary).toBe('Done.');
  });

  it('endorses or requests changes only with a comment, as the server expects from the supervisor', async () => {
    await ensureReport(phone.device, assignment, 'inception');
    await saveSection(phone.device, ID, 'summary', 'Done.');
    await submitReport(phone.device, ID);
    expect(await refusedWith(endorseReport(phone.device, ID, '  ', 'Sam Supervisor'))).toMatch('comment');
    expect(await refusedWith(requestChanges(phone.device, ID, ''))).toMatch('change');
    expect((await stored()).status).toBe('submitted');

    const before = await stored();
    const endorsed = await endorseReport(phone.device, ID, ' Good work ', ' Sam Supervisor ');
    expect(endorsed.status).toBe('endorsed');
    expect(endorsed.decision).toEqual({
      kind: 'endorsed',
      comment: 'Good work',
      fullName: 'Sam Supervisor',
      sectionsRevision: markerOf(before.sections),
    });
    expect(accepted(supervisor, before, endorsed)).toBe(true);
    expect(await refusedWith(requestChanges(phone.device, ID, 'Too late'))).toMatch(
      'Only a submitted report',
    );

    const reviewed = await markReviewed(phone.device, ID, '');
    expect(reviewed.status).toBe('reviewed');
    expect(accepted(officer, endorsed, reviewed)).toBe(true);
  });

  it('sends a report back with the requested changes, and the expert can edit again', async () => {
    await ensureReport(phone.device, assignment, 'inception');
    await saveSection(phone.device, ID, 'summary', 'Done.');
    await submitReport(phone.device, ID);
    expect(await refusedWith(markReviewed(phone.device, ID))).toMatch('Only an endorsed report');
    const before = await stored();
    const back = await requestChanges(phone.device, ID, 'Add the training numbers.');
    expect(back.decision).toEqual({
      kind: 'changes_requested',
      comment: 'Add the training numbers.',
      sectionsRevision: markerOf(before.sections),
    });
    expect(accepted(supervisor, before, back)).toBe(true);
    await saveSection(phone.device, ID, 'summary', 'Done. 12 trained.');
    expect((await stored()).sections.summary).toBe('Done. 12 trained.');
  });
});

describe('settling a two-device clash', () => {
  async function clash(sections: Partial<Report['sections']>, message: string) {
    const current = await stored();
    const id = `reports:${ID}:${Math.random()}`;
    await phone.device.db.refusals.insert({
      id,
      collectionName: 'reports',
      docId: ID,
      attempted: JSON.stringify({ ...current, sections: { ...current.sections, ...sections } }),
      code: 'conflict',
      message,
      at: new Date().toISOString(),
      fields: Object.keys(sections),
    });
    return id;
  }
  const refusalCount = () => phone.device.db.refusals.count().exec();

  beforeEach(async () => {
    await ensureReport(phone.device, assignment, 'inception');
    await saveSection(phone.device, ID, 'summary', 'Server text');
    await saveSection(phone.device, ID, 'challenges', 'Server challenges');
  });

  it('uses the other version and forgets the clash once every section is settled', async () => {
    const id = await clash(
      { summary: 'Phone text', challenges: 'Phone challenges' },
      '“Summary”, “Challenges” were also changed on another device.',
    );
    await resolveClash(phone.device, id, 'summary', 'use');
    expect((await stored()).sections.summary).toBe('Phone text');
    expect(await refusalCount()).toBe(1);
    await resolveClash(phone.device, id, 'challenges', 'keep');
    expect((await stored()).sections.challenges).toBe('Server challenges');
    expect(await refusalCount()).toBe(0);
  });

  it('offers only the sections the clash names, kept as data with the refusal', async () => {
    const current = await stored();
    // The tablet also changed the outputs, alone: that merged cleanly and is not a clash.
    await keepClash(phone.device.db, {
      collection: 'reports',
      docId: ID,
      attempted: { ...current, sections: { ...current.sections, summary: 'Phone text', outputs: 'Older' } },
      fields: ['summary'],
      reasons: [{ id: 'device.clash.sections', values: { count: 1 } }],
    });
    const [refusal] = (await phone.device.db.refusals.find().exec()).map((doc) => doc.toJSON() as Refusal);
    expect(refusal!.fields).toEqual(['summary']);
    expect(clashingSections(refusal!, current)).toEqual(['summary']);
  });

  it('adds the other version below the current text', async () => {
    const id = await clash({ summary: 'Phone text' }, '“Summary” was also changed on another device.');
    await resolveClash(phone.device, id, 'summary', 'append');
    expect((await stored()).sections.summary).toBe('Server text\n\nPhone text');
    expect(await refusalCount()).toBe(0);
  });
});
