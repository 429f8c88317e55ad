/**
 * User text as wide as it gets: a 200-character word (a pasted link, a place name typed without
 * spaces) in every text field of an assignment, its logs, a returned timesheet and two reports.
 * On a 320 px screen each page that shows them keeps to the screen's width, and every Edit link
 * can still be tapped (nothing lies over it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localIsoDate } from '../../src/shared/dates';
import type { Assignment, CollectionDocs, CollectionName, DailyLog, Report } from '../../src/shared/schemas';
import { reportId, type ReportSections } from '../../src/shared/schemas/report.schema';
import { timesheetId } from '../../src/shared/schemas/timesheet.schema';
import type { SyncDocument } from '../../src/shared/sync/protocol';
import { markerOf } from '../../src/shared/sync/revision';
import { DEMO_USERS, previousMonth } from '../../sync-server/src/seed';
import { toSyncDocument } from '../../sync-server/src/sync/documents';
import { applyPush } from '../../sync-server/src/sync/push';
import { serverSnapshot } from '../../sync-server/src/sync/timesheets';
import type { Storage } from '../../sync-server/src/storage/types';
import { startBrowserSession, type BrowserSession } from './session';
import type { AppPage } from './pages/app-page';
import { assignmentPath, editLogPath, HOME_PATH, reportPath, timesheetPath } from '../../src/shared/paths';

const SCREEN_WIDTH_PX = 320;

/** One unbroken word of `length` characters, marked with `what` so a failure says which field. */
function longWord(what: string, length = 200): string {
  const start = `https://example.org/${what}/`;
  return `${start}${'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'.repeat(Math.ceil(length / 36))}`.slice(0, length);
}

const today = localIsoDate();
const thisMonth = today.slice(0, 7);
const lastMonth = previousMonth(thisMonth);
const ASSIGNMENT_ID = 'asg-long-text';

/** Written as `userId` through the server's own push rules; any refusal fails the set-up. */
async function write<K extends CollectionName>(
  storage: Storage,
  userId: string,
  collection: K,
  docs: readonly CollectionDocs[K][],
): Promise<void> {
  const user = DEMO_USERS.find((demo) => demo.id === userId)!;
  const rows = [];
  for (const doc of docs) {
    const current = await storage.getDocument(collection, doc.id);
    rows.push({
      newDocumentState: { ...doc, _deleted: false } as SyncDocument,
      assumedMasterState: current ? toSyncDocument(current) : undefined,
    });
  }
  const pushed = await applyPush({ storage, user, now: new Date() }, collection, rows);
  if (pushed.rejections.length > 0 || pushed.conflicts.length > 0) {
    throw new Error(`Refused: ${JSON.stringify(pushed)}`);
  }
}

async function stored<K extends CollectionName>(storage: Storage, collection: K, id: string) {
  return (await storage.getDocument(collection, id))!.data as CollectionDocs[K];
}

/** expert1's assignment with long text everywhere, its logs, a returned month and two reports. */
async function seedLongText(storage: Storage): Promise<void> {
  const assignment: Assignment = {
    id: ASSIGNMENT_ID,
    expertId: 'user-expert1',
    expertName: longWord('expert-name'),
    institution: { name: longWord('institution'), country: 'Somalia', sector: 'Water' },
    supervisorIds: ['user-supervisor1'],
    supervisorNames: [longWord('supervisor-name')],
    // Remote: an on-site one would overlap expert1's demo assignment.
    mode: 'virtual',
    startDate: addDays(today, -45),
    endDate: addDays(today, 45),
    objectives: [longWord('objective', 1000)],
    status: 'active',
  };
  await write(storage, 'user-officer', 'assignments', [assignment]);

  const log = (date: string): DailyLog => ({
    id: `log-long-${date}`,
    assignmentId: ASSIGNMENT_ID,
    date,
    hours: 6,
    workMode: 'remote',
    location: longWord(`location-${date}`),
    activities: longWord(`activities-${date}`, 5000),
    ktActivities: [{ type: 'training', peopleReached: 12 }],
    notes: longWord(`notes-${date}`, 5000),
  });
  const returnedDay = `${lastMonth}-10`;
  await write(storage, 'user-expert1', 'logs', [log(returnedDay), log(`${lastMonth}-11`), log(today)]);

  // Last month: submitted with a long typed name, returned with a long comment on the month and a day.
  const monthId = timesheetId(ASSIGNMENT_ID, lastMonth);
  await write(storage, 'user-expert1', 'timesheets', [
    {
      id: monthId,
      assignmentId: ASSIGNMENT_ID,
      month: lastMonth,
      status: 'submitted',
      submission: {
        declaration: true,
        fullName: longWord('declared-by'),
        snapshot: await serverSnapshot(storage, assignment, lastMonth),
      },
    },
  ]);
  await write(storage, 'user-supervisor1', 'timesheets', [
    {
      ...(await stored(storage, 'timesheets', monthId)),
      status: 'returned',
      returned: {
        comment: longWord('return-comment', 2000),
        dayComments: [{ date: returnedDay, comment: longWord('day-comment', 2000) }],
      },
    },
  ]);

  const sections: ReportSections = {
    summary: longWord('summary', 5000),
    ktNarrative: longWord('kt-narrative', 5000),
    outputs: longWord('outputs', 5000),
    challenges: longWord('challenges', 5000),
    recommendations: longWord('recommendations', 5000),
    sustainability: longWord('sustainability', 5000),
    interns: longWord('interns', 5000),
    objectives: [
      { objective: assignment.objectives[0]!, progress: 'in_progress', evidence: longWord('evidence', 5000) },
    ],
  };
  const report = (kind: Report['kind']): Report => ({
    id: reportId(ASSIGNMENT_ID, kind),
    assignmentId: ASSIGNMENT_ID,
    kind,
    status: 'submitted',
    sections,
  });
  await write(storage, 'user-expert1', 'reports', [report('inception'), report('midterm')]);
  const decided = async (kind: Report['kind'], decision: NonNullable<Report['decision']>) => ({
    ...(await stored(storage, 'reports', reportId(ASSIGNMENT_ID, kind))),
    status: decision.kind,
    decision: { ...decision, sectionsRevision: markerOf(sections) },
  });
  await write(storage, 'user-supervisor1', 'reports', [
    await decided('inception', {
      kind: 'endorsed',
      comment: longWord('endorsement', 2000),
      fullName: longWord('endorsed-by'),
    }),
    await decided('midterm', { kind: 'changes_requested', comment: longWord('changes-requested', 2000) }),
  ]);
}

let session: BrowserSession;
let expert: AppPage;
let officer: AppPage;

beforeAll(async () => {
  session = await startBrowserSession();
  await seedLongText(session.server.storage);
  for (const [email, set] of [
    ['expert1@demo.test', (app: AppPage) => (expert = app)],
    ['officer@demo.test', (app: AppPage) => (officer = app)],
  ] as const) {
    const { app } = await session.signedIn(email);
    await app.page.setViewportSize({ width: SCREEN_WIDTH_PX, height: 740 });
    set(app);
  }
});
afterAll(async () => {
  await session?.close();
});

/**
 * Each Edit link is on top where it is drawn (a tap at its centre reaches it), and the page is no
 * wider than the screen (naming what reaches past it).
 */
async function expectFitsTheScreen(app: AppPage, what: string): Promise<void> {
  const page = app.page;
  const editLinks = page.getByRole('link', { name: /^Edit/ });
  for (const link of await editLinks.all()) {
    await link.scrollIntoViewIfNeeded();
    const { onTop, left, right } = await link.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return {
        onTop: hit !== null && element.contains(hit),
        left: box.left + scrollX,
        right: box.right + scrollX,
      };
    });
    const name = (await link.getAttribute('aria-label')) ?? (await link.textContent());
    expect(onTop, `${what}: ${name} can be tapped`).toBe(true);
    expect([left, right], `${what}: ${name} lies within the screen's width`).toSatisfy(
      ([from, to]: number[]) => from! >= 0 && to! <= SCREEN_WIDTH_PX,
    );
  }

  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const name = (element: Element) =>
      `${element.tagName.toLowerCase()}.${String(element.className)} “${(element.textContent ?? '').slice(0, 30)}”`;
    const past = [...document.body.querySelectorAll('*')]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .map(name);
    // Text can run out of a box that itself fits: each line of text is measured too.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      range.selectNodeContents(node);
      if ([...range.getClientRects()].some((line) => line.width > 0 && line.right > width + 0.5))
        past.push(`text in ${name(node.parentElement!)}`);
    }
    return { width, scrollWidth: document.documentElement.scrollWidth, past: past.slice(0, 6) };
  });
  expect(overflow.width, 'the screen width').toBe(SCREEN_WIDTH_PX);
  expect(
    overflow.scrollWidth,
    `${what} is wider than the screen: ${overflow.past.join('; ')}`,
  ).toBeLessThanOrEqual(SCREEN_WIDTH_PX);
}

describe('the widest user text on a 320 px screen', () => {
  it("the expert's home", async () => {
    await expert.openScreen(HOME_PATH, 'My assignments');
    await expert.page.getByRole('link', { name: /institution/ }).waitFor();
    await expectFitsTheScreen(expert, 'the home');
  });

  it('the assignment page with its log cards', async () => {
    await expert.openScreen(assignmentPath(ASSIGNMENT_ID), /institution/);
    await expert.page.getByRole('link', { name: `Edit log of ${today}` }).waitFor();
    await expect(expert.page.getByRole('link', { name: /^Edit log of/ }).count()).resolves.toBe(3);
    await expectFitsTheScreen(expert, 'the assignment page');
  });

  it('a log opened for editing', async () => {
    await expert.openScreen(editLogPath(`log-long-${today}`), /Edit/);
    await expectFitsTheScreen(expert, 'the log form');
  });

  it('the returned timesheet and the current month', async () => {
    await expert.openScreen(timesheetPath(ASSIGNMENT_ID, lastMonth), /^Timesheet/);
    await expert.page
      .getByText(/day-comment/)
      .first()
      .waitFor();
    await expectFitsTheScreen(expert, 'the returned timesheet');
    await expert.openScreen(timesheetPath(ASSIGNMENT_ID, thisMonth), /^Timesheet/);
    await expert.page
      .getByText(new RegExp(`activities-${today}`))
      .first()
      .waitFor();
    await expectFitsTheScreen(expert, "this month's timesheet");
  });

  it('the endorsed report and the report sent back for changes', async () => {
    await expert.openScreen(reportPath(ASSIGNMENT_ID, 'inception'), /Inception report/);
    await expert.page
      .getByText(/endorsed-by/)
      .first()
      .waitFor();
    await expectFitsTheScreen(expert, 'the endorsed report');
    await expert.openScreen(reportPath(ASSIGNMENT_ID, 'midterm'), /Mid-term report/);
    await expert.page
      .getByText(/changes-requested/)
      .first()
      .waitFor();
    await expectFitsTheScreen(expert, 'the report sent back');
  });

  it("the officer's assignment list and the assignment page with its Edit link", async () => {
    await officer.openScreen(HOME_PATH, 'All assignments');
    await officer.page
      .getByRole('link', { name: /institution/ })
      .first()
      .waitFor();
    await expectFitsTheScreen(officer, "the officer's list");
    await officer.openScreen(assignmentPath(ASSIGNMENT_ID), /institution/);
    await officer.page.getByRole('link', { name: 'Edit assignment' }).waitFor();
    await expectFitsTheScreen(officer, "the officer's assignment page");
  });
});
