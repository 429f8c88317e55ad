/**
 * One knowledge-transfer report. The expert writes it section by section (autosaved on the
 * device as they type) next to what their daily logs show, settles clashes with another device,
 * and submits it; the host supervisor endorses it or asks for changes; the programme officer
 * marks it reviewed. Printed, it is the A4 report the programme files.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { NotFound } from '../../ui/NotFound';
import { useFieldbook } from '../../session/FieldbookProvider';
import type { DeviceDatabase } from '../../db/database';
import { logsOfAssignment$ } from '../../db/logs';
import { clashingSections, refusalsOf$ } from '../../db/refusals';
import {
  endorseReport,
  ensureReport,
  markReviewed,
  report$,
  requestChanges,
  resolveClash,
  saveObjective,
  submitReport,
} from '../../db/reports';
import { localIsoDate } from '../../shared/dates';
import {
  activitySummary,
  isOverdue,
  isReportEditable,
  reportPeriod,
  reportsDue,
  type DueReport,
} from '../../shared/rules/report-rules';
import {
  REPORT_WORKFLOW,
  allowedReportTransitions,
  type ReportAction,
} from '../../shared/rules/report-workflow';
import { actsAs, firstMissing } from '../../shared/rules/workflow';
import type { Assignment, Report } from '../../shared/schemas';
import {
  REPORT_KINDS,
  REPORT_KIND_LABELS,
  TEXT_SECTIONS,
  reportId,
  type ReportKind,
  type TextSection,
} from '../../shared/schemas/report.schema';
import type { PublicUser } from '../../shared/users';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatDate, formatDay } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useObservable } from '../../ui/useObservable';
import { useAssignment } from '../../session/useAssignment';
import { PendingMarker } from '../device-status';
import { assignmentPath } from '../../shared/paths';
import { PrintedProgrammeName } from '../../ui/ProgrammeName';
import { ActivitySummaryView } from './ActivitySummaryView';
import { RefusedChanges, ReportClashes, useRefusals } from '../refusals';
import { ReviewForm, SupervisorDecisionForm } from './ReportDecisionForms';
import { ObjectivesEditor, SectionEditor } from './ReportEditor';
import { ReportHistory } from './ReportHistory';
import { ReadOnlyObjectives, ReadOnlySection } from './ReportReadOnly';
import { reportStatusText } from './report-status';
import { useReportAutosave } from './useReportAutosave';
import { FormError } from '../../ui/form/FormError';

function isReportKind(kind: string): kind is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(kind);
}

export function ReportPage() {
  const { id: assignmentId = '', kind = '' } = useParams();
  const { session, device } = useFieldbook();
  const { assignment } = useAssignment(assignmentId);
  const reportKind = isReportKind(kind) ? kind : null;
  const id = reportKind ? reportId(assignmentId, reportKind) : '';
  const source = useMemo(() => (device && id ? report$(device, id) : null), [device, id]);
  const report = useObservable(source);
  const [createError, setCreateError] = useState<string | null>(null);
  const user = session?.user;
  const due =
    assignment && reportKind ? reportsDue(assignment).find((entry) => entry.kind === reportKind) : undefined;
  const isOwnExpert = Boolean(user && assignment && actsAs(user, assignment, 'expert'));
  useDocumentTitle(reportKind ? REPORT_KIND_LABELS[reportKind] : 'Report');

  // The expert's first opening creates the report on the device; others wait for it to sync.
  useEffect(() => {
    if (!device || !assignment || !reportKind || !due || !isOwnExpert || report !== null) return;
    ensureReport(device, assignment, reportKind).catch((error: Error) =>
      setCreateError(`The report could not be started on this device: ${error.message}`),
    );
  }, [device, assignment, reportKind, due, isOwnExpert, report]);

  if (!device || !user || assignment === undefined || report === undefined) return <Loading />;
  if (assignment === null || !reportKind || !due) {
    return <NotFound message="This report is not on this device." />;
  }
  if (report === null) {
    return (
      <>
        <p>
          <Link to={assignmentPath(assignment.id)}>Back to the assignment</Link>
        </p>
        <h1>{REPORT_KIND_LABELS[reportKind]}</h1>
        {createError ? (
          <FormError message={createError} />
        ) : isOwnExpert ? (
          <Loading label="Starting the report…" />
        ) : (
          <p>The expert has not started this report, or it has not reached this device yet.</p>
        )}
      </>
    );
  }
  return (
    <ReportScreen
      key={report.id}
      device={device}
      user={user}
      assignment={assignment}
      report={report}
      due={due}
      isOwnExpert={isOwnExpert}
    />
  );
}

interface ReportScreenProps {
  device: DeviceDatabase;
  user: PublicUser;
  assignment: Assignment;
  report: Report;
  due: DueReport;
  isOwnExpert: boolean;
}

/** The knowledge-transfer account sits next to what the logs counted; the rest follow in order. */
const SECTIONS_AFTER_NARRATIVE = TEXT_SECTIONS.filter(
  (section) => section !== 'summary' && section !== 'ktNarrative',
);

function ReportScreen({ device, user, assignment, report, due, isOwnExpert }: ReportScreenProps) {
  const editable = isOwnExpert && isReportEditable(report.status);
  const autosave = useReportAutosave(device, report, editable);
  const logSource = useMemo(() => logsOfAssignment$(device, assignment.id), [device, assignment.id]);
  const logs = useObservable(logSource);
  // `due` is worked out afresh on each render: the memo keys on the dates, not on the object.
  const { start, end } = reportPeriod(assignment, due);
  const summary = useMemo(() => activitySummary(logs ?? [], { start, end }), [logs, start, end]);
  const refusalSource = useMemo(() => refusalsOf$(device, 'reports', report.id), [device, report.id]);
  const refusals = useObservable(refusalSource) ?? [];
  const clashes = refusals.filter((refusal) => refusal.code === 'conflict');
  // Everything else refused of this report (a decision someone else made first, a rule broken)
  // shows as on the other screens, with what was typed: a decision vanishing unexplained is lost.
  const otherRefusals = refusals.filter(
    (refusal) =>
      !isOwnExpert || refusal.code !== 'conflict' || clashingSections(refusal, report).length === 0,
  );
  const { onReenter, onDismiss } = useRefusals();
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const overdue = isOverdue(due.due, report.status, localIsoDate());
  const summaryText = editable ? autosave.valueOf('summary') : report.sections.summary;
  const submitBlocked = firstMissing(REPORT_WORKFLOW.submit, { summary: summaryText });
  const allowed = allowedReportTransitions(user, assignment, report);
  const may = (action: ReportAction) => allowed.includes(action);
  const endorsedEntry = report.history?.findLast((entry) => entry.to === 'endorsed');
  const changesEntry = report.history?.findLast((entry) => entry.to === 'changes_requested');
  const reviewedEntry = report.history?.findLast((entry) => entry.to === 'reviewed');

  async function submit() {
    setSubmitting(true);
    setActionError(null);
    try {
      // What was typed in the last half second goes in first.
      await autosave.flushAll();
      await submitReport(device, report.id);
      setConfirming(false);
    } catch (error) {
      setActionError(`Not submitted: ${(error as Error).message}`);
      setConfirming(false);
    } finally {
      setSubmitting(false);
    }
  }

  const section = (name: TextSection) =>
    editable ? (
      <SectionEditor key={name} section={name} autosave={autosave} />
    ) : (
      <ReadOnlySection key={name} section={name} text={report.sections[name]} />
    );

  return (
    <article className="report">
      <PrintedProgrammeName />
      <p className="no-print">
        <Link to={assignmentPath(assignment.id)}>Back to the assignment</Link>
      </p>
      <h1>{REPORT_KIND_LABELS[report.kind]}</h1>
      <dl className="details">
        <dt>Expert</dt>
        <dd>{assignment.expertName ?? '—'}</dd>
        <dt>Host institution</dt>
        <dd>{assignment.institution.name}</dd>
        <dt>Country</dt>
        <dd>{assignment.institution.country}</dd>
        <dt>Sector</dt>
        <dd>{assignment.institution.sector}</dd>
        <dt>Assignment</dt>
        <dd>
          {formatDay(assignment.startDate)} to {formatDay(assignment.endDate)}
        </dd>
        <dt>Due</dt>
        <dd>
          {formatDay(due.due)}
          {overdue && <span className="overdue-badge">Overdue</span>}
        </dd>
        <dt>Status</dt>
        <dd className="report-status">
          <strong>{reportStatusText(report)}</strong>
          <PendingMarker collection="reports" id={report.id} />
        </dd>
      </dl>

      {editable && (
        <p className={`autosave-status no-print${autosave.saving ? ' saving' : ''}`} role="status">
          {autosave.saving ? 'Saving…' : 'Saved on this device'}
        </p>
      )}
      <FormError
        className="no-print"
        message={
          autosave.error && `${autosave.error} What you typed is kept in this browser until it can be saved.`
        }
      />

      {report.status === 'changes_requested' && report.decision?.kind === 'changes_requested' && (
        <section className="notice" aria-labelledby="changes-heading">
          <h2 id="changes-heading">
            Changes requested
            {changesEntry ? ` by ${changesEntry.byName} on ${formatDate(changesEntry.at)}` : ''}
          </h2>
          <p className="prewrap">{report.decision.comment}</p>
        </section>
      )}

      <RefusedChanges refusals={otherRefusals} onReenter={onReenter} onDismiss={onDismiss} />
      {isOwnExpert && (
        <ReportClashes
          refusals={clashes}
          report={report}
          editable={editable}
          onChoose={async (refusal, name, choice) => {
            await autosave.flushAll();
            await resolveClash(device, refusal.id, name, choice);
          }}
        />
      )}

      {section('summary')}
      {editable ? (
        <ObjectivesEditor
          objectives={report.sections.objectives}
          autosave={autosave}
          onProgress={(index, progress) => {
            saveObjective(device, report.id, index, { progress }).catch((error: Error) =>
              setActionError(`Not saved: ${error.message}`),
            );
          }}
        />
      ) : (
        <ReadOnlyObjectives objectives={report.sections.objectives} />
      )}
      <div className="narrative-pair">
        {section('ktNarrative')}
        <ActivitySummaryView summary={summary} />
      </div>
      {SECTIONS_AFTER_NARRATIVE.map(section)}

      {report.decision?.kind === 'endorsed' &&
        (report.status === 'endorsed' || report.status === 'reviewed') && (
          <section className="endorsement" aria-labelledby="endorsement-heading">
            <h2 id="endorsement-heading">Endorsement by the host institution</h2>
            <dl className="details">
              <dt>Endorsed by</dt>
              <dd>{report.decision.fullName || endorsedEntry?.byName || '—'}</dd>
              <dt>Date</dt>
              <dd>{endorsedEntry ? formatDate(endorsedEntry.at) : 'Not yet confirmed by the server'}</dd>
              <dt>Comment</dt>
              <dd className="prewrap">{report.decision.comment}</dd>
            </dl>
          </section>
        )}
      {report.status === 'reviewed' && (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">
            Reviewed by the programme
            {reviewedEntry ? ` (${reviewedEntry.byName}, ${formatDate(reviewedEntry.at)})` : ''}
          </h2>
          <p className="prewrap">{report.review?.comment || 'No comment.'}</p>
        </section>
      )}

      <ReportHistory history={report.history ?? []} />

      <div className="no-print stack report-actions">
        <FormError message={actionError} />
        {editable && may('submit') && (
          <div>
            {submitBlocked && (
              <p id="report-submit-reason" className="notice">
                {submitBlocked}
              </p>
            )}
            <button
              type="button"
              className="primary wide"
              disabled={submitBlocked !== null}
              aria-describedby={submitBlocked ? 'report-submit-reason' : undefined}
              onClick={() => setConfirming(true)}
            >
              Submit report
            </button>
          </div>
        )}
        {may('endorse') && may('request_changes') && (
          <SupervisorDecisionForm
            onEndorse={(comment, fullName) =>
              endorseReport(device, report.id, comment, fullName).then(() => undefined)
            }
            onRequestChanges={(comment) => requestChanges(device, report.id, comment).then(() => undefined)}
          />
        )}
        {may('review') && (
          <ReviewForm
            onReview={(comment) => markReviewed(device, report.id, comment).then(() => undefined)}
          />
        )}
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
      </div>

      {confirming && (
        <ConfirmDialog
          title="Submit this report?"
          confirmLabel="Yes, submit"
          busy={submitting}
          onConfirm={() => void submit()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            Your host supervisor will be asked to endorse it. You cannot change it after submitting unless
            changes are requested.
          </p>
        </ConfirmDialog>
      )}
    </article>
  );
}
