/**
 * What the server tells whom (docs/reminders.md PN-3, PN-6): the notices of timesheet and report
 * transitions, and the daily reminder of what waits, each in its reader's language (issue 13).
 */
import { describe, expect, it } from 'vitest';
import { intlLocale, type Language } from '../../src/shared/languages';
import { readPushPayload } from '../../src/shared/push';
import type { Report, Timesheet } from '../../src/shared/schemas';
import {
  dailyReminder,
  noticeOfChange,
  waitingOnAssignment,
  type Notice,
  type WaitingItem,
} from '../../sync-server/src/notifications/notices';
import type { DocumentReader, StoredDocument } from '../../sync-server/src/storage/types';
import { anAssignment } from '../helpers/builders';

const now = new Date('2026-12-02T10:00:00Z');
const access = { expertId: 'e1', supervisorIds: ['s1', 's2'] };
const step = (from: string, to: string, byUserId: string, at = '2026-12-02T09:00:00.000Z') => ({
  at,
  byUserId,
  byName: byUserId === 'e1' ? 'Amina Yusuf' : 'Abdirahman Warsame',
  role: byUserId === 'e1' ? 'expert' : 'supervisor',
  from,
  to,
});

function stored(collection: 'timesheets' | 'reports', data: Timesheet | Report): StoredDocument {
  return { collection, id: data.id, assignmentId: 'a1', data, deleted: false, seq: 1 } as StoredDocument;
}

/** The notice as an English reader gets it. */
const inEnglish = (notice: Notice | undefined) =>
  notice && { userIds: notice.userIds, key: notice.key, payload: notice.payloadIn('en') };

const report = (patch: Partial<Report>): Report =>
  ({
    id: 'a1:midterm',
    assignmentId: 'a1',
    kind: 'midterm',
    status: 'draft',
    sections: {},
    ...patch,
  }) as Report;

describe('notices of transitions (PN-3)', () => {
  it('a submitted month goes to its supervisors, a returned one to its expert, with the document’s URL', () => {
    const submitted = {
      id: 'a1:2026-11',
      assignmentId: 'a1',
      month: '2026-11',
      status: 'submitted',
      history: [step('draft', 'submitted', 'e1')],
    } as Timesheet;
    expect(inEnglish(noticeOfChange(stored('timesheets', submitted), access, now))).toEqual({
      userIds: ['s1', 's2'],
      key: 'timesheets:a1:2026-11:1:2026-12-02T09:00:00.000Z:submitted',
      payload: {
        title: 'Amina Yusuf submitted November 2026',
        body: 'Open it to approve or return it.',
        url: '/assignments/a1/timesheets/2026-11',
        tag: 'timesheets:a1:2026-11',
      },
    });
    const returned = {
      ...submitted,
      status: 'returned',
      returned: { comment: 'Check the 5th.', dayComments: [] },
      history: [...submitted.history!, step('submitted', 'returned', 's1')],
    } as Timesheet;
    expect(inEnglish(noticeOfChange(stored('timesheets', returned), access, now))).toMatchObject({
      userIds: ['e1'],
      payload: { title: 'November 2026 was returned to you', body: 'Abdirahman Warsame: Check the 5th.' },
    });
  });

  it('reports: submitted to the supervisors; endorsed and sent back to the expert', () => {
    const submitted = report({ status: 'submitted', history: [step('draft', 'submitted', 'e1')] });
    expect(inEnglish(noticeOfChange(stored('reports', submitted), access, now))).toMatchObject({
      userIds: ['s1', 's2'],
      payload: { url: '/assignments/a1/reports/midterm', tag: 'reports:a1:midterm' },
    });
    for (const [status, title] of [
      ['endorsed', 'Your mid-term report was endorsed'],
      ['changes_requested', 'Changes asked to your mid-term report'],
    ] as const) {
      const decided = report({
        status,
        decision: { kind: status, comment: 'See section 2.' },
        history: [...submitted.history!, step('submitted', status, 's2')],
      });
      expect(inEnglish(noticeOfChange(stored('reports', decided), access, now))).toMatchObject({
        userIds: ['e1'],
        payload: { title, body: 'Abdirahman Warsame: See section 2.' },
      });
    }
  });

  it('nothing for a draft, an old transition (a rewritten row), or the person who made the change', () => {
    expect(noticeOfChange(stored('reports', report({})), access, now)).toBeUndefined();
    const old = report({
      status: 'submitted',
      history: [step('draft', 'submitted', 'e1', '2026-11-20T09:00:00Z')],
    });
    expect(noticeOfChange(stored('reports', old), access, now)).toBeUndefined();
    const bySupervisor = report({ status: 'submitted', history: [step('draft', 'submitted', 's1')] });
    expect(noticeOfChange(stored('reports', bySupervisor), access, now)?.userIds).toEqual(['s2']);
  });
});

describe('the daily reminder (PN-6)', () => {
  const item = (since: string, title: string, dueSoon = false): WaitingItem => ({
    userId: 's1',
    since,
    title: () => title,
    url: `/x/${title}`,
    ...(dueSoon ? { dueSoon } : {}),
  });

  it('tells what has waited three days or more, and what is due soon; nothing newer', () => {
    expect(dailyReminder('s1', [item('2026-11-30', 'recent')], '2026-12-02')).toBeUndefined();
    expect(inEnglish(dailyReminder('s1', [item('2026-11-29', 'old')], '2026-12-02'))).toEqual({
      userIds: ['s1'],
      key: 'daily:2026-12-02',
      payload: { title: 'old', body: 'Waiting since 2026-11-29.', url: '/x/old', tag: 'fieldbook-daily' },
    });
    const several = dailyReminder(
      's1',
      [item('2026-11-20', 'a'), item('2026-12-05', 'due', true), item('2026-11-10', 'b')],
      '2026-12-02',
    );
    expect(several?.payloadIn('en')).toEqual({
      title: '3 things wait for you in Fieldbook',
      body: 'b; a; due.',
      url: '/',
      tag: 'fieldbook-daily',
    });
  });
});

describe('in each reader’s language (issue 13)', () => {
  /** "2026-11" as Intl names it in the language: the month's name is the language's own. */
  const monthIn = (language: Language, month = '2026-11') =>
    new Intl.DateTimeFormat(intlLocale(language), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${month}-01T00:00:00Z`),
    );
  const submittedMonth = {
    id: 'a1:2026-11',
    assignmentId: 'a1',
    month: '2026-11',
    status: 'submitted',
    history: [step('draft', 'submitted', 'e1')],
  } as Timesheet;

  it('one notice is said to each reader in their own language; English to one who never chose', () => {
    const notice = noticeOfChange(stored('timesheets', submittedMonth), access, now)!;
    const link = { url: '/assignments/a1/timesheets/2026-11', tag: 'timesheets:a1:2026-11' };
    expect(monthIn('ar')).not.toBe('November 2026');
    expect(notice.payloadIn('ar')).toEqual({
      title: `تم تقديم كشف ساعات العمل لشهر ${monthIn('ar')} من Amina Yusuf`,
      body: 'افتحه لاعتماده أو إعادته.',
      ...link,
    });
    expect(notice.payloadIn(null)).toEqual({
      title: 'Amina Yusuf submitted November 2026',
      body: 'Open it to approve or return it.',
      ...link,
    });
  });

  it('names the report kind, and the comment’s author, in the reader’s language', () => {
    const endorsed = report({
      status: 'endorsed',
      decision: { kind: 'endorsed', comment: 'Well done.' },
      history: [step('draft', 'submitted', 'e1'), step('submitted', 'endorsed', 's2')],
    });
    const notice = noticeOfChange(stored('reports', endorsed), access, now)!;
    expect(notice.payloadIn('prs')).toMatchObject({
      title: 'گزارش میان‌دوره شما تصدیق شد',
      body: 'Abdirahman Warsame: Well done.',
    });
    expect(notice.payloadIn('so').title).toBe('Waa la ogolaaday warbixinta badhtamaha aad qortay');
  });

  it('the daily reminder: what waits, its count in the language’s plural forms and digits', async () => {
    const assignment = anAssignment({
      id: 'a1',
      expertId: 'e1',
      supervisorIds: ['s1'],
      startDate: '2026-10-01',
      endDate: '2026-12-20',
    });
    const months = ['2026-10', '2026-11'];
    const reader = {
      getDocument: async (collection: string, id: string) => {
        const month = months.find((m) => id === `a1:${m}`);
        if (collection !== 'timesheets' || !month) return undefined;
        const history = [
          step('draft', 'submitted', 'e1', `${month === '2026-10' ? '2026-11-05' : '2026-11-25'}T09:00:00Z`),
        ];
        return stored('timesheets', { ...submittedMonth, id, month, history } as Timesheet);
      },
    } as unknown as DocumentReader;
    const items = await waitingOnAssignment(reader, assignment, '2026-12-02');
    const reminder = dailyReminder('s1', items, '2026-12-02')!;
    expect(reminder.payloadIn('ps')).toMatchObject({
      title: '۲ شیان په Fieldbook کې ستاسو انتظار کوي',
      body: `د ${monthIn('ps', '2026-10')} د کاري وخت جدول ستاسو د لاسلیک انتظار کوي؛ د ${monthIn('ps')} د کاري وخت جدول ستاسو د لاسلیک انتظار کوي.`,
    });
    expect(reminder.payloadIn('ar').title).toBe('أمران ينتظرانك في Fieldbook');
    expect(reminder.payloadIn('en')).toMatchObject({
      title: '2 things wait for you in Fieldbook',
      body: 'October 2026 waits for your signature; November 2026 waits for your signature.',
    });
    const five = ['1', '2', '3', '4', '5'].map((n) => ({
      userId: 's1',
      since: `2026-11-0${n}`,
      title: () => n,
      url: '/',
    }));
    expect(dailyReminder('s1', five, '2026-12-02')!.payloadIn('ar')).toMatchObject({
      title: '٥ أمور تنتظرك في Fieldbook',
      body: '1؛ 2؛ 3 وأمران آخران.',
    });
  });
});

describe('the service worker’s reading of a push (PN-7)', () => {
  it('keeps a valid payload, and never opens a URL outside the app', () => {
    const payload = { title: 'T', body: 'B', url: '/assignments/a1', tag: 'x' };
    expect(readPushPayload(payload)).toEqual(payload);
    expect(readPushPayload({ ...payload, url: 'https://evil.example/' }).url).toBe('/');
    expect(readPushPayload({ ...payload, url: '//evil.example/' }).url).toBe('/');
    // In no language: the app's name only (issue 13).
    expect(readPushPayload(null)).toMatchObject({ title: 'Fieldbook', body: '', url: '/' });
  });
});
