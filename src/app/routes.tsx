import { lazy, Suspense, type ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { SignInPage } from '../features/auth/SignInPage';
import { AssignmentsPage } from '../features/assignments/AssignmentsPage';
import { LogTodayRedirect } from '../features/logs/LogTodayRedirect';
import { Loading } from '../ui/Loading';
import { AppLayout } from './AppLayout';
import { NotFound } from './NotFound';

/**
 * A screen loaded on demand. Its fallback shows only when a screen is opened directly by its URL;
 * a navigation keeps the current screen until the next one has loaded (App.tsx).
 */
function onDemand(load: () => Promise<ComponentType>): RouteObject['element'] {
  const Screen = lazy(async () => ({ default: await load() }));
  return (
    <Suspense fallback={<Loading />}>
      <Screen />
    </Suspense>
  );
}

/**
 * Only the sign-in screen and the home (the assignment list) are in the first download; every
 * other screen loads on demand, keeping the first visit light on 2G and the signed-in start short
 * on a slow phone (test/bench/first-screen.ts measures both). The service worker precaches every
 * chunk, so they load offline too.
 */
export const routes: RouteObject[] = [
  { path: '/login', element: <SignInPage /> },
  {
    path: '/welcome/:code',
    element: onDemand(async () => (await import('../features/auth/WelcomePage')).WelcomePage),
  },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <AssignmentsPage /> },
      {
        path: 'assignments/new',
        element: onDemand(
          async () => (await import('../features/assignments/AssignmentFormPages')).NewAssignmentPage,
        ),
      },
      {
        path: 'assignments/:id/edit',
        element: onDemand(
          async () => (await import('../features/assignments/AssignmentFormPages')).EditAssignmentPage,
        ),
      },
      {
        path: 'assignments/:id',
        element: onDemand(
          async () => (await import('../features/assignments/AssignmentPage')).AssignmentPage,
        ),
      },
      {
        path: 'assignments/:id/log',
        element: onDemand(async () => (await import('../features/logs/NewLogPage')).NewLogPage),
      },
      {
        path: 'assignments/:id/timesheets/:month',
        element: onDemand(async () => (await import('../features/timesheets/TimesheetPage')).TimesheetPage),
      },
      {
        path: 'assignments/:id/reports/:kind',
        element: onDemand(async () => (await import('../features/reports/ReportPage')).ReportPage),
      },
      { path: 'log-today', element: <LogTodayRedirect /> },
      {
        path: 'logs/:id/edit',
        element: onDemand(async () => (await import('../features/logs/EditLogPage')).EditLogPage),
      },
      {
        path: 'to-sign',
        element: onDemand(async () => (await import('../features/timesheets/ToSignPage')).ToSignPage),
      },
      {
        path: 'people',
        element: onDemand(async () => (await import('../features/people/PeoplePage')).PeoplePage),
      },
      {
        path: 'payments',
        element: onDemand(async () => (await import('../features/payments/PaymentsPage')).PaymentsPage),
      },
      {
        path: 'institutions',
        element: onDemand(
          async () => (await import('../features/institutions/InstitutionsPage')).InstitutionsPage,
        ),
      },
      {
        path: 'institutions/new',
        element: onDemand(
          async () => (await import('../features/institutions/InstitutionFormPages')).NewInstitutionPage,
        ),
      },
      {
        path: 'institutions/:id',
        element: onDemand(
          async () => (await import('../features/institutions/InstitutionFormPages')).EditInstitutionPage,
        ),
      },
      {
        path: 'dashboard',
        element: onDemand(async () => (await import('../features/dashboard/DashboardPage')).DashboardPage),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];
