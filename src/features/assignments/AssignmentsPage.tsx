/**
 * Home: what waits for this user (an expert's cards, a supervisor's inbox: WorkWaiting, loaded on
 * demand) and the assignments they can see, worded for their role.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useFieldbook } from '../../session/FieldbookProvider';
import { assignments$ } from '../../db/logs';
import { canReadAssignment } from '../../shared/rules/access';
import type { Role } from '../../shared/users';
import { formatDay } from '../../ui/format';
import { countryLabel, sectorLabel } from '../../i18n/labels';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useObservable } from '../../ui/useObservable';
import { assignmentPath, LOG_TODAY_PATH, PAYMENTS_PATH, NEW_ASSIGNMENT_PATH } from '../../shared/paths';
import { AssignmentFilterBar } from './AssignmentFilterBar';
import { filterAssignments, NO_ASSIGNMENT_FILTERS } from './assignment-filters';
import { readHomeSnapshot, toHomeCard, type HomeCard } from './home-snapshot';
import { RefusedChanges, useRefusals } from '../refusals';
import { ExportTimesheetsButton } from '../timesheets';
import { InstallPrompt } from '../pwa';
import { BackupPanel } from '../device-status';
import { statusWord } from './assignment-words';
import { useI18n } from './catalog';

const WorkWaiting = lazy(() => import('./WorkWaiting'));

const TITLES: Record<Role, string> = {
  expert: /*i18n*/ 'assignments.home.title.expert',
  supervisor: /*i18n*/ 'assignments.home.title.supervisor',
  officer: /*i18n*/ 'assignments.home.title.officer',
};

export function AssignmentsPage() {
  const { session, device, syncState, storagePersistence } = useFieldbook();
  const source = useMemo(() => (device ? assignments$(device) : null), [device]);
  const all = useObservable(source);
  const refusals = useRefusals();
  const [filters, setFilters] = useState(NO_ASSIGNMENT_FILTERS);
  const user = session?.user;
  const userId = user?.id;
  const i18n = useI18n();
  const title = user ? i18n._(TITLES[user.role]) : i18n._('assignments.home.title');
  useDocumentTitle(title);
  const readable = useMemo(
    () => (user ? all?.filter((assignment) => canReadAssignment(user, assignment)) : undefined),
    [all, user],
  );
  // Last visit's list (kept in step by AppLayout's useHomeSnapshotKeeper), shown until the device
  // database answers.
  const snapshot = useMemo(() => (userId ? readHomeSnapshot(userId) : null), [userId]);
  if (!user) return null;
  // An officer holds the whole programme: search, filters and sort orders (issue 10 §4).
  const visible = readable && user.role === 'officer' ? filterAssignments(readable, filters) : readable;
  // Until the device database has answered: last visit's list, or nothing yet to show.
  const shown: HomeCard[] | undefined = visible?.map(toHomeCard) ?? snapshot ?? undefined;

  return (
    <>
      <h1>{title}</h1>
      {user.role === 'officer' && (
        <>
          <p>
            <Link to={NEW_ASSIGNMENT_PATH} className="button">
              {i18n._('assignments.home.newAssignment')}
            </Link>{' '}
            <Link to={PAYMENTS_PATH} className="button">
              {i18n._('assignments.home.payments')}
            </Link>
          </p>
          <ExportTimesheetsButton />
        </>
      )}
      {user.role === 'expert' && shown && shown.length > 0 && (
        <p>
          <Link to={LOG_TODAY_PATH} className="button primary">
            {i18n._('assignments.home.logToday')}
          </Link>
        </p>
      )}
      <RefusedChanges {...refusals} />
      {user.role !== 'officer' && device && readable && (
        <Suspense fallback={null}>
          <WorkWaiting device={device} user={user} assignments={readable} />
        </Suspense>
      )}
      {user.role === 'officer' && readable && readable.length > 0 && (
        <AssignmentFilterBar
          filters={filters}
          onChange={setFilters}
          shown={visible?.length ?? 0}
          total={readable.length}
        />
      )}
      {!shown ? (
        <Loading />
      ) : shown.length === 0 && readable && readable.length > 0 ? (
        <p>{i18n._('assignments.home.noMatch')}</p>
      ) : shown.length === 0 ? (
        <p>{i18n._('assignments.home.empty')}</p>
      ) : (
        <ul className="card-list">
          {shown.map((assignment) => (
            <li key={assignment.id} className="card">
              <h2 className="card-title">
                <Link to={assignmentPath(assignment.id)} dir="auto">
                  {assignment.institution.name}
                </Link>
              </h2>
              {user.role !== 'expert' && assignment.expertName && (
                <p dir="auto">{i18n._('assignments.card.expert', { name: assignment.expertName })}</p>
              )}
              <p className="muted">
                {countryLabel(assignment.institution.country)} · {sectorLabel(assignment.institution.sector)}{' '}
                · {statusWord(assignment.status)}
              </p>
              <p className="muted">
                {i18n._('assignments.dates', {
                  start: formatDay(assignment.startDate),
                  end: formatDay(assignment.endDate),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <InstallPrompt />
      {device && (
        <BackupPanel
          device={device}
          pendingCount={syncState?.pendingCount ?? 0}
          oldestPendingAt={syncState?.oldestPendingAt ?? null}
          persistence={storagePersistence}
        />
      )}
    </>
  );
}
