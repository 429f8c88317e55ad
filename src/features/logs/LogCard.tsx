import { Link } from 'react-router';
import type { DailyLog } from '../../shared/schemas/daily-log.schema';
import { formatDay, formatHours } from '../../ui/format';
import { PendingMarker } from '../device-status';
import { LockNotice } from '../../ui/LockNotice';
import { editLogPath } from '../../shared/paths';
import { ktActivityLabel, workModeLabel } from '../../i18n/labels';
import { useI18n } from './catalog';

export interface LogCardProps {
  log: DailyLog;
  canEdit: boolean;
  /** Why the log's month is locked (submitted or approved); its edit control is then disabled. */
  lockedReason?: string | null;
}

/** One log in an assignment's list; the edit link only for whoever may write it. */
export function LogCard({ log, canEdit, lockedReason = null }: LogCardProps) {
  const i18n = useI18n();
  const lockId = `log-lock-${log.id}`;
  const editLabel = i18n._('logs.card.editLabel', { date: log.date });
  return (
    <article className="card log-card" aria-labelledby={`log-${log.id}`}>
      <div className="log-card-head">
        <h3 id={`log-${log.id}`}>{formatDay(log.date)}</h3>
        <span className="badge">{formatHours(log.hours)}</span>
      </div>
      <PendingMarker collection="logs" id={log.id} />
      <p className="muted">
        {workModeLabel(log.workMode)}
        {log.location && (
          <>
            {' · '}
            <span dir="auto">{log.location}</span>
          </>
        )}
      </p>
      <p className="prewrap" dir="auto">
        {log.activities}
      </p>
      {log.ktActivities.length > 0 && (
        <ul className="kt-summary">
          {log.ktActivities.map((kt, index) => (
            <li key={index}>
              {i18n._('logs.card.ktPeople', { activity: ktActivityLabel(kt.type), count: kt.peopleReached })}
            </li>
          ))}
        </ul>
      )}
      {log.notes && (
        <p className="prewrap muted">
          {i18n._('logs.card.notes')} <span dir="auto">{log.notes}</span>
        </p>
      )}
      {lockedReason && <LockNotice id={lockId} reason={lockedReason} />}
      {canEdit && lockedReason && (
        <button type="button" disabled aria-describedby={lockId} aria-label={editLabel}>
          {i18n._('logs.card.edit')}
        </button>
      )}
      {canEdit && !lockedReason && (
        <Link to={editLogPath(log.id)} className="button" aria-label={editLabel}>
          {i18n._('logs.card.edit')}
        </Link>
      )}
    </article>
  );
}
