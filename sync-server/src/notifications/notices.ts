/**
 * What to tell whom (docs/reminders.md PN-3, PN-6), worked out from committed documents only: the
 * server is the authority on what waits for a person. Pure functions; notifications.ts sends.
 * Each notice is said in each recipient's own language (issue 13): its words are in locales/*.po.
 */
import { join } from 'node:path';
import { addDays, daysBetween } from '../../../src/shared/dates';
import type { Language } from '../../../src/shared/languages';
import { reportPath as reportUrl, timesheetPath as timesheetUrl } from '../../../src/shared/paths';
import type { PushPayload } from '../../../src/shared/push';
import { isOverdue, reportsDue } from '../../../src/shared/rules/report-rules';
import { assignmentMonths } from '../../../src/shared/rules/timesheet-rules';
import type { Assignment, Report, Timesheet } from '../../../src/shared/schemas';
import { reportId, type ReportKind } from '../../../src/shared/schemas/report.schema';
import { timesheetId } from '../../../src/shared/schemas/timesheet.schema';
import { formatMonth } from '../i18n/formats';
import { serverMessages, type I18n } from '../i18n/server-messages';
import type { DocumentReader, StoredDocument } from '../storage/types';
import type { AssignmentAccess } from '../sync/event-bus';

/** The notices' words in every language, read once as the server starts. */
export const noticeWords = serverMessages(join(import.meta.dirname, 'locales'));

/** How a report kind reads inside a sentence ("the mid-term report"). */
const REPORT_KIND_WORDS: Record<ReportKind, string> = {
  inception: /*i18n*/ 'notices.reportKind.inception',
  midterm: /*i18n*/ 'notices.reportKind.midterm',
  final: /*i18n*/ 'notices.reportKind.final',
};
const reportKindIn = (i18n: I18n, kind: ReportKind) => i18n._(REPORT_KIND_WORDS[kind]);

/**
 * One notification for some users; `key` names it so each user gets it once (push_notices). Its
 * words are said in each recipient's language: `payloadIn(user.language)`.
 */
export interface Notice {
  userIds: string[];
  key: string;
  payloadIn(language: Language | null | undefined): PushPayload;
}

/** A transition older than this is not news: a row rewritten later (a move, a repair) is not told again. */
export const NOTICE_FRESH_MS = 86_400_000;
/** PN-6: what has waited this many days gets a daily reminder. */
export const REMIND_AFTER_DAYS = 3;
/** PN-6: a report's expert is reminded this many days before it is due. */
export const DUE_SOON_DAYS = 3;
const MAX_BODY_CHARS = 240;

type HistoryEntry = NonNullable<Timesheet['history']>[number];

const clip = (text: string) =>
  text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS - 1)}…` : text;

/** A notice whose payload is worded by `say` in the language asked for. */
function notice(
  userIds: string[],
  key: string,
  link: { url: string; tag: string },
  say: (i18n: I18n) => { title: string; body: string },
): Notice {
  return {
    userIds,
    key,
    payloadIn: (language) => {
      const { title, body } = say(noticeWords(language));
      return { title, body: clip(body), ...link };
    },
  };
}

/**
 * The transition that produced this version: its last history entry, when it led to the status,
 * with its key. The history is append-only, so its length names the transition: a row written
 * again without a new transition keeps the key, and is not told twice.
 */
function freshTransition(data: Timesheet | Report, now: Date): (HistoryEntry & { key: string }) | undefined {
  const history = data.history ?? [];
  const last = history.at(-1);
  if (!last || last.to !== data.status) return undefined;
  const at = Date.parse(last.at);
  if (!Number.isFinite(at) || now.getTime() - at > NOTICE_FRESH_MS) return undefined;
  return { ...last, key: `${history.length}:${last.at}:${last.to}` };
}

function timesheetNotice(doc: Timesheet, access: AssignmentAccess, now: Date): Notice | undefined {
  const step = freshTransition(doc, now);
  if (!step) return undefined;
  const key = `timesheets:${doc.id}:${step.key}`;
  const link = { url: timesheetUrl(doc.assignmentId, doc.month), tag: `timesheets:${doc.id}` };
  const name = step.byName;
  if (step.to === 'submitted') {
    return notice(access.supervisorIds, key, link, (i18n) => ({
      title: i18n._('notices.timesheet.submitted.title', { name, month: formatMonth(i18n, doc.month) }),
      body: i18n._('notices.timesheet.submitted.body'),
    }));
  }
  if (step.to === 'returned') {
    const written = doc.returned?.comment ?? step.comment;
    return notice([access.expertId], key, link, (i18n) => ({
      title: i18n._('notices.timesheet.returned.title', { month: formatMonth(i18n, doc.month) }),
      body: i18n._('notices.comment', {
        name,
        comment: written ?? i18n._('notices.timesheet.returned.noComment'),
      }),
    }));
  }
  return undefined;
}

function reportNotice(doc: Report, access: AssignmentAccess, now: Date): Notice | undefined {
  const step = freshTransition(doc, now);
  if (!step) return undefined;
  const key = `reports:${doc.id}:${step.key}`;
  const link = { url: reportUrl(doc.assignmentId, doc.kind), tag: `reports:${doc.id}` };
  const name = step.byName;
  const comment = doc.decision?.comment ?? step.comment;
  switch (step.to) {
    case 'submitted':
      return notice(access.supervisorIds, key, link, (i18n) => ({
        title: i18n._('notices.report.submitted.title', { name, report: reportKindIn(i18n, doc.kind) }),
        body: i18n._('notices.report.submitted.body'),
      }));
    case 'endorsed':
      return notice([access.expertId], key, link, (i18n) => ({
        title: i18n._('notices.report.endorsed.title', { report: reportKindIn(i18n, doc.kind) }),
        body: comment ? i18n._('notices.comment', { name, comment }) : name,
      }));
    case 'changes_requested':
      return notice([access.expertId], key, link, (i18n) => ({
        title: i18n._('notices.report.changesRequested.title', { report: reportKindIn(i18n, doc.kind) }),
        body: i18n._('notices.comment', {
          name,
          comment: comment ?? i18n._('notices.report.changesRequested.noComment'),
        }),
      }));
    default:
      return undefined;
  }
}

/** PN-3: the notice a committed row calls for, if any; never to the person who made the change. */
export function noticeOfChange(doc: StoredDocument, access: AssignmentAccess, now: Date): Notice | undefined {
  if (doc.deleted) return undefined;
  const found =
    doc.collection === 'timesheets'
      ? timesheetNotice(doc.data as Timesheet, access, now)
      : doc.collection === 'reports'
        ? reportNotice(doc.data as Report, access, now)
        : undefined;
  if (!found) return undefined;
  const actor = (doc.data as Timesheet | Report).history?.at(-1)?.byUserId;
  const userIds = found.userIds.filter((id) => id && id !== actor);
  return userIds.length > 0 ? { ...found, userIds } : undefined;
}

/** Something waiting for a person, for the daily reminder (PN-6). */
export interface WaitingItem {
  userId: string;
  /** ISO date it started waiting (for a report due soon: its due date). */
  since: string;
  /** What waits, in the words of the reader's language. */
  title: (i18n: I18n) => string;
  url: string;
  dueSoon?: boolean;
}

const sinceOf = (data: Timesheet | Report) => data.history?.at(-1)?.at.slice(0, 10);

/**
 * What waits for whom on one assignment, as of `today`: months and reports to sign or endorse
 * (supervisors), returned months, reports sent back or overdue, and reports due in DUE_SOON_DAYS
 * (the expert). Only the documents that can wait are read, by id.
 */
export async function waitingOnAssignment(
  reader: DocumentReader,
  assignment: Assignment,
  today: string,
): Promise<WaitingItem[]> {
  const items: WaitingItem[] = [];
  const forSupervisors = (since: string, title: WaitingItem['title'], url: string) =>
    assignment.supervisorIds.forEach((userId) => items.push({ userId, since, title, url }));
  for (const month of assignmentMonths(assignment)) {
    const stored = await reader.getDocument('timesheets', timesheetId(assignment.id, month));
    if (!stored || stored.deleted) continue;
    const since = sinceOf(stored.data);
    if (!since) continue;
    const url = timesheetUrl(assignment.id, month);
    const monthIn = (i18n: I18n) => ({ month: formatMonth(i18n, month) });
    if (stored.data.status === 'submitted')
      forSupervisors(since, (i18n) => i18n._('notices.waiting.timesheetToSign', monthIn(i18n)), url);
    if (stored.data.status === 'returned') {
      items.push({
        userId: assignment.expertId,
        since,
        title: (i18n) => i18n._('notices.waiting.timesheetReturned', monthIn(i18n)),
        url,
      });
    }
  }
  for (const due of reportsDue(assignment)) {
    const stored = await reader.getDocument('reports', reportId(assignment.id, due.kind));
    const report = stored && !stored.deleted ? stored.data : undefined;
    const url = reportUrl(assignment.id, due.kind);
    const since = report && sinceOf(report);
    // Dates stay ISO (2026-06-30) in every language: unambiguous, and as the English always read.
    const words = (i18n: I18n) => ({ report: reportKindIn(i18n, due.kind), date: due.due });
    if (report?.status === 'submitted' && since)
      forSupervisors(since, (i18n) => i18n._('notices.waiting.reportToEndorse', words(i18n)), url);
    if (report?.status === 'changes_requested' && since) {
      items.push({
        userId: assignment.expertId,
        since,
        title: (i18n) => i18n._('notices.waiting.reportChanges', words(i18n)),
        url,
      });
    } else if (isOverdue(due.due, report?.status, today)) {
      items.push({
        userId: assignment.expertId,
        since: due.due,
        title: (i18n) => i18n._('notices.waiting.reportOverdue', words(i18n)),
        url,
      });
    }
    const open = report === undefined || report.status === 'draft';
    if (open && daysBetween(today, due.due) === DUE_SOON_DAYS) {
      items.push({
        userId: assignment.expertId,
        since: due.due,
        title: (i18n) => i18n._('notices.waiting.reportDueSoon', words(i18n)),
        url,
        dueSoon: true,
      });
    }
  }
  return items;
}

/**
 * PN-6: one reminder a day at most per person — of what has waited REMIND_AFTER_DAYS or more and
 * what falls due in DUE_SOON_DAYS — or none when nothing does.
 */
export function dailyReminder(
  userId: string,
  items: readonly WaitingItem[],
  today: string,
): Notice | undefined {
  const remindBefore = addDays(today, -REMIND_AFTER_DAYS);
  const due = items
    .filter((item) => item.userId === userId && (item.dueSoon || item.since <= remindBefore))
    .sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
  if (due.length === 0) return undefined;
  const key = `daily:${today}`;
  const tag = 'fieldbook-daily';
  if (due.length === 1) {
    const [item] = due as [WaitingItem];
    return notice([userId], key, { url: item.url, tag }, (i18n) => ({
      title: item.title(i18n),
      body: item.dueSoon
        ? i18n._('notices.daily.dueSoon')
        : i18n._('notices.daily.waitingSince', { date: item.since }),
    }));
  }
  return notice([userId], key, { url: '/', tag }, (i18n) => {
    const [first, second, third] = due.slice(0, 3).map((item) => item.title(i18n));
    const count = due.length - 3;
    return {
      title: i18n._('notices.daily.title', { count: due.length }),
      body: third
        ? count > 0
          ? i18n._('notices.daily.threeAndMore', { first, second, third, count })
          : i18n._('notices.daily.three', { first, second, third })
        : i18n._('notices.daily.two', { first, second }),
    };
  });
}
