import type { RouteObject } from 'react-router';
import { SignInPage } from '../features/auth/SignInPage';
import { AssignmentsPage } from '../features/assignments/AssignmentsPage';
import { AssignmentPage } from '../features/assignments/AssignmentPage';
import { NewLogPage } from '../features/logs/NewLogPage';
import { EditLogPage } from '../features/logs/EditLogPage';
import { LogTodayRedirect } from '../features/logs/LogTodayRedirect';
import { AppLayout } from './AppLayout';
import { NotFound } from './NotFound';

/**
 * Screens past the expert's daily ones (timesheets, the supervisor's inbox, reports) load on
 * demand, keeping the first visit light on 2G; the service worker precaches them afterwards.
 */
export const routes: RouteObject[] = [
  { path: '/login', element: <SignInPage /> },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <AssignmentsPage /> },
      { path: 'assignments/:id', element: <AssignmentPage /> },
      { path: 'assignments/:id/log', element: <NewLogPage /> },
      {
        path: 'assignments/:id/timesheets/:month',
        lazy: async () => ({
          Component: (await import('../features/timesheets/TimesheetPage')).TimesheetPage,
        }),
      },
      {
        path: 'assignments/:id/reports/:kind',
        lazy: async () => ({ Component: (await import('../features/reports/ReportPage')).ReportPage }),
      },
      { path: 'log-today', element: <LogTodayRedirect /> },
      { path: 'logs/:id/edit', element: <EditLogPage /> },
      {
        path: 'to-sign',
        lazy: async () => ({ Component: (await import('../features/timesheets/ToSignPage')).ToSignPage }),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];
