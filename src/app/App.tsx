/** The screens and their URLs; rendered inside <FieldbookProvider> by main.tsx. */
import { BrowserRouter, useRoutes } from 'react-router';
import { routes } from './routes';
import '../ui/styles.css';

function Screens() {
  return useRoutes(routes);
}

/**
 * React Router's declarative mode: the data router (loaders, actions, route `lazy`) is ~16 KB
 * gzip of the first download that nothing here uses. Navigations run in a React transition, so a
 * screen still loading on demand keeps the current one on view instead of flashing a fallback.
 */
export function App() {
  return (
    <BrowserRouter>
      <Screens />
    </BrowserRouter>
  );
}
