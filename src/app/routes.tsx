import type { RouteObject } from 'react-router';
import { SignInPage } from '../features/auth/SignInPage';
import { AssignmentsPage } from '../features/assignments/AssignmentsPage';
import { AssignmentPage } from '../features/assignments/AssignmentPage';
import { NewLogPage } from '../features/logs/NewLogPage';
import { EditLogPage } from '../features/logs/EditLogPage';
import { TimesheetPage } from '../features/timesheets/TimesheetPage';
import { ToSignPage } from '../features/timesheets/ToSignPage';
import { ReportPage } from '../features/reports/ReportPage';
import { AppLayout } from './AppLayout';
import { NotFound } from './NotFound';

export const routes: RouteObject[] = [
  { path: '/login', element: <SignInPage /> },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <AssignmentsPage /> },
      { path: 'assignments/:id', element: <AssignmentPage /> },
      { path: 'assignments/:id/log', element: <NewLogPage /> },
      { path: 'assignments/:id/timesheets/:month', element: <TimesheetPage /> },
      { path: 'assignments/:id/reports/:kind', element: <ReportPage /> },
      { path: 'logs/:id/edit', element: <EditLogPage /> },
      { path: 'to-sign', element: <ToSignPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];
