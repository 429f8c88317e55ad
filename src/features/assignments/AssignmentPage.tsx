/**
 * One assignment: what it is, its totals, its reports and monthly timesheets, refused changes,
 * and its logs month by month, newest first, each month with its calendar (LogMonths).
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { NotFound } from '../../ui/NotFound';
import { useFieldbook } from '../../session/FieldbookProvider';
import { logsOfAssignment$ } from '../../db/logs';
import {
  KT_ACTIVITY_LABELS,
  KT_ACTIVITY_TYPES,
  WORK_MODE_LABELS,
  WORK_MODES,
} from '../../shared/schemas/daily-log.schema';
import { localIsoDate } from '../../shared/dates';
import { DAY_COUNTING_RULE } from '../../shared/rules/day-rules';
import { formatDay } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useObservable } from '../../ui/useObservable';
import { editLogPath, newLogPath, editAssignmentPath } from '../../shared/paths';
import { LOG_SAVED_MESSAGE, takeLogSaved } from '../logs';
import { parseAttempted, RefusedChanges, useRefusals } from '../refusals';
import { ReportsSection } from '../reports';
import { LockNotice } from '../../ui/LockNotice';
import { TimesheetsSection } from '../timesheets';
import { useAssignmentTimesheets } from '../../session/useAssignmentTimesheets';
import { assignmentTotals } from './assignment-totals';
import { LogMonths } from './LogMonths';
import { useAssignment } from '../../session/useAssignment';

export function AssignmentPage() {
  const { id } = useParams();
  const { device, session } = useFieldbook();
  const navigate = useNavigate();
  const { assignment, canWriteLogs } = useAssignment(id);
  const source = useMemo(() => (device && id ? logsOfAssignment$(device, id) : null), [device, id]);
  const logs = useObservable(source);
  const { byMonth, lockOf } = useAssignmentTimesheets(device, id);
  const { refusals, onReenter, onDismiss } = useRefusals();
  const ownRefusals = useMemo(
    () => refusals.filter((refusal) => parseAttempted(refusal)?.assignmentId === id),
    [refusals, id],
  );
  const totals = useMemo(() => (logs ? assignmentTotals(logs) : null), [logs]);
  // Set after mount, so the status region exists first and a screen reader announces the change.
  const [savedNotice, setSavedNotice] = useState('');
  useEffect(() => {
    if (takeLogSaved()) setSavedNotice(LOG_SAVED_MESSAGE);
  }, []);
  useDocumentTitle(assignment?.institution.name ?? 'Assignment');

  if (assignment === undefined) return <Loading />;
  if (assignment === null) return <NotFound message="This assignment is not on this device." />;
  const today = localIsoDate();
  const todayLock = canWriteLogs ? lockOf(today) : null;
  // Today's log, if kept already: "Log today" opens it rather than a blank duplicate.
  const todayLog = logs?.find((log) => log.date === today);

  return (
    <>
      <h1>{assignment.institution.name}</h1>
      <p className="muted">
        {assignment.expertName && `${assignment.expertName} · `}
        {assignment.institution.country} · {assignment.institution.sector} · {assignment.mode} ·{' '}
        {assignment.status}
      </p>
      <p className="muted">
        {formatDay(assignment.startDate)} to {formatDay(assignment.endDate)}
      </p>
      {session?.user.role === 'officer' && (
        <p>
          <Link to={editAssignmentPath(assignment.id)} className="button">
            Edit assignment
          </Link>
        </p>
      )}
      {assignment.objectives.length > 0 && (
        <details>
          <summary>Objectives</summary>
          <ul>
            {assignment.objectives.map((objective, index) => (
              <li key={index}>{objective}</li>
            ))}
          </ul>
        </details>
      )}
      <p role="status" className="saved-notice">
        {savedNotice}
      </p>
      {canWriteLogs && (
        <>
          <button
            type="button"
            className="primary wide"
            disabled={todayLock !== null && !todayLog}
            aria-describedby={todayLock ? 'today-lock' : undefined}
            onClick={() => void navigate(todayLog ? editLogPath(todayLog.id) : newLogPath(assignment.id))}
          >
            Log today
          </button>
          {todayLog && !todayLock && (
            <p>
              <Link to={newLogPath(assignment.id)}>Add another log for today</Link>
            </p>
          )}
          {todayLock && <LockNotice id="today-lock" reason={todayLock} />}
        </>
      )}
      <RefusedChanges refusals={ownRefusals} onReenter={onReenter} onDismiss={onDismiss} />
      {totals && (
        <section aria-labelledby="totals-heading" className="totals">
          <h2 id="totals-heading">Totals</h2>
          <dl className="totals-grid">
            <div className="totals-pair">
              <dt>Days logged</dt>
              <dd>{totals.daysLogged}</dd>
            </div>
            <div className="totals-pair">
              <dt>Hours</dt>
              <dd>{totals.hours}</dd>
            </div>
            {WORK_MODES.map((mode) => (
              <div key={mode} className="totals-pair">
                <dt>{WORK_MODE_LABELS[mode]} (days)</dt>
                <dd>{totals.daysByMode[mode]}</dd>
              </div>
            ))}
          </dl>
          <p className="hint day-rule">{DAY_COUNTING_RULE}</p>
          <h3>People reached</h3>
          <dl className="totals-grid">
            {KT_ACTIVITY_TYPES.map((type) => (
              <div key={type} className="totals-pair">
                <dt>{KT_ACTIVITY_LABELS[type]}</dt>
                <dd>{totals.peopleReachedByType[type]}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {device && <ReportsSection device={device} assignment={assignment} />}
      {device && logs && byMonth && (
        <TimesheetsSection device={device} assignment={assignment} logs={logs} byMonth={byMonth} />
      )}
      <section aria-labelledby="logs-heading">
        <h2 id="logs-heading">Daily logs</h2>
        {!logs ? (
          <Loading />
        ) : (
          <>
            {logs.length === 0 && <p>No days logged yet.</p>}
            <LogMonths
              assignment={assignment}
              logs={logs}
              byMonth={byMonth}
              canWriteLogs={canWriteLogs}
              lockOf={lockOf}
            />
          </>
        )}
      </section>
    </>
  );
}
