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
import { countryLabel, reportKindLabel, sectorLabel } from '../../i18n/labels';
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
import { useI18n } from './catalog';
import { errorText, lockText } from '../../ui/reasons';

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
  const i18n = useI18n();
  useDocumentTitle(reportKind ? reportKindLabel(reportKind) : i18n._('reports.page.title'));

  // The expert's first opening creates the report on the device; others wait for it to sync.
  useEffect(() => {
    if (!device || !assignment || !reportKind || !due || !isOwnExpert || report !== null) return;
    ensureReport(device, assignment, reportKind).catch((error: Error) =>
      setCreateError(i18n._('reports.page.startFailed', { message: errorText(error) })),
    );
  }, [device, assignment, reportKind, due, isOwnExpert, report, i18n]);

  if (!device || !user || assignment === undefined || report === undefined) return <Loading />;
  if (assignment === null || !reportKind || !due) {
    return <NotFound message={i18n._('reports.page.notFound')} />;
  }
  if (report === null) {
    return (
      <>
        <p>
          <Link to={assignmentPath(assignment.id)}>{i18n._('reports.page.back')}</Link>
        </p>
        <h1>{reportKindLabel(reportKind)}</h1>
        {createError ? (
          <FormError message={createError} />
        ) : isOwnExpert ? (
          <Loading label={i18n._('reports.page.starting')} />
        ) : (
          <p>{i18n._('reports.page.notStartedYet')}</p>
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
  const i18n = useI18n();

  const overdue = isOverdue(due.due, report.status, localIsoDate());
  const summaryText = editable ? autosave.valueOf('summary') : report.sections.summary;
  const submitBlocked = lockText(firstMissing(REPORT_WORKFLOW.submit, { summary: summaryText }));
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
      setActionError(i18n._('reports.page.notSubmitted', { message: errorText(error) }));
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
        <Link to={assignmentPath(assignment.id)}>{i18n._('reports.page.back')}</Link>
      </p>
      <h1>{reportKindLabel(report.kind)}</h1>
      <dl className="details">
        <dt>{i18n._('reports.details.expert')}</dt>
        <dd dir="auto">{assignment.expertName ?? '—'}</dd>
        <dt>{i18n._('reports.details.institution')}</dt>
        <dd dir="auto">{assignment.institution.name}</dd>
        <dt>{i18n._('reports.details.country')}</dt>
        <dd>{countryLabel(assignment.institution.country)}</dd>
        <dt>{i18n._('reports.details.sector')}</dt>
        <dd>{sectorLabel(assignment.institution.sector)}</dd>
        <dt>{i18n._('reports.details.assignment')}</dt>
        <dd>
          {i18n._('reports.dateRange', {
            start: formatDay(assignment.startDate),
            end: formatDay(assignment.endDate),
          })}
        </dd>
        <dt>{i18n._('reports.details.due')}</dt>
        <dd>
          {formatDay(due.due)}
          {overdue && <span className="overdue-badge">{i18n._('reports.overdue')}</span>}
        </dd>
        <dt>{i18n._('reports.details.status')}</dt>
        <dd className="report-status">
          <strong>{reportStatusText(report)}</strong>
          <PendingMarker collection="reports" id={report.id} />
        </dd>
      </dl>

      {editable && (
        <p className={`autosave-status no-print${autosave.saving ? ' saving' : ''}`} role="status">
          {autosave.saving ? i18n._('reports.autosave.saving') : i18n._('reports.autosave.saved')}
        </p>
      )}
      <FormError
        className="no-print"
        message={autosave.error && `${autosave.error} ${i18n._('reports.autosave.kept')}`}
      />

      {report.status === 'changes_requested' && report.decision?.kind === 'changes_requested' && (
        <section className="notice" aria-labelledby="changes-heading">
          <h2 id="changes-heading">
            {changesEntry
              ? i18n._('reports.changes.headingBy', {
                  name: changesEntry.byName,
                  date: formatDate(changesEntry.at),
                })
              : i18n._('reports.changes.heading')}
          </h2>
          <p className="prewrap" dir="auto">
            {report.decision.comment}
          </p>
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
              setActionError(i18n._('reports.page.notSaved', { message: errorText(error) })),
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
            <h2 id="endorsement-heading">{i18n._('reports.endorsement.heading')}</h2>
            <dl className="details">
              <dt>{i18n._('reports.endorsement.by')}</dt>
              <dd dir="auto">{report.decision.fullName || endorsedEntry?.byName || '—'}</dd>
              <dt>{i18n._('reports.endorsement.date')}</dt>
              <dd>
                {endorsedEntry ? formatDate(endorsedEntry.at) : i18n._('reports.endorsement.unconfirmed')}
              </dd>
              <dt>{i18n._('reports.endorsement.comment')}</dt>
              <dd className="prewrap" dir="auto">
                {report.decision.comment}
              </dd>
            </dl>
          </section>
        )}
      {report.status === 'reviewed' && (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">
            {reviewedEntry
              ? i18n._('reports.reviewed.headingBy', {
                  name: reviewedEntry.byName,
                  date: formatDate(reviewedEntry.at),
                })
              : i18n._('reports.reviewed.heading')}
          </h2>
          {report.review?.comment ? (
            <p className="prewrap" dir="auto">
              {report.review.comment}
            </p>
          ) : (
            <p className="prewrap">{i18n._('reports.reviewed.noComment')}</p>
          )}
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
              {i18n._('reports.submit.button')}
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
          {i18n._('reports.print')}
        </button>
      </div>

      {confirming && (
        <ConfirmDialog
          title={i18n._('reports.submit.title')}
          confirmLabel={i18n._('reports.submit.confirm')}
          busy={submitting}
          onConfirm={() => void submit()}
          onCancel={() => setConfirming(false)}
        >
          <p>{i18n._('reports.submit.body')}</p>
        </ConfirmDialog>
      )}
    </article>
  );
}
