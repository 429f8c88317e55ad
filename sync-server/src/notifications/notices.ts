/**
 * What to tell whom (docs/reminders.md PN-3, PN-6), worked out from committed documents only: the
 * server is the authority on what waits for a person. Pure functions; notifications.ts sends.
 */
import { addDays, daysBetween } from '../../../src/shared/dates';
import { reportPath as reportUrl, timesheetPath as timesheetUrl } from '../../../src/shared/paths';
import type { PushPayload } from '../../../src/shared/push';
import { isOverdue, reportsDue } from '../../../src/shared/rules/report-rules';
import { assignmentMonths, monthName } from '../../../src/shared/rules/timesheet-rules';
import type { Assignment, Report, Timesheet } from '../../../src/shared/schemas';
import { REPORT_KIND_LABELS, reportId } from '../../../src/shared/schemas/report.schema';
import { timesheetId } from '../../../src/shared/schemas/timesheet.schema';
import type { DocumentReader, StoredDocument } from '../storage/types';
import type { AssignmentAccess } from '../sync/event-bus';

/** One notification for some users; `key` names it so each user gets it once (push_notices). */
export interface Notice {
  userIds: string[];
  key: string;
  payload: PushPayload;
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
  const month = monthName(doc.month);
  const base = { key: `timesheets:${doc.id}:${step.key}`, url: timesheetUrl(doc.assignmentId, doc.month) };
  const tag = `timesheets:${doc.id}`;
  if (step.to === 'submitted') {
    return {
      userIds: access.supervisorIds,
      key: base.key,
      payload: {
        title: `${step.byName} submitted ${month}`,
        body: 'Open it to approve or return it.',
        url: base.url,
        tag,
      },
    };
  }
  if (step.to === 'returned') {
    return {
      userIds: [access.expertId],
      key: base.key,
      payload: {
        title: `${month} was returned to you`,
        body: clip(`${step.byName}: ${doc.returned?.comment ?? step.comment ?? 'see the comments'}`),
        url: base.url,
        tag,
      },
    };
  }
  return undefined;
}

function reportNotice(doc: Report, access: AssignmentAccess, now: Date): Notice | undefined {
  const step = freshTransition(doc, now);
  if (!step) return undefined;
  const label = REPORT_KIND_LABELS[doc.kind];
  const key = `reports:${doc.id}:${step.key}`;
  const url = reportUrl(doc.assignmentId, doc.kind);
  const tag = `reports:${doc.id}`;
  const comment = doc.decision?.comment ?? step.comment;
  switch (step.to) {
    case 'submitted':
      return {
        userIds: access.supervisorIds,
        key,
        payload: {
          title: `${step.byName} submitted the ${label.toLowerCase()}`,
          body: 'Open it to endorse it or ask for changes.',
          url,
          tag,
        },
      };
    case 'endorsed':
      return {
        userIds: [access.expertId],
        key,
        payload: {
          title: `Your ${label.toLowerCase()} was endorsed`,
          body: clip(`${step.byName}${comment ? `: ${comment}` : ''}`),
          url,
          tag,
        },
      };
    case 'changes_requested':
      return {
        userIds: [access.expertId],
        key,
        payload: {
          title: `Changes asked to your ${label.toLowerCase()}`,
          body: clip(`${step.byName}: ${comment ?? 'see the comment'}`),
          url,
          tag,
        },
      };
    default:
      return undefined;
  }
}

/** PN-3: the notice a committed row calls for, if any; never to the person who made the change. */
export function noticeOfChange(doc: StoredDocument, access: AssignmentAccess, now: Date): Notice | undefined {
  if (doc.deleted) return undefined;
  const notice =
    doc.collection === 'timesheets'
      ? timesheetNotice(doc.data as Timesheet, access, now)
      : doc.collection === 'reports'
        ? reportNotice(doc.data as Report, access, now)
        : undefined;
  if (!notice) return undefined;
  const actor = (doc.data as Timesheet | Report).history?.at(-1)?.byUserId;
  const userIds = notice.userIds.filter((id) => id && id !== actor);
  return userIds.length > 0 ? { ...notice, userIds } : undefined;
}

/** Something waiting for a person, for the daily reminder (PN-6). */
export interface WaitingItem {
  userId: string;
  /** ISO date it started waiting (for a report due soon: its due date). */
  since: string;
  title: string;
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
  const forSupervisors = (since: string, title: string, url: string) =>
    assignment.supervisorIds.forEach((userId) => items.push({ userId, since, title, url }));
  for (const month of assignmentMonths(assignment)) {
    const stored = await reader.getDocument('timesheets', timesheetId(assignment.id, month));
    if (!stored || stored.deleted) continue;
    const since = sinceOf(stored.data);
    if (!since) continue;
    const url = timesheetUrl(assignment.id, month);
    if (stored.data.status === 'submitted')
      forSupervisors(since, `${monthName(month)} waits for your signature`, url);
    if (stored.data.status === 'returned') {
      items.push({
        userId: assignment.expertId,
        since,
        title: `${monthName(month)} waits for your corrections`,
        url,
      });
    }
  }
  for (const due of reportsDue(assignment)) {
    const stored = await reader.getDocument('reports', reportId(assignment.id, due.kind));
    const report = stored && !stored.deleted ? stored.data : undefined;
    const label = REPORT_KIND_LABELS[due.kind];
    const url = reportUrl(assignment.id, due.kind);
    const since = report && sinceOf(report);
    if (report?.status === 'submitted' && since)
      forSupervisors(since, `The ${label.toLowerCase()} waits for your endorsement`, url);
    if (report?.status === 'changes_requested' && since) {
      items.push({
        userId: assignment.expertId,
        since,
        title: `Your ${label.toLowerCase()} waits for changes`,
        url,
      });
    } else if (isOverdue(due.due, report?.status, today)) {
      items.push({
        userId: assignment.expertId,
        since: due.due,
        title: `Your ${label.toLowerCase()} was due on ${due.due}`,
        url,
      });
    }
    const open = report === undefined || report.status === 'draft';
    if (open && daysBetween(today, due.due) === DUE_SOON_DAYS) {
      items.push({
        userId: assignment.expertId,
        since: due.due,
        title: `Your ${label.toLowerCase()} is due on ${due.due}`,
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
    const body = item.dueSoon ? 'Open it to finish and submit it.' : `Waiting since ${item.since}.`;
    return { userIds: [userId], key, payload: { title: item.title, body, url: item.url, tag } };
  }
  const shown = due.slice(0, 3).map((item) => item.title);
  const more = due.length > 3 ? ` and ${due.length - 3} more` : '';
  return {
    userIds: [userId],
    key,
    payload: {
      title: `${due.length} things wait for you in Fieldbook`,
      body: clip(`${shown.join('; ')}${more}.`),
      url: '/',
      tag,
    },
  };
}
