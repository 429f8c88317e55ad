/** A supervisor's home: submitted reports of their experts, waiting for endorsement. */
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { DeviceDatabase } from '../../db/database';
import { toEndorse$ } from '../../db/reports';
import type { Assignment } from '../../shared/schemas';
import { REPORT_KIND_LABELS } from '../../shared/schemas/report.schema';
import { useObservable } from '../../ui/useObservable';
import { reportPath } from './report-paths';

export function ToEndorseList({
  device,
  assignments,
}: {
  device: DeviceDatabase;
  assignments: readonly Assignment[];
}) {
  const source = useMemo(() => toEndorse$(device), [device]);
  const reports = useObservable(source);
  const byId = useMemo(
    () => new Map(assignments.map((assignment) => [assignment.id, assignment])),
    [assignments],
  );
  if (!reports) return null;

  return (
    <section aria-labelledby="to-endorse-heading">
      <h2 id="to-endorse-heading">To endorse</h2>
      {reports.length === 0 ? (
        <p>No reports are waiting for your endorsement.</p>
      ) : (
        <ul className="card-list">
          {reports.map((report) => {
            const assignment = byId.get(report.assignmentId);
            return (
              <li key={report.id} className="card report-card status-submitted">
                <h3 className="card-title">
                  <Link to={reportPath(report.assignmentId, report.kind)}>
                    {assignment?.expertName ?? 'Expert'} — {REPORT_KIND_LABELS[report.kind]}
                  </Link>
                </h3>
                <p>{assignment?.institution.name ?? 'Assignment not on this device yet'}</p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
