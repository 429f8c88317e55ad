/** Editing a log (with delete), or reading it for those who may not write it. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { NotFound } from '../../ui/NotFound';
import { useFieldbook } from '../../session/FieldbookProvider';
import { forgetDraft } from '../../session/useDraft';
import { deleteLog, log$ } from '../../db/logs';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatDay } from '../../ui/format';
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

export function EditLogPage() {
  const { id: logId = '' } = useParams();
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
  useDocumentTitle(canWriteLogs ? 'Edit log' : 'Daily log');

  // An edit typed here earlier and never saved cannot be saved any more once the log is gone or
  // its month is locked: it goes to the changes to re-enter instead of staying hidden.
  const strandedReason =
    log === null && !deleting
      ? 'An edit of this log was not saved before the log was deleted. Your text is kept here.'
      : log && lockOf(log.date)
        ? `An edit of this log was not saved before its month was locked. ${lockOf(log.date)}`
        : null;
  const strandedAssignmentId = log?.assignmentId ?? initialLog?.assignmentId ?? '';
  useEffect(() => {
    if (device && strandedReason) {
      void keepStrandedDraft(device, `log:${logId}`, strandedAssignmentId, strandedReason);
    }
  }, [device, logId, strandedReason, strandedAssignmentId]);

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
    return deleting ? (
      <Loading />
    ) : (
      <NotFound message="This log is not on this device. It may have been deleted." />
    );
  }
  if (assignment === undefined || byMonth === undefined) return <Loading />;
  if (assignment === null) return <NotFound message="The assignment of this log is not on this device." />;
  const lockedReason = lockOf(log.date);

  if (canWriteLogs && lockedReason) {
    return (
      <>
        <h1>Daily log</h1>
        <p className="muted">{assignment.institution.name}</p>
        <LogCard log={log} canEdit={false} lockedReason={lockedReason} />
        <div className="danger-zone">
          <button type="button" className="danger" disabled aria-describedby={`log-lock-${log.id}`}>
            Delete log
          </button>
        </div>
        <p>
          <Link to={assignmentPath(assignment.id)}>Back to the assignment</Link>
        </p>
      </>
    );
  }

  if (!canWriteLogs || !initial) {
    return (
      <>
        <h1>Daily log</h1>
        <p className="muted">{assignment.institution.name}</p>
        <LogCard log={log} canEdit={false} />
        <p>
          <Link to={assignmentPath(assignment.id)}>Back to the assignment</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>Edit log</h1>
      <p className="muted">
        {assignment.institution.name} · {formatDay(log.date)}
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
            Delete log
          </button>
        </div>
      </LogForm>
      {confirmingDelete && (
        <ConfirmDialog
          title={`Delete the log of ${formatDay(log.date)}?`}
          confirmLabel="Yes, delete"
          danger
          busy={deleting}
          onConfirm={() => void remove()}
          onCancel={() => setConfirmingDelete(false)}
        >
          <p>The log is removed from this device and, at the next sync, from the server.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
