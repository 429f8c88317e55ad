/** The screens and their URLs; rendered inside <FieldbookProvider> by main.tsx. */
import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { routes } from './routes';
import '../ui/styles.css';

export function App() {
  // Created on mount, not at import, so tests and the provider can load this module freely.
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}
