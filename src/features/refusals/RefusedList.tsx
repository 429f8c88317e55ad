/**
 * The list of RefusedChanges: changes the server refused or another device overrode, with what
 * the user had typed, so the text can be re-entered. Dismissing deletes that text, hence the
 * confirmation.
 */
import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { Refusal } from '../../db/refusals';
import { ktActivityLabel, workModeLabel } from '../../i18n/labels';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatDateTime, formatDay, formatHours, formatMonth } from '../../ui/format';
import { STATUS_TEXT } from '../timesheets';
import { parseAttempted, type AttemptedChange, type AttemptedLog, type AttemptedReport } from './attempted';
import { useI18n } from './catalog';
import { refusalText } from '../../ui/reasons';

export interface RefusedChangesProps {
  refusals: readonly Refusal[];
  onReenter(refusal: Refusal, attempted: AttemptedLog): void;
  onDismiss(refusal: Refusal): Promise<void>;
}

const CODE_TITLES: Record<Refusal['code'], string> = {
  forbidden: /*i18n*/ 'refusals.code.forbidden',
  invalid: /*i18n*/ 'refusals.code.invalid',
  rule: /*i18n*/ 'refusals.code.rule',
  conflict: /*i18n*/ 'refusals.code.conflict',
};

export function RefusedList({ refusals, onReenter, onDismiss }: RefusedChangesProps) {
  const headingId = useId();
  const [confirming, setConfirming] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const i18n = useI18n();
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
      <h2 id={headingId}>{i18n._('refusals.changes.heading', { count: refusals.length })}</h2>
      <p>{i18n._('refusals.changes.intro')}</p>
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
                  ? i18n._('refusals.code.decidedFirst')
                  : i18n._(CODE_TITLES[refusal.code])}
              </h3>
              <p className="refusal-reason">{refusalText(refusal)}</p>
              <p className="muted">{i18n._('refusals.refusedAt', { date: formatDateTime(refusal.at) })}</p>
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
                    {i18n._('refusals.changes.reenter')}
                  </button>
                )}
                <button type="button" onClick={() => setConfirming(refusal)}>
                  {i18n._('refusals.dismiss.button')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {confirming && (
        <ConfirmDialog
          title={i18n._('refusals.dismiss.title')}
          confirmLabel={i18n._('refusals.dismiss.confirm')}
          danger
          busy={busy}
          onConfirm={() => void dismiss(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>{i18n._('refusals.dismiss.body')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

type AttemptedTimesheet = Extract<AttemptedChange, { collection: 'timesheets' }>;

function AttemptedTimesheetDetails({ attempted }: { attempted: AttemptedTimesheet }) {
  const i18n = useI18n();
  return (
    <dl className="details">
      <dt>{i18n._('refusals.timesheet.month')}</dt>
      <dd>{attempted.month ? formatMonth(attempted.month) : '—'}</dd>
      <dt>{i18n._('refusals.timesheet.change')}</dt>
      <dd>
        {attempted.status ? i18n._('refusals.timesheet.to', { status: STATUS_TEXT[attempted.status] }) : '—'}
      </dd>
    </dl>
  );
}

const DECISION_WORDS: Record<string, string> = {
  endorsed: /*i18n*/ 'refusals.decision.endorsed',
  changes_requested: /*i18n*/ 'refusals.decision.changes_requested',
  reviewed: /*i18n*/ 'refusals.decision.reviewed',
};

/**
 * A refused decision shows what was decided and the comment typed, to decide again. A report's
 * refused text is long: it is read and settled on the report's own screen.
 */
function AttemptedReportDetails({ attempted }: { attempted: AttemptedReport }) {
  const i18n = useI18n();
  const { decision } = attempted;
  if (decision) {
    const words = DECISION_WORDS[decision.status];
    return (
      <dl className="details">
        <dt>{attempted.label}</dt>
        <dd>{i18n._('refusals.decision.yours', { decision: words ? i18n._(words) : decision.status })}</dd>
        <dt>{i18n._('refusals.decision.comment')}</dt>
        <dd className="prewrap" dir="auto">
          {decision.comment || '—'}
        </dd>
      </dl>
    );
  }
  return (
    <p>
      {i18n._('refusals.report.kept', { report: attempted.label })}{' '}
      <Link to={attempted.path}>{i18n._('refusals.report.open')}</Link>
    </p>
  );
}

function AttemptedDetails({ attempted }: { attempted: AttemptedLog }) {
  const i18n = useI18n();
  return (
    <>
      <p className="muted">
        {attempted.deleted ? i18n._('refusals.log.deleted') : i18n._('refusals.log.typed')}
      </p>
      <dl className="details">
        <dt>{i18n._('refusals.log.date')}</dt>
        <dd>{attempted.date ? formatDay(attempted.date) : '—'}</dd>
        <dt>{i18n._('refusals.log.hours')}</dt>
        <dd>{attempted.hours === null ? '—' : formatHours(attempted.hours)}</dd>
        {attempted.workMode && (
          <>
            <dt>{i18n._('refusals.log.workMode')}</dt>
            <dd>{workModeLabel(attempted.workMode)}</dd>
          </>
        )}
        {attempted.location && (
          <>
            <dt>{i18n._('refusals.log.location')}</dt>
            <dd dir="auto">{attempted.location}</dd>
          </>
        )}
        <dt>{i18n._('refusals.log.activities')}</dt>
        <dd className="prewrap" dir="auto">
          {attempted.activities || '—'}
        </dd>
        {attempted.ktActivities.length > 0 && (
          <>
            <dt>{i18n._('refusals.log.kt')}</dt>
            <dd>
              {attempted.ktActivities
                .map((kt) =>
                  i18n._('refusals.log.ktEntry', {
                    activity: ktActivityLabel(kt.type),
                    count: kt.peopleReached,
                  }),
                )
                .join('; ')}
            </dd>
          </>
        )}
        {attempted.notes && (
          <>
            <dt>{i18n._('refusals.log.notes')}</dt>
            <dd className="prewrap" dir="auto">
              {attempted.notes}
            </dd>
          </>
        )}
      </dl>
    </>
  );
}
