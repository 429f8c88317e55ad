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
import { useI18n } from './screens-catalog';

export function ToSignPage() {
  const i18n = useI18n();
  const { device } = useFieldbook();
  const assignmentSource = useMemo(() => (device ? assignments$(device) : null), [device]);
  const assignments = useObservable(assignmentSource);
  useDocumentTitle(i18n._('timesheets.toSign.title'));

  return (
    <>
      <h1>{i18n._('timesheets.toSign.title')}</h1>
      <p className="muted">{i18n._('timesheets.toSign.intro')}</p>
      {!device || !assignments ? (
        <Loading />
      ) : (
        <SupervisorInbox device={device} assignments={assignments} titleLevel={2} />
      )}
    </>
  );
}
