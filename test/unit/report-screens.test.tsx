// @vitest-environment jsdom
/** Report screens for the three roles, autosave and two-device clashes, against a real device database. */
import 'fake-indexeddb/auto';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Fieldbook } from '../../src/session/FieldbookProvider';
import { openUserDatabase, type DeviceDatabase } from '../../src/db/database';
import { saveLog } from '../../src/db/logs';
import { ensureReport, saveSection, submitReport } from '../../src/db/reports';
import { reportDraftKey } from '../../src/features/reports/useReportAutosave';
import { addDays, localIsoDate } from '../../src/shared/dates';
import { dayCountingRule } from '../../src/i18n/labels';
import { formatDay } from '../../src/ui/format';
import type { Report } from '../../src/shared/schemas';
import { reportId } from '../../src/shared/schemas/report.schema';
import type { PublicUser } from '../../src/shared/users';
import { markerOf } from '../../src/shared/sync/revision';
import { fakeFieldbook } from '../helpers/fake-fieldbook';
import { anAssignment, expert, officer, supervisor } from '../helpers/builders';
import { englishOf } from '../helpers/english';
import type { Reason } from '../../src/shared/reasons';

const fake = vi.hoisted(() => ({ current: null as unknown as Fieldbook }));
vi.mock('../../src/session/FieldbookProvider', () => ({
  useFieldbook: () => fake.current,
  apiBaseUrl: () => 'http://server.test',
}));
const { routes } = await import('../../src/app/routes');

const today = localIsoDate();
const assignment = anAssignment({
  // Started 30 days ago: the inception report (due after 14 days) is overdue, the others are not.
  startDate: addDays(today, -30),
  endDate: addDays(today, 30),
  objectives: ['Train the borehole team'],
});
const ID = reportId(assignment.id, 'inception');
/** The database answers slowly on a busy two-core machine: wait for it generously. */
const SLOW = { timeout: 10_000 };
const PATH = `/assignments/${assignment.id}/reports/inception`;

let device: DeviceDatabase;
let counter = 0;

beforeEach(async () => {
  counter += 1;
  device = await openUserDatabase(`report-screens-${counter}`, {
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
  await device.db.assignments.insert(assignment);
  await saveLog(device, {
    id: 'log-1',
    assignmentId: assignment.id,
    date: addDays(today, -2),
    hours: 8,
    workMode: 'on_site',
    location: 'Baidoa',
    activities: 'Training day',
    ktActivities: [{ type: 'training', peopleReached: 14 }],
    notes: '',
  });
  localStorage.clear();
});
afterEach(async () => {
  cleanup();
  await device.db.remove();
});

function renderAs(user: PublicUser, path = PATH) {
  fake.current = fakeFieldbook(user, device, 'token-1');
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return { router, user: userEvent.setup() };
}

async function stored(): Promise<Report | undefined> {
  return (await device.db.reports.findOne(ID).exec())?.toJSON() as Report | undefined;
}

async function submittedReport(summary = 'Twelve technicians trained.') {
  await ensureReport(device, assignment, 'inception');
  await saveSection(device, ID, 'summary', summary);
  await submitReport(device, ID);
}

async function seedStatus(status: Report['status'], extra: Partial<Report> = {}) {
  await submittedReport();
  const doc = await device.db.reports.findOne(ID).exec();
  await doc?.incrementalPatch({ status, ...extra });
}

describe('reports on the assignment page', () => {
  it('lists the due reports with their status and marks the overdue one', async () => {
    await submittedReport();
    await (await device.db.reports.findOne(ID).exec())?.incrementalPatch({ status: 'changes_requested' });
    renderAs(expert, `/assignments/${assignment.id}`);
    const reports = await screen.findByRole('region', { name: 'Reports' });
    const inception = await within(reports).findByRole('link', {
      name: 'Inception report: Changes requested — action needed, overdue',
    });
    expect(inception.getAttribute('href')).toBe(PATH);
    expect(within(reports).getByRole('link', { name: 'Mid-term report: Not started' })).toBeTruthy();
    expect(within(reports).getByRole('link', { name: 'Final report: Not started' })).toBeTruthy();
    expect(within(reports).getAllByText('Overdue')).toHaveLength(1);
  });

  it('no longer marks a submitted report overdue', async () => {
    await submittedReport();
    renderAs(expert, `/assignments/${assignment.id}`);
    const reports = await screen.findByRole('region', { name: 'Reports' });
    expect(
      await within(reports).findByRole('link', {
        name: 'Inception report: Submitted — waiting for endorsement',
      }),
    ).toBeTruthy();
    expect(within(reports).queryByText('Overdue')).toBeNull();
  });
});

describe('writing a report', () => {
  it('autosaves typing to the device database and shows it again after a remount', async () => {
    const { user } = renderAs(expert);
    const summary = await screen.findByLabelText('Summary');
    expect(screen.getByText('Saved on this device')).toBeTruthy();
    await user.type(summary, 'Trained the team');
    expect(screen.getByText('Saving…')).toBeTruthy();
    await waitFor(async () => expect((await stored())?.sections.summary).toBe('Trained the team'));
    expect(await screen.findByText('Saved on this device')).toBeTruthy();
    expect(localStorage.getItem(reportDraftKey(device.userId, ID))).toBeNull();

    cleanup();
    renderAs(expert);
    expect(((await screen.findByLabelText('Summary')) as HTMLTextAreaElement).value).toBe('Trained the team');
  });

  it('writes on blur without waiting for the pause in typing', async () => {
    const { user } = renderAs(expert);
    await user.type(await screen.findByLabelText('Challenges'), 'Power cuts');
    await user.click(screen.getByLabelText('Outputs and materials produced'));
    await waitFor(async () => expect((await stored())?.sections.challenges).toBe('Power cuts'));
  });

  it('keeps keystrokes in localStorage inside the autosave window and restores them after a kill', async () => {
    const { user } = renderAs(expert);
    await user.type(await screen.findByLabelText('Challenges'), 'Generator broke');
    // Written synchronously with each keystroke, before the database write.
    const buffered = JSON.parse(localStorage.getItem(reportDraftKey(device.userId, ID)) ?? '{}');
    expect(buffered.challenges?.value).toBe('Generator broke');
    expect(buffered.challenges?.base).toBe('');
    await waitFor(async () => expect((await stored())?.sections.challenges).toBe('Generator broke'));
    cleanup();

    // The app was killed while "Generator broke down twice" was still inside the window.
    localStorage.setItem(
      reportDraftKey(device.userId, ID),
      JSON.stringify({
        challenges: {
          value: 'Generator broke down twice',
          base: 'Generator broke',
          at: new Date().toISOString(),
        },
      }),
    );
    renderAs(expert);
    const challenges = (await screen.findByLabelText('Challenges')) as HTMLTextAreaElement;
    await waitFor(() => expect(challenges.value).toBe('Generator broke down twice'));
    await waitFor(async () =>
      expect((await stored())?.sections.challenges).toBe('Generator broke down twice'),
    );
  });

  it('keeps killed keystrokes as another version when the saved text changed since', async () => {
    await ensureReport(device, assignment, 'inception');
    await saveSection(device, ID, 'summary', 'Text from the other phone');
    localStorage.setItem(
      reportDraftKey(device.userId, ID),
      JSON.stringify({
        summary: { value: 'Typed here before the kill', base: '', at: new Date().toISOString() },
      }),
    );
    renderAs(expert);
    expect(await screen.findByRole('heading', { name: 'Another version of Summary' })).toBeTruthy();
    expect(screen.getByText('Typed here before the kill')).toBeTruthy();
    expect(((await screen.findByLabelText('Summary')) as HTMLTextAreaElement).value).toBe(
      'Text from the other phone',
    );
  });

  it('keeps killed keystrokes aside when the report was submitted since', async () => {
    await ensureReport(device, assignment, 'inception');
    await (await device.db.reports.findOne(ID).exec())!.incrementalPatch({ status: 'submitted' });
    localStorage.setItem(
      reportDraftKey(device.userId, ID),
      JSON.stringify({
        challenges: { value: 'Typed here before the kill', base: '', at: new Date().toISOString() },
        outputs: { value: 'A checklist, typed too', base: '', at: new Date().toISOString() },
      }),
    );
    renderAs(expert);
    // Both fields, kept at the same moment: neither is lost.
    const kept = await waitFor(async () => {
      const refusals = (await device.db.refusals.find().exec()).map((doc) => doc.toJSON());
      expect(refusals).toHaveLength(2);
      return refusals;
    });
    expect(
      kept.every((refusal) => /the report is submitted now/.test(englishOf(refusal.reasons as Reason[]))),
    ).toBe(true);
    const typed = kept.map((refusal) => JSON.parse(refusal.attempted).sections);
    expect(typed.map((sections) => sections.challenges)).toContain('Typed here before the kill');
    expect(typed.map((sections) => sections.outputs)).toContain('A checklist, typed too');
    // Each field leaves the buffer once its refusal is written (a moment after it shows).
    await waitFor(() => expect(localStorage.getItem(reportDraftKey(device.userId, ID))).toBeNull());
  });

  it('counts characters per section', async () => {
    await ensureReport(device, assignment, 'inception');
    await saveSection(device, ID, 'outputs', 'x'.repeat(1234));
    const { user } = renderAs(expert);
    const outputs = await screen.findByLabelText('Outputs and materials produced');
    const outputsCount = document.getElementById(outputs.getAttribute('aria-describedby') ?? '');
    expect(outputsCount?.textContent).toBe('1 234 / 20 000 characters');
    const summary = screen.getByLabelText('Summary');
    await user.type(summary, 'Hello');
    expect(document.getElementById(summary.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      '5 / 20 000 characters',
    );
  });

  it('RP-7: shows the activity summary of the report’s period next to the narrative, and saves objective progress', async () => {
    // Within the inception report's period (the start to its due date, 14 days later): counted.
    // Travelling there and working on site the same day is one on-site day.
    for (const [id, workMode, peopleReached] of [
      ['log-early-travel', 'travel', 0],
      ['log-early-site', 'on_site', 6],
    ] as const) {
      await saveLog(device, {
        id,
        assignmentId: assignment.id,
        date: assignment.startDate,
        hours: 4,
        workMode,
        location: 'Baidoa',
        activities: 'Arrival and first session',
        ktActivities: [{ type: 'training', peopleReached }],
        notes: '',
      });
    }
    const { user } = renderAs(expert);
    expect(await screen.findByLabelText('Knowledge-transfer activities', {}, SLOW)).toBeTruthy();
    const activity = screen.getByRole('region', { name: 'Activity summary from the daily logs' });
    // The logs arrive from the database a moment after the report; log-1 (two days ago) is after
    // the due date, so it is not counted.
    await waitFor(() => {
      const training = within(activity).getByRole('row', { name: /Training/ });
      expect(
        within(training)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ).toEqual(['2', '6']);
    }, SLOW);
    expect(within(activity).getByText('On-site days').nextSibling?.textContent).toBe('1');
    expect(within(activity).getByText('Travel days').nextSibling?.textContent).toBe('0');
    expect(within(activity).getByText('People reached in total').nextSibling?.textContent).toBe('6');
    // The period and the rule are on the report and on its printout.
    const period = within(activity).getByText('Period covered').nextSibling as HTMLElement;
    expect(period.textContent).toBe(
      `${formatDay(assignment.startDate)} to ${formatDay(addDays(assignment.startDate, 14))}`,
    );
    expect(period.closest('.no-print')).toBeNull();
    expect(within(activity).getByText(dayCountingRule()).closest('.no-print')).toBeNull();
    await user.selectOptions(screen.getByLabelText('Progress on objective 1'), 'achieved');
    await user.type(screen.getByLabelText('Evidence for objective 1'), 'Attendance list');
    await waitFor(async () =>
      expect((await stored())?.sections.objectives[0]).toEqual({
        objective: 'Train the borehole team',
        progress: 'achieved',
        evidence: 'Attendance list',
      }),
    );
  });

  it('RP-7: the final report’s summary covers the whole assignment', async () => {
    renderAs(expert, `/assignments/${assignment.id}/reports/final`);
    const activity = await screen.findByRole(
      'region',
      { name: 'Activity summary from the daily logs' },
      SLOW,
    );
    expect(within(activity).getByText('Period covered').nextSibling?.textContent).toBe(
      `${formatDay(assignment.startDate)} to ${formatDay(assignment.endDate)}`,
    );
    await waitFor(
      () => expect(within(activity).getByText('People reached in total').nextSibling?.textContent).toBe('14'),
      SLOW,
    );
  });

  it('cannot be submitted without a summary, and is read-only once submitted', async () => {
    const { user } = renderAs(expert);
    const submit = await screen.findByRole('button', { name: 'Submit report' });
    expect(submit).toHaveProperty('disabled', true);
    expect(screen.getByText('Write a summary before submitting the report.')).toBeTruthy();
    await user.type(screen.getByLabelText('Summary'), 'All done');
    expect(submit).toHaveProperty('disabled', false);
    await user.click(submit);
    const dialog = screen.getByRole('dialog', { name: 'Submit this report?' });
    await user.click(within(dialog).getByRole('button', { name: 'Yes, submit' }));
    expect(await screen.findByText('Submitted — waiting for endorsement')).toBeTruthy();
    const saved = await stored();
    expect(saved?.status).toBe('submitted');
    expect(saved?.sections.summary).toBe('All done');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Submit report' })).toBeNull();
    expect(screen.getByRole('region', { name: 'Summary' }).textContent).toContain('All done');
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
  });
});

describe('deciding on a report', () => {
  it('lets the supervisor endorse only with a comment, signed with a typed name', async () => {
    await submittedReport();
    const { user } = renderAs(supervisor);
    expect(await screen.findByText('Twelve technicians trained.')).toBeTruthy();
    expect(screen.queryByLabelText('Summary', { selector: 'textarea' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Endorse' }));
    expect(await screen.findByText('Write a comment to endorse the report.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Comment'));
    expect((await stored())?.status).toBe('submitted');

    await user.type(screen.getByLabelText('Comment'), 'Matches what we saw.');
    await user.type(screen.getByLabelText('Full name'), 'Sam Supervisor');
    await user.click(screen.getByRole('button', { name: 'Endorse' }));
    const endorsement = await screen.findByRole('region', { name: 'Endorsement by the host institution' });
    expect(endorsement.textContent).toContain('Sam Supervisor');
    expect(endorsement.textContent).toContain('Matches what we saw.');
    const decided = await stored();
    expect(decided?.decision).toEqual({
      kind: 'endorsed',
      comment: 'Matches what we saw.',
      fullName: 'Sam Supervisor',
      // The text the supervisor read, which the server checks.
      sectionsRevision: markerOf(decided!.sections),
    });
    expect(screen.queryByRole('button', { name: 'Endorse' })).toBeNull();
  });

  it('lets the supervisor request changes only with a comment, which the expert then reads', async () => {
    await submittedReport();
    const { user } = renderAs(supervisor);
    await user.click(await screen.findByRole('button', { name: 'Request changes' }));
    expect(await screen.findByText('Write what the expert should change.')).toBeTruthy();
    expect((await stored())?.status).toBe('submitted');
    await user.type(screen.getByLabelText('Comment'), 'Add the training numbers.');
    await user.click(screen.getByRole('button', { name: 'Request changes' }));
    await waitFor(async () => expect((await stored())?.status).toBe('changes_requested'));
    cleanup();

    renderAs(expert);
    const notice = await screen.findByRole('region', { name: 'Changes requested' });
    expect(notice.textContent).toContain('Add the training numbers.');
    expect(await screen.findByLabelText('Summary')).toBeTruthy();
  });

  it('shows the supervisor a refused decision on the report, with the comment they wrote', async () => {
    await submittedReport();
    const current = await stored();
    const attempted = {
      ...current!,
      status: 'endorsed',
      decision: { kind: 'endorsed', comment: 'Matches what we saw.', sectionsRevision: 'stale' },
    };
    await device.db.refusals.insert({
      id: `reports:${ID}:1`,
      collectionName: 'reports',
      docId: ID,
      attempted: JSON.stringify(attempted),
      code: 'rule',
      message:
        'The report changed since this decision was made (it was sent back and resubmitted). Read it again, then decide.',
      at: new Date().toISOString(),
      fields: ['decision'],
    });
    renderAs(supervisor);
    const refused = await screen.findByRole('region', { name: '1 change was not saved' });
    expect(refused.textContent).toContain('The report changed since this decision was made');
    expect(refused.textContent).toContain('Matches what we saw.');
    // The form is offered again, to decide on the text as it is now.
    expect(screen.getByRole('button', { name: 'Endorse' })).toBeTruthy();
  });

  it('offers the supervisor nothing to decide on a report that is not submitted', async () => {
    await ensureReport(device, assignment, 'inception');
    renderAs(supervisor);
    expect(await screen.findByText('Draft')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Endorse' })).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('lets the officer mark an endorsed report reviewed, with an optional comment', async () => {
    await seedStatus('endorsed', { decision: { kind: 'endorsed', comment: 'Fine.' } });
    const { user } = renderAs(officer);
    await user.click(await screen.findByRole('button', { name: 'Mark reviewed' }));
    await waitFor(async () => expect((await stored())?.status).toBe('reviewed'));
    expect(await screen.findByText('Reviewed')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mark reviewed' })).toBeNull();
  });

  it('does not offer the officer a review before the endorsement', async () => {
    await submittedReport();
    renderAs(officer);
    expect(await screen.findByText('Submitted — waiting for endorsement')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mark reviewed' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Endorse' })).toBeNull();
  });

  it('shows the history with who, role, when, the step and the comment', async () => {
    await seedStatus('endorsed', {
      decision: { kind: 'endorsed', comment: 'Fine.' },
      history: [
        {
          at: '2025-07-02T09:00:00.000Z',
          byUserId: supervisor.id,
          byName: 'Sam Supervisor',
          role: 'supervisor',
          from: 'submitted',
          to: 'endorsed',
          comment: 'Fine.',
        },
      ],
    });
    renderAs(expert);
    const history = await screen.findByRole('region', { name: 'History' });
    expect(history.textContent).toContain('Sam Supervisor (Host supervisor)');
    expect(history.textContent).toContain('Endorsed');
    expect(history.textContent).not.toMatch(/→|submitted|endorsed/);
    expect(history.textContent).toContain('“Fine.”');
  });

  it('lists submitted reports on the supervisor home screen to endorse', async () => {
    await submittedReport();
    renderAs(supervisor, '/');
    const list = await screen.findByRole('region', { name: 'To sign and endorse' });
    const link = await within(list).findByRole('link', { name: 'Amina Expert — Inception report' });
    expect(link.getAttribute('href')).toBe(PATH);
  });
});

describe('two-device clashes', () => {
  async function clash(summary: string, n = 1) {
    const current = await stored();
    if (!current) throw new Error('no report');
    await device.db.refusals.insert({
      id: `reports:${ID}:${n}`,
      collectionName: 'reports',
      docId: ID,
      attempted: JSON.stringify({ ...current, sections: { ...current.sections, summary } }),
      code: 'conflict',
      message:
        '“Summary” was also changed on another device. Both versions are kept: choose one or combine them.',
      at: new Date().toISOString(),
      fields: ['summary'],
    });
  }

  beforeEach(async () => {
    await ensureReport(device, assignment, 'inception');
    await saveSection(device, ID, 'summary', 'Server summary');
  });

  it('shows the other version of the clashing section and uses it on request', async () => {
    await clash('Phone summary');
    const { user } = renderAs(expert);
    expect(await screen.findByRole('heading', { name: 'Another version of Summary' })).toBeTruthy();
    expect(screen.getByText('Phone summary')).toBeTruthy();
    expect(((await screen.findByLabelText('Summary')) as HTMLTextAreaElement).value).toBe('Server summary');
    await user.click(screen.getByRole('button', { name: 'Use this version' }));
    await waitFor(() =>
      expect((screen.getByLabelText('Summary') as HTMLTextAreaElement).value).toBe('Phone summary'),
    );
    expect((await stored())?.sections.summary).toBe('Phone summary');
    await waitFor(() =>
      expect(screen.queryByRole('heading', { name: 'Another version of Summary' })).toBeNull(),
    );
    await waitFor(async () => expect(await device.db.refusals.count().exec()).toBe(0));
  });

  it('adds the other version below, or keeps the current text', async () => {
    await clash('Phone summary');
    const { user } = renderAs(expert);
    await user.click(await screen.findByRole('button', { name: 'Add below the current text' }));
    await waitFor(() =>
      expect((screen.getByLabelText('Summary') as HTMLTextAreaElement).value).toBe(
        'Server summary\n\nPhone summary',
      ),
    );
    await waitFor(async () => expect(await device.db.refusals.count().exec()).toBe(0));

    await clash('Another phone summary', 2);
    await user.click(await screen.findByRole('button', { name: 'Keep current' }));
    await waitFor(() =>
      expect(screen.queryByRole('heading', { name: 'Another version of Summary' })).toBeNull(),
    );
    expect((await stored())?.sections.summary).toBe('Server summary\n\nPhone summary');
  });
});
