import { Link } from 'react-router';
import { useDocumentTitle } from './useDocumentTitle';
import { useI18n } from '../i18n/catalog';

export function NotFound({ message }: { message?: string }) {
  const i18n = useI18n();
  useDocumentTitle(i18n._('core.notFound.title'));
  return (
    <div className="page">
      <h1>{i18n._('core.notFound.title')}</h1>
      <p>{message ?? i18n._('core.notFound.message')}</p>
      <p>
        <Link to="/">{i18n._('core.notFound.back')}</Link>
      </p>
    </div>
  );
}
