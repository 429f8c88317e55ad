/**
 * One assignment: what it is, its totals, its reports and monthly timesheets, refused changes,
 * and its logs month by month, newest first, each month with its calendar (LogMonths).
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { NotFound } from '../../ui/NotFound';
import { useFieldbook } from '../../session/FieldbookProvider';
import { logsOfAssignment$ } from '../../db/logs';
import { KT_ACTIVITY_TYPES, WORK_MODES } from '../../shared/schemas/daily-log.schema';
import { localIsoDate } from '../../shared/dates';
import { dayCountingRule } from '../../i18n/labels';
import { formatDay, formatNumber } from '../../ui/format';
import { countryLabel, ktActivityLabel, sectorLabel, workModeLabel } from '../../i18n/labels';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useObservable } from '../../ui/useObservable';
import { editLogPath, newLogPath, editAssignmentPath } from '../../shared/paths';
import { logSavedMessage, takeLogSaved } from '../logs';
import { parseAttempted, RefusedChanges, useRefusals } from '../refusals';
import { ReportsSection } from '../reports';
import { LockNotice } from '../../ui/LockNotice';
import { reasonText } from '../../ui/reasons';
import { TimesheetsSection } from '../timesheets';
import { useAssignmentTimesheets } from '../../session/useAssignmentTimesheets';
import { assignmentTotals } from './assignment-totals';
import { LogMonths } from './LogMonths';
import { useAssignment } from '../../session/useAssignment';
import { modeWord, statusWord } from './assignment-words';
import { useI18n } from './screens-catalog';

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
  const i18n = useI18n();
  useEffect(() => {
    if (takeLogSaved()) setSavedNotice(logSavedMessage());
  }, []);
  useDocumentTitle(assignment?.institution.name ?? i18n._('assignments.page.title'));

  if (assignment === undefined) return <Loading />;
  if (assignment === null) return <NotFound message={i18n._('assignments.notFound')} />;
  const today = localIsoDate();
  const todayLock = canWriteLogs ? lockOf(today) : null;
  // Today's log, if kept already: "Log today" opens it rather than a blank duplicate.
  const todayLog = logs?.find((log) => log.date === today);

  return (
    <>
      <h1 dir="auto">{assignment.institution.name}</h1>
      <p className="muted">
        {assignment.expertName && (
          <>
            <bdi>{assignment.expertName}</bdi> ·{' '}
          </>
        )}
        {countryLabel(assignment.institution.country)} · {sectorLabel(assignment.institution.sector)} ·{' '}
        {modeWord(assignment.mode)} · {statusWord(assignment.status)}
      </p>
      <p className="muted">
        {i18n._('assignments.page.dates', {
          start: formatDay(assignment.startDate),
          end: formatDay(assignment.endDate),
        })}
      </p>
      {session?.user.role === 'officer' && (
        <p>
          <Link to={editAssignmentPath(assignment.id)} className="button">
            {i18n._('assignments.page.edit')}
          </Link>
        </p>
      )}
      {assignment.objectives.length > 0 && (
        <details>
          <summary>{i18n._('assignments.page.objectives')}</summary>
          <ul>
            {assignment.objectives.map((objective, index) => (
              <li key={index} dir="auto">
                {objective}
              </li>
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
            {i18n._('assignments.page.logToday')}
          </button>
          {todayLog && !todayLock && (
            <p>
              <Link to={newLogPath(assignment.id)}>{i18n._('assignments.page.addAnother')}</Link>
            </p>
          )}
          {todayLock && <LockNotice id="today-lock" reason={reasonText(todayLock)} />}
        </>
      )}
      <RefusedChanges refusals={ownRefusals} onReenter={onReenter} onDismiss={onDismiss} />
      {totals && (
        <section aria-labelledby="totals-heading" className="totals">
          <h2 id="totals-heading">{i18n._('assignments.totals.heading')}</h2>
          <dl className="totals-grid">
            <div className="totals-pair">
              <dt>{i18n._('assignments.totals.daysLogged')}</dt>
              <dd>{formatNumber(totals.daysLogged)}</dd>
            </div>
            <div className="totals-pair">
              <dt>{i18n._('assignments.totals.hours')}</dt>
              <dd>{formatNumber(totals.hours)}</dd>
            </div>
            {WORK_MODES.map((mode) => (
              <div key={mode} className="totals-pair">
                <dt>{i18n._('assignments.totals.modeDays', { mode: workModeLabel(mode) })}</dt>
                <dd>{formatNumber(totals.daysByMode[mode])}</dd>
              </div>
            ))}
          </dl>
          {/* A rule's sentence from src/shared: English until the shared rules get their catalog. */}
          <p className="hint day-rule">{dayCountingRule()}</p>
          <h3>{i18n._('assignments.totals.peopleReached')}</h3>
          <dl className="totals-grid">
            {KT_ACTIVITY_TYPES.map((type) => (
              <div key={type} className="totals-pair">
                <dt>{ktActivityLabel(type)}</dt>
                <dd>{formatNumber(totals.peopleReachedByType[type])}</dd>
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
        <h2 id="logs-heading">{i18n._('assignments.page.logsHeading')}</h2>
        {!logs ? (
          <Loading />
        ) : (
          <>
            {logs.length === 0 && <p>{i18n._('assignments.page.noLogs')}</p>}
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
