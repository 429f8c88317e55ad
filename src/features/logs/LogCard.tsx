import { Link } from 'react-router';
import type { DailyLog } from '../../shared/schemas/daily-log.schema';
import { KT_ACTIVITY_LABELS, WORK_MODE_LABELS } from '../../shared/schemas/daily-log.schema';
import { formatDay, formatHours } from '../../ui/format';
import { PendingMarker } from '../device-status';
import { LockNotice } from '../../ui/LockNotice';
import { editLogPath } from '../../shared/paths';

export interface LogCardProps {
  log: DailyLog;
  canEdit: boolean;
  /** Why the log's month is locked (submitted or approved); its edit control is then disabled. */
  lockedReason?: string | null;
}

/** One log in an assignment's list; the edit link only for whoever may write it. */
export function LogCard({ log, canEdit, lockedReason = null }: LogCardProps) {
  const lockId = `log-lock-${log.id}`;
  return (
    <article className="card log-card" aria-labelledby={`log-${log.id}`}>
      <div className="log-card-head">
        <h3 id={`log-${log.id}`}>{formatDay(log.date)}</h3>
        <span className="badge">{formatHours(log.hours)}</span>
      </div>
      <PendingMarker collection="logs" id={log.id} />
      <p className="muted">
        {WORK_MODE_LABELS[log.workMode]}
        {log.location && ` · ${log.location}`}
      </p>
      <p className="prewrap">{log.activities}</p>
      {log.ktActivities.length > 0 && (
        <ul className="kt-summary">
          {log.ktActivities.map((kt, index) => (
            <li key={index}>
              {KT_ACTIVITY_LABELS[kt.type]}: {kt.peopleReached} people reached
            </li>
          ))}
        </ul>
      )}
      {log.notes && <p className="prewrap muted">Notes: {log.notes}</p>}
      {lockedReason && <LockNotice id={lockId} reason={lockedReason} />}
      {canEdit && lockedReason && (
        <button type="button" disabled aria-describedby={lockId} aria-label={`Edit log of ${log.date}`}>
          Edit
        </button>
      )}
      {canEdit && !lockedReason && (
        <Link to={editLogPath(log.id)} className="button" aria-label={`Edit log of ${log.date}`}>
          Edit
        </Link>
      )}
    </article>
  );
}
