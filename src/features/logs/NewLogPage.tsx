/** "Log today": a new log, or a refused change re-entered as a new log. */
import { useCallback, useMemo } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { useFieldbook } from '../../app/FieldbookProvider';
import { dismissRefusal, refusals$ } from '../../db/logs';
import { localIsoDate } from '../../shared/dates';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useObservable } from '../../ui/useObservable';
import { useAssignment } from '../assignments/useAssignment';
import { parseAttempted } from '../sync/attempted-log';
import { LogForm } from './LogForm';
import { emptyLogValues, valuesFromAttempted } from './log-form-values';
import { assignmentPath, REFUSAL_PARAM } from './log-paths';

export function NewLogPage() {
  const { id: assignmentId = '' } = useParams();
  const [search] = useSearchParams();
  const refusalId = search.get(REFUSAL_PARAM);
  const { device } = useFieldbook();
  const navigate = useNavigate();
  const { assignment, canWriteLogs } = useAssignment(assignmentId);
  const refusalSource = useMemo(() => (device && refusalId ? refusals$(device) : null), [device, refusalId]);
  const refusals = useObservable(refusalSource);
  const refusal = refusals?.find((candidate) => candidate.id === refusalId) ?? null;
  useDocumentTitle(refusalId ? 'Re-enter a refused log' : 'Log today');

  // Computed once the refusal is known; the form reads it only on mount.
  const initial = useMemo(() => {
    const attempted = refusal ? parseAttempted(refusal) : null;
    return attempted ? valuesFromAttempted(attempted, localIsoDate()) : emptyLogValues(localIsoDate());
  }, [refusal]);

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

  if (!device || assignment === undefined || (refusalId && refusals === undefined)) return <Loading />;
  if (assignment === null) return <NotFound message="This assignment is not on this device." />;
  if (!canWriteLogs) {
    return <NotFound message="Only the expert on this assignment can write its logs." />;
  }
  const draftName = refusalId ? `log:new:${assignmentId}:refusal:${refusalId}` : `log:new:${assignmentId}`;

  return (
    <>
      <h1>{refusalId ? 'Re-enter a refused log' : 'Log today'}</h1>
      <p className="muted">{assignment.institution.name}</p>
      {refusal && (
        <p className="notice">
          The server refused this earlier: {refusal.message} Check the fields below and save it as a new log.
        </p>
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
