/**
 * One month of an assignment: its days, totals and allowance, the sign-off so far, and the
 * decision this user may make. Printed, it is the paper timesheet the programme files.
 */
import { useCallback, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { NotFound } from '../../ui/NotFound';
import { useFieldbook } from '../../session/FieldbookProvider';
import { logsOfAssignment$ } from '../../db/logs';
import {
  approveTimesheet,
  reopenTimesheet,
  returnTimesheet,
  submitTimesheet,
  timesheet$,
} from '../../db/timesheets';
import {
  assignmentMonths,
  logLockReason,
  snapshotBasis,
  timesheetPeriod,
  timesheetTotals,
} from '../../shared/rules/timesheet-rules';
import { allowedTimesheetTransitions, type TimesheetAction } from '../../shared/rules/timesheet-workflow';
import { timesheetId } from '../../shared/schemas/timesheet.schema';
import { Loading } from '../../ui/Loading';
import { SignatureImage } from '../../ui/SignaturePad';
import { formatDate, formatMonth } from '../../ui/format';
import { lockText } from '../../ui/reasons';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useObservable } from '../../ui/useObservable';
import { useAssignment } from '../../session/useAssignment';
import { assignmentPath } from '../../shared/paths';
import { PendingMarker } from '../device-status';
import { RefusedChanges, useRefusals } from '../refusals';
import { ApproveForm, ReopenForm, ReturnForm } from './DecisionForms';
import { SubmitTimesheetForm } from './SubmitTimesheetForm';
import { TimesheetDays } from './TimesheetDays';
import { TimesheetHistory } from './TimesheetHistory';
import { TimesheetTotalsList } from './TimesheetTotalsList';
import { PaymentState } from '../payments';
import { latestReturn, returnHeading, statusText } from './timesheet-status';
import { useMonthHash } from './useMonthHash';
import { PrintedProgrammeName } from '../../ui/ProgrammeName';
import { countryLabel, sectorLabel } from '../../i18n/labels';
import { useI18n } from './screens-catalog';

export function TimesheetPage() {
  const { id: assignmentId = '', month = '' } = useParams();
  const i18n = useI18n();
  const { session, device } = useFieldbook();
  const { assignment } = useAssignment(assignmentId);
  const id = timesheetId(assignmentId, month);
  const timesheetSource = useMemo(() => (device ? timesheet$(device, id) : null), [device, id]);
  const timesheet = useObservable(timesheetSource);
  const logSource = useMemo(
    () => (device ? logsOfAssignment$(device, assignmentId) : null),
    [device, assignmentId],
  );
  const allLogs = useObservable(logSource);
  const { refusals, onReenter, onDismiss } = useRefusals();
  const ownRefusals = useMemo(
    () => refusals.filter((refusal) => refusal.collectionName === 'timesheets' && refusal.docId === id),
    [refusals, id],
  );
  const period = assignment ? timesheetPeriod(assignment, month) : null;
  const start = period?.start;
  const end = period?.end;
  const logs = useMemo(
    () =>
      start && end && allLogs
        ? allLogs
            .filter((log) => log.date >= start && log.date <= end)
            .sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : a.date.localeCompare(b.date)))
        : undefined,
    [allLogs, start, end],
  );
  // Compared with the approval, which signed the submitted snapshot: computed on its basis.
  const submitted = timesheet?.submission?.snapshot;
  const currentHash = useMonthHash(allLogs, assignment, month, submitted && snapshotBasis(submitted));
  useDocumentTitle(i18n._('timesheets.page.title', { month: formatMonth(month) }));

  const user = session?.user;
  const onSubmit = useCallback(
    async (fullName: string) => {
      if (device && assignment) await submitTimesheet(device, assignment, month, fullName);
    },
    [device, assignment, month],
  );

  // Decided before waiting for the month's days: an assignment this user cannot read, or a month
  // outside it, has no days to wait for (it showed "Loading…" for ever).
  if (!device || !user || assignment === undefined) return <Loading />;
  if (assignment === null || !period || !assignmentMonths(assignment).includes(month)) {
    return <NotFound message={i18n._('timesheets.page.notFound')} />;
  }
  if (timesheet === undefined || !logs) return <Loading />;

  const totals = timesheetTotals(logs, assignment);
  const returned = timesheet ? latestReturn(timesheet) : null;
  const approvedEntry = timesheet?.history?.findLast((entry) => entry.to === 'approved');
  const allowed = allowedTimesheetTransitions(user, assignment, timesheet);
  const may = (decision: TimesheetAction) => allowed.includes(decision);
  const submitBlocked =
    lockText(timesheet && logLockReason(timesheet)) ??
    (logs.length === 0 ? i18n._('timesheets.page.noDays') : null);

  return (
    <article className="timesheet">
      <PrintedProgrammeName />
      <p className="no-print">
        <Link to={assignmentPath(assignment.id)}>{i18n._('timesheets.page.back')}</Link>
      </p>
      <h1>{i18n._('timesheets.page.heading', { month: formatMonth(month) })}</h1>
      <dl className="details">
        <dt>{i18n._('timesheets.page.expert')}</dt>
        <dd dir="auto">{assignment.expertName ?? '—'}</dd>
        <dt>{i18n._('timesheets.page.institution')}</dt>
        <dd dir="auto">{assignment.institution.name}</dd>
        <dt>{i18n._('timesheets.page.countrySector')}</dt>
        <dd>
          {countryLabel(assignment.institution.country)} · {sectorLabel(assignment.institution.sector)}
        </dd>
        <dt>{i18n._('timesheets.page.status')}</dt>
        <dd className="timesheet-status">
          <strong>{statusText(timesheet)}</strong>
          <PendingMarker collection="timesheets" id={timesheet?.id} />
        </dd>
        {timesheet?.status === 'approved' && session && user.role !== 'supervisor' && (
          <PaymentState token={session.token} timesheetId={timesheet.id} />
        )}
      </dl>

      <RefusedChanges refusals={ownRefusals} onReenter={onReenter} onDismiss={onDismiss} />

      {returned && (
        <section className="notice" aria-labelledby="return-note-heading">
          <h2 id="return-note-heading">{timesheet && returnHeading(returned, timesheet, user)}</h2>
          <p className="prewrap" dir="auto">
            {returned.comment}
          </p>
        </section>
      )}

      {timesheet?.status === 'approved' && timesheet.approval && (
        <section className="approval" aria-labelledby="approval-heading">
          <h2 id="approval-heading">
            {approvedEntry
              ? i18n._('timesheets.approval.byOn', {
                  name: approvedEntry.byName,
                  date: formatDate(approvedEntry.at),
                })
              : i18n._('timesheets.approval.by', { name: timesheet.approval.fullName })}
          </h2>
          <p>{i18n._('timesheets.approval.signedName', { name: timesheet.approval.fullName })}</p>
          {timesheet.approval.signature && (
            <SignatureImage
              path={timesheet.approval.signature}
              label={i18n._('timesheets.approval.signatureOf', { name: timesheet.approval.fullName })}
            />
          )}
          {currentHash !== undefined && (
            <p
              className={currentHash === timesheet.approval.hash ? 'hash-match' : 'hash-mismatch'}
              role="status"
            >
              {currentHash === timesheet.approval.hash
                ? i18n._('timesheets.approval.hashMatch')
                : i18n._('timesheets.approval.hashMismatch')}
            </p>
          )}
        </section>
      )}

      <section aria-labelledby="days-heading">
        <h2 id="days-heading">{i18n._('timesheets.page.days')}</h2>
        <TimesheetDays logs={logs} dayComments={returned?.dayComments} />
      </section>

      <section aria-labelledby="ts-totals-heading" className="totals">
        <h2 id="ts-totals-heading">{i18n._('timesheets.page.totals')}</h2>
        <TimesheetTotalsList totals={totals} />
      </section>

      {timesheet?.submission && (
        <section aria-labelledby="declaration-heading">
          <h2 id="declaration-heading">{i18n._('timesheets.declaration.heading')}</h2>
          <p>
            {i18n._('timesheets.declaration.quote')} —{' '}
            <strong dir="auto">{timesheet.submission.fullName}</strong>
          </p>
          <p className="hash">
            {i18n._('timesheets.declaration.fingerprint')} <code>{timesheet.submission.snapshot.hash}</code>
          </p>
        </section>
      )}

      <TimesheetHistory history={timesheet?.history ?? []} />

      <div className="no-print stack">
        {may('submit') && (
          <SubmitTimesheetForm disabledReason={submitBlocked} periodEnd={period.end} onSubmit={onSubmit} />
        )}
        {timesheet && may('approve') && (
          <ApproveForm
            onApprove={(fullName, signature) =>
              approveTimesheet(device, id, fullName, signature).then(() => undefined)
            }
          />
        )}
        {timesheet && may('return') && (
          <ReturnForm
            dates={[...new Set(logs.map((log) => log.date))]}
            onReturn={(comment, days) => returnTimesheet(device, id, comment, days).then(() => undefined)}
          />
        )}
        {timesheet && may('reopen') && (
          <ReopenForm onReopen={(reason) => reopenTimesheet(device, id, reason).then(() => undefined)} />
        )}
        <button type="button" onClick={() => window.print()}>
          {i18n._('timesheets.page.print')}
        </button>
      </div>
    </article>
  );
}
