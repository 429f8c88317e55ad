/**
 * The supervisor's inbox at /to-sign: the same inbox as on their home (SupervisorInbox) —
 * timesheets to sign and reports to endorse, the longest-waiting first.
 */
import { useMemo } from 'react';
import { useFieldbook } from '../../session/FieldbookProvider';
import { assignments$ } from '../../db/logs';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useObservable } from '../../ui/useObservable';
import { SupervisorInbox } from '../assignments';

export function ToSignPage() {
  const { device } = useFieldbook();
  const assignmentSource = useMemo(() => (device ? assignments$(device) : null), [device]);
  const assignments = useObservable(assignmentSource);
  useDocumentTitle('To sign');

  return (
    <>
      <h1>To sign</h1>
      <p className="muted">Timesheets to sign and reports to endorse, the longest-waiting first.</p>
      {!device || !assignments ? (
        <Loading />
      ) : (
        <SupervisorInbox device={device} assignments={assignments} titleLevel={2} />
      )}
    </>
  );
}
