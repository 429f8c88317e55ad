import { lazy, Suspense, type ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { SignInPage } from '../features/auth/SignInPage';
import { AssignmentsPage } from '../features/assignments/AssignmentsPage';
import { LogTodayRedirect } from '../features/logs/LogTodayRedirect';
import { ROUTES } from '../shared/paths';
import { Loading } from '../ui/Loading';
import { catalogsReady } from '../i18n/i18n';
import { AppLayout } from './AppLayout';
import { NotFound } from '../ui/NotFound';

/**
 * A screen loaded on demand. Its fallback shows only when a screen is opened directly by its URL;
 * a navigation keeps the current screen until the next one has loaded (App.tsx).
 */
function onDemand(load: () => Promise<ComponentType>): RouteObject['element'] {
  // The screen's module registers its catalogs as it loads; it shows once they are in.
  const Screen = lazy(async () => {
    const screen = await load();
    await catalogsReady();
    return { default: screen };
  });
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
 * chunk, so they load offline too. The signed-in screens' paths are absolute (ROUTES of
 * src/shared/paths.ts, which the links are built with), nested under the layout's `/`.
 */
export const routes: RouteObject[] = [
  { path: ROUTES.signIn, element: <SignInPage /> },
  {
    path: ROUTES.welcome,
    element: onDemand(async () => (await import('../features/auth/WelcomePage')).WelcomePage),
  },
  {
    path: ROUTES.home,
    element: <AppLayout />,
    children: [
      { index: true, element: <AssignmentsPage /> },
      {
        path: ROUTES.newAssignment,
        element: onDemand(
          async () => (await import('../features/assignments/AssignmentFormPages')).NewAssignmentPage,
        ),
      },
      {
        path: ROUTES.editAssignment,
        element: onDemand(
          async () => (await import('../features/assignments/AssignmentFormPages')).EditAssignmentPage,
        ),
      },
      {
        path: ROUTES.assignment,
        element: onDemand(
          async () => (await import('../features/assignments/AssignmentPage')).AssignmentPage,
        ),
      },
      {
        path: ROUTES.newLog,
        element: onDemand(async () => (await import('../features/logs/NewLogPage')).NewLogPage),
      },
      {
        path: ROUTES.timesheet,
        element: onDemand(async () => (await import('../features/timesheets/TimesheetPage')).TimesheetPage),
      },
      {
        path: ROUTES.report,
        element: onDemand(async () => (await import('../features/reports/ReportPage')).ReportPage),
      },
      { path: ROUTES.logToday, element: <LogTodayRedirect /> },
      {
        path: ROUTES.editLog,
        element: onDemand(async () => (await import('../features/logs/EditLogPage')).EditLogPage),
      },
      {
        path: ROUTES.toSign,
        element: onDemand(async () => (await import('../features/timesheets/ToSignPage')).ToSignPage),
      },
      {
        path: ROUTES.people,
        element: onDemand(async () => (await import('../features/people/PeoplePage')).PeoplePage),
      },
      {
        path: ROUTES.payments,
        element: onDemand(async () => (await import('../features/payments/PaymentsPage')).PaymentsPage),
      },
      {
        path: ROUTES.institutions,
        element: onDemand(
          async () => (await import('../features/institutions/InstitutionsPage')).InstitutionsPage,
        ),
      },
      {
        path: ROUTES.newInstitution,
        element: onDemand(
          async () => (await import('../features/institutions/InstitutionFormPages')).NewInstitutionPage,
        ),
      },
      {
        path: ROUTES.institution,
        element: onDemand(
          async () => (await import('../features/institutions/InstitutionFormPages')).EditInstitutionPage,
        ),
      },
      {
        path: ROUTES.dashboard,
        element: onDemand(async () => (await import('../features/dashboard/DashboardPage')).DashboardPage),
      },
      {
        path: ROUTES.settings,
        element: onDemand(async () => (await import('../features/settings/SettingsPage')).SettingsPage),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];
