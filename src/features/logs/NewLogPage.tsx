/**
 * "Log today": a new log, or a refused change re-entered as a new log. With `?date=` it is a day's
 * log (a calendar day, a day named in a return): the log already kept for that day opens instead
 * of a blank duplicate, and a day without one starts a new log of that date.
 */
import { useCallback, useMemo } from 'react';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { NotFound } from '../../ui/NotFound';
import { useFieldbook } from '../../session/FieldbookProvider';
import { logsOfAssignment$ } from '../../db/logs';
import { dismissRefusal, refusals$ } from '../../db/refusals';
import { isIsoDate, localIsoDate } from '../../shared/dates';
import { formatDay } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useObservable } from '../../ui/useObservable';
import { useAssignment } from '../../session/useAssignment';
import { parseAttempted } from '../refusals';
import { LogForm } from './LogForm';
import { emptyLogValues, valuesFromAttempted } from './log-form-values';
import { assignmentPath, DATE_PARAM, editLogPath, REFUSAL_PARAM } from '../../shared/paths';
import { useI18n } from './catalog';
import { refusalText } from '../../ui/reasons';

export function NewLogPage() {
  const { id: assignmentId = '' } = useParams();
  const [search] = useSearchParams();
  const refusalId = search.get(REFUSAL_PARAM);
  const askedDate = search.get(DATE_PARAM);
  const date = askedDate && isIsoDate(askedDate) && !refusalId ? askedDate : null;
  const i18n = useI18n();
  const { device } = useFieldbook();
  const navigate = useNavigate();
  const { assignment, canWriteLogs } = useAssignment(assignmentId);
  const refusalSource = useMemo(() => (device && refusalId ? refusals$(device) : null), [device, refusalId]);
  const refusals = useObservable(refusalSource);
  const logSource = useMemo(
    () => (device && date ? logsOfAssignment$(device, assignmentId) : null),
    [device, date, assignmentId],
  );
  const logs = useObservable(logSource);
  const refusal = refusals?.find((candidate) => candidate.id === refusalId) ?? null;
  const today = localIsoDate();
  const title = refusalId
    ? i18n._('logs.new.titleRefused')
    : date && date !== today
      ? i18n._('logs.new.titleDay', { day: formatDay(date) })
      : i18n._('logs.new.titleToday');
  useDocumentTitle(title);

  // Computed once the refusal is known; the form reads it only on mount.
  const initial = useMemo(() => {
    const attempted = refusal ? parseAttempted(refusal) : null;
    return attempted?.collection === 'logs'
      ? valuesFromAttempted(attempted.log, localIsoDate())
      : emptyLogValues(date ?? localIsoDate());
  }, [refusal, date]);

  const onSaved = useCallback(
    (_logId: string) => {
      void (async () => {
        // Its text now lives in the new log, so the refusal has done its job.
        if (device && refusalId) await dismissRefusal(device, refusalId);
        await navigate(assignmentPath(assignmentId));
      })();
    },
    [device, refusalId, navigate, assignmentId],
  );

  if (!device || assignment === undefined || (refusalId && refusals === undefined) || (date && !logs)) {
    return <Loading />;
  }
  if (assignment === null) return <NotFound message={i18n._('logs.new.assignmentNotFound')} />;
  if (!canWriteLogs) {
    return <NotFound message={i18n._('logs.new.notExpert')} />;
  }
  const existing = date ? logs?.find((log) => log.date === date) : undefined;
  if (existing) return <Navigate to={editLogPath(existing.id)} replace />;
  // A day's form keeps its own draft: a draft of another day must not change the date asked for.
  const draftName = refusalId
    ? `log:new:${assignmentId}:refusal:${refusalId}`
    : date && date !== today
      ? `log:new:${assignmentId}:${date}`
      : `log:new:${assignmentId}`;

  return (
    <>
      <h1>{title}</h1>
      <p className="muted" dir="auto">
        {assignment.institution.name}
      </p>
      {refusal && (
        <p className="notice">{i18n._('logs.new.refusedNotice', { reason: refusalText(refusal) })}</p>
      )}
      <LogForm
        key={draftName}
        device={device}
        assignment={assignment}
        logId={null}
        draftName={draftName}
        initial={initial}
        onSaved={onSaved}
      />
    </>
  );
}
