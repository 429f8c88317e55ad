import { Link } from 'react-router';
import { useDocumentTitle } from './useDocumentTitle';

export function NotFound({ message = 'This page does not exist.' }: { message?: string }) {
  useDocumentTitle('Not found');
  return (
    <div className="page">
      <h1>Not found</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Back to assignments</Link>
      </p>
    </div>
  );
}
