/**
 * Changes the server refused or another device overrode, with what the user had typed, so the
 * text can be re-entered. Dismissing deletes that text, hence the confirmation.
 */
import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { Refusal } from '../../db/refusals';
import { KT_ACTIVITY_LABELS, WORK_MODE_LABELS } from '../../shared/schemas/daily-log.schema';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatDateTime, formatDay, formatHours, formatMonth } from '../../ui/format';
import { STATUS_TEXT } from '../timesheets';
import { parseAttempted, type AttemptedChange, type AttemptedLog, type AttemptedReport } from './attempted';

export interface RefusedChangesProps {
  refusals: readonly Refusal[];
  onReenter(refusal: Refusal, attempted: AttemptedLog): void;
  onDismiss(refusal: Refusal): Promise<void>;
}

const CODE_TITLES: Record<Refusal['code'], string> = {
  forbidden: 'Not allowed',
  invalid: 'Not accepted by the server',
  rule: 'Breaks a programme rule',
  conflict: 'Changed on another device',
};

export function RefusedChanges({ refusals, onReenter, onDismiss }: RefusedChangesProps) {
  const headingId = useId();
  const [confirming, setConfirming] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  if (refusals.length === 0) return null;

  async function dismiss(refusal: Refusal) {
    setBusy(true);
    try {
      await onDismiss(refusal);
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  }

  return (
    <section className="refusals" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {refusals.length === 1 ? '1 change was not saved' : `${refusals.length} changes were not saved`}
      </h2>
      <p>The server did not accept these changes. What you typed is kept here so you can enter it again.</p>
      <ul className="card-list">
        {refusals.map((refusal) => {
          const change = parseAttempted(refusal);
          const attempted = change?.collection === 'logs' ? change.log : null;
          const timesheet = change?.collection === 'timesheets' ? change : null;
          const report = change?.collection === 'reports' ? change.report : null;
          return (
            <li key={refusal.id} className="card refusal">
              <h3>
                {timesheet && refusal.code === 'conflict'
                  ? 'Someone decided first'
                  : CODE_TITLES[refusal.code]}
              </h3>
              <p className="refusal-reason">{refusal.message}</p>
              <p className="muted">Refused {formatDateTime(refusal.at)}</p>
              {attempted ? (
                <AttemptedDetails attempted={attempted} />
              ) : timesheet ? (
                <AttemptedTimesheetDetails attempted={timesheet} />
              ) : report ? (
                <AttemptedReportDetails attempted={report} />
              ) : (
                <pre className="attempted-raw">{refusal.attempted}</pre>
              )}
              <div className="button-row">
                {attempted && attempted.assignmentId && !attempted.deleted && (
                  <button type="button" className="primary" onClick={() => onReenter(refusal, attempted)}>
                    Re-enter as a new log
                  </button>
                )}
                <button type="button" onClick={() => setConfirming(refusal)}>
                  Dismiss
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {confirming && (
        <ConfirmDialog
          title="Dismiss this refused change?"
          confirmLabel="Yes, dismiss"
          danger
          busy={busy}
          onConfirm={() => void dismiss(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>What you typed will be deleted from this device. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

type AttemptedTimesheet = Extract<AttemptedChange, { collection: 'timesheets' }>;

function AttemptedTimesheetDetails({ attempted }: { attempted: AttemptedTimesheet }) {
  return (
    <dl className="details">
      <dt>Timesheet</dt>
      <dd>{attempted.month ? formatMonth(attempted.month) : '—'}</dd>
      <dt>Your change</dt>
      <dd>{attempted.status ? `to ${STATUS_TEXT[attempted.status]}` : '—'}</dd>
    </dl>
  );
}

const DECISION_WORDS: Record<string, string> = {
  endorsed: 'Endorse',
  changes_requested: 'Request changes',
  reviewed: 'Mark reviewed',
};

/**
 * A refused decision shows what was decided and the comment typed, to decide again. A report's
 * refused text is long: it is read and settled on the report's own screen.
 */
function AttemptedReportDetails({ attempted }: { attempted: AttemptedReport }) {
  const { decision } = attempted;
  if (decision) {
    return (
      <dl className="details">
        <dt>{attempted.label}</dt>
        <dd>Your decision: {DECISION_WORDS[decision.status]}</dd>
        <dt>Your comment</dt>
        <dd className="prewrap" dir="auto">
          {decision.comment || '—'}
        </dd>
      </dl>
    );
  }
  return (
    <p>
      {attempted.label}: your version is kept.{' '}
      <Link to={attempted.path}>Open the report to choose or combine the versions</Link>
    </p>
  );
}

function AttemptedDetails({ attempted }: { attempted: AttemptedLog }) {
  return (
    <>
      <p className="muted">{attempted.deleted ? 'You had deleted this log:' : 'What you had typed:'}</p>
      <dl className="details">
        <dt>Date</dt>
        <dd>{attempted.date ? formatDay(attempted.date) : '—'}</dd>
        <dt>Hours</dt>
        <dd>{attempted.hours === null ? '—' : formatHours(attempted.hours)}</dd>
        {attempted.workMode && (
          <>
            <dt>Work mode</dt>
            <dd>{WORK_MODE_LABELS[attempted.workMode]}</dd>
          </>
        )}
        {attempted.location && (
          <>
            <dt>Location</dt>
            <dd>{attempted.location}</dd>
          </>
        )}
        <dt>Activities</dt>
        <dd className="prewrap">{attempted.activities || '—'}</dd>
        {attempted.ktActivities.length > 0 && (
          <>
            <dt>Knowledge transfer</dt>
            <dd>
              {attempted.ktActivities
                .map((kt) => `${KT_ACTIVITY_LABELS[kt.type]}: ${kt.peopleReached} people`)
                .join('; ')}
            </dd>
          </>
        )}
        {attempted.notes && (
          <>
            <dt>Notes</dt>
            <dd className="prewrap">{attempted.notes}</dd>
          </>
        )}
      </dl>
    </>
  );
}
