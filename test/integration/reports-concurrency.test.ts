/**
 * One report changed in two places at once (docs/sync-protocol.md RP-2, RP-4, SP-3): the first
 * decision wins, an edit based on an older version is a conflict, and two real device databases
 * editing one report keep both edits or set the later one aside. Test names cite the rules.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/shared/schemas';
import { TEXT_SECTIONS, reportId } from '../../src/shared/schemas/report.schema';
import { markerOf } from '../../src/shared/sync/revision';
import type { SyncDocument } from '../../src/shared/sync/protocol';
import { ACCEPTED, expectRefused, useApiServer } from '../helpers/api-client';
import { openTestDevice, waitUntil, type TestDevice } from '../helpers/devices';
import { login, serverReader, startTestServer, type TestServer } from '../helpers/test-server';
import { englishOf } from '../helpers/english';
import type { Reason } from '../../src/shared/reasons';

type ReportDoc = SyncDocument<'reports'>;

describe('first decision wins', () => {
  const f = useApiServer();

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
    ).toEqual(ACCEPTED);
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
    expect(await f.decide('expert1', fromPhone)).toEqual(ACCEPTED);
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
    const documents = await serverReader(server.url, 'officer@demo.test')('reports');
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
    // The clash names its section on the screen from `fields`; the reason says how many clashed.
    expect(refusal.fields).toEqual(['challenges']);
    expect(englishOf(refusal.reasons as Reason[])).toMatch(/This section was also changed on another device/);
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
