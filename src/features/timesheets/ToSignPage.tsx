/** The supervisor's inbox: submitted timesheets waiting for their decision, oldest month first. */
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useFieldbook } from '../../app/FieldbookProvider';
import { assignments$ } from '../../db/logs';
import { toSign$ } from '../../db/timesheets';
import { plural } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useObservable } from '../../ui/useObservable';
import { timesheetPath } from './timesheet-paths';
import { formatMonth } from './timesheet-status';

export function ToSignPage() {
  const { device } = useFieldbook();
  const timesheetSource = useMemo(() => (device ? toSign$(device) : null), [device]);
  const assignmentSource = useMemo(() => (device ? assignments$(device) : null), [device]);
  const timesheets = useObservable(timesheetSource);
  const assignments = useObservable(assignmentSource);
  useDocumentTitle('To sign');
  const byId = useMemo(() => new Map((assignments ?? []).map((a) => [a.id, a])), [assignments]);

  return (
    <>
      <h1>To sign</h1>
      {!timesheets || !assignments ? (
        <Loading />
      ) : timesheets.length === 0 ? (
        <p>No timesheets are waiting for your sign-off.</p>
      ) : (
        <ul className="card-list">
          {timesheets.map((timesheet) => {
            const assignment = byId.get(timesheet.assignmentId);
            const snapshot = timesheet.submission?.snapshot.logs ?? [];
            const days = new Set(snapshot.filter((log) => log.hours > 0).map((log) => log.date)).size;
            const hours = snapshot.reduce((sum, log) => sum + log.hours, 0);
            const expert = assignment?.expertName ?? 'Expert';
            return (
              <li key={timesheet.id} className="card">
                <h2 className="card-title">
                  <Link to={timesheetPath(timesheet.assignmentId, timesheet.month)}>
                    {expert} — {formatMonth(timesheet.month)}
                  </Link>
                </h2>
                <p>{assignment?.institution.name ?? 'Assignment not on this device yet'}</p>
                <p className="muted">
                  {plural(days, 'day', 'days')} · {plural(hours, 'hour', 'hours')}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
