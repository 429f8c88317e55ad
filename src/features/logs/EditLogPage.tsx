/** Editing a log (with delete), or reading it for those who may not write it. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { NotFound } from '../../ui/NotFound';
import { useFieldbook } from '../../session/FieldbookProvider';
import { forgetDraft } from '../../session/useDraft';
import { STRANDED_DELETED, STRANDED_LOCKED, deleteLog, log$ } from '../../db/logs';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatDay } from '../../ui/format';
import { lockText } from '../../ui/reasons';
import type { Reason } from '../../shared/reasons';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useObservable } from '../../ui/useObservable';
import { useAssignment } from '../../session/useAssignment';
import { useAssignmentTimesheets } from '../../session/useAssignmentTimesheets';
import { LogCard } from './LogCard';
import { LogForm } from './LogForm';
import { valuesFromLog } from './log-form-values';
import { keepStrandedDraft } from './useLogForm';
import { assignmentPath } from '../../shared/paths';
import { useI18n } from './catalog';

export function EditLogPage() {
  const { id: logId = '' } = useParams();
  const i18n = useI18n();
  const { device } = useFieldbook();
  const navigate = useNavigate();
  const source = useMemo(() => (device ? log$(device, logId) : null), [device, logId]);
  const log = useObservable(source);
  const { assignment, canWriteLogs } = useAssignment(log?.assignmentId);
  const { byMonth, lockOf } = useAssignmentTimesheets(device, log?.assignmentId);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  // The form's starting values are the log as it was when the screen opened.
  const [initialLog, setInitialLog] = useState<typeof log>(undefined);
  if (log && initialLog === undefined) setInitialLog(log);
  const initial = useMemo(() => (initialLog ? valuesFromLog(initialLog) : null), [initialLog]);
  useDocumentTitle(canWriteLogs ? i18n._('logs.edit.title') : i18n._('logs.edit.titleRead'));

  // An edit typed here earlier and never saved cannot be saved any more once the log is gone or
  // its month is locked: it goes to the changes to re-enter instead of staying hidden.
  const lock = log ? lockOf(log.date) : null;
  const stranded = log === null && !deleting ? [STRANDED_DELETED] : lock ? [STRANDED_LOCKED, lock] : null;
  // As text, so the effect runs when the reasons change rather than on every render.
  const strandedKey = stranded && JSON.stringify(stranded);
  const strandedAssignmentId = log?.assignmentId ?? initialLog?.assignmentId ?? '';
  useEffect(() => {
    if (device && strandedKey) {
      const reasons = JSON.parse(strandedKey) as Reason[];
      void keepStrandedDraft(device, `log:${logId}`, strandedAssignmentId, reasons);
    }
  }, [device, logId, strandedKey, strandedAssignmentId]);

  const onSaved = useCallback(() => {
    if (log) void navigate(assignmentPath(log.assignmentId));
  }, [log, navigate]);

  async function remove() {
    if (!device || !log) return;
    setDeleting(true);
    await deleteLog(device, log.id);
    forgetDraft(device.userId, `log:${log.id}`);
    await navigate(assignmentPath(log.assignmentId), { replace: true });
  }

  if (!device || log === undefined) return <Loading />;
  if (log === null) {
    return deleting ? <Loading /> : <NotFound message={i18n._('logs.edit.notFound')} />;
  }
  if (assignment === undefined || byMonth === undefined) return <Loading />;
  if (assignment === null) return <NotFound message={i18n._('logs.edit.assignmentNotFound')} />;
  const lockedReason = lockText(lock);

  if (canWriteLogs && lockedReason) {
    return (
      <>
        <h1>{i18n._('logs.edit.titleRead')}</h1>
        <p className="muted" dir="auto">
          {assignment.institution.name}
        </p>
        <LogCard log={log} canEdit={false} lockedReason={lockedReason} />
        <div className="danger-zone">
          <button type="button" className="danger" disabled aria-describedby={`log-lock-${log.id}`}>
            {i18n._('logs.edit.delete')}
          </button>
        </div>
        <p>
          <Link to={assignmentPath(assignment.id)}>{i18n._('logs.edit.back')}</Link>
        </p>
      </>
    );
  }

  if (!canWriteLogs || !initial) {
    return (
      <>
        <h1>{i18n._('logs.edit.titleRead')}</h1>
        <p className="muted" dir="auto">
          {assignment.institution.name}
        </p>
        <LogCard log={log} canEdit={false} />
        <p>
          <Link to={assignmentPath(assignment.id)}>{i18n._('logs.edit.back')}</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>{i18n._('logs.edit.title')}</h1>
      <p className="muted">
        <span dir="auto">{assignment.institution.name}</span> · {formatDay(log.date)}
      </p>
      <LogForm
        key={log.id}
        device={device}
        assignment={assignment}
        logId={log.id}
        draftName={`log:${log.id}`}
        initial={initial}
        base={initialLog}
        onSaved={onSaved}
      >
        <div className="danger-zone">
          <button type="button" className="danger" onClick={() => setConfirmingDelete(true)}>
            {i18n._('logs.edit.delete')}
          </button>
        </div>
      </LogForm>
      {confirmingDelete && (
        <ConfirmDialog
          title={i18n._('logs.edit.deleteTitle', { day: formatDay(log.date) })}
          confirmLabel={i18n._('logs.edit.deleteConfirm')}
          danger
          busy={deleting}
          onConfirm={() => void remove()}
          onCancel={() => setConfirmingDelete(false)}
        >
          <p>{i18n._('logs.edit.deleteBody')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
