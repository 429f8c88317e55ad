import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useFieldbook } from '../../session/FieldbookProvider';
import { HOME_PATH, SIGN_IN_PATH } from '../../shared/paths';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { LanguagePicker } from '../../ui/LanguagePicker';
import { chooseLanguage } from '../../session/language';
import { signInErrorMessage } from './sign-in-error';
import { useI18n } from './catalog';

export function SignInPage() {
  const { session, signIn } = useFieldbook();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const i18n = useI18n();
  useDocumentTitle(i18n._('auth.signIn.title'));

  if (session) {
    // Every sign-in starts at home, except a link opened while signed out: AppLayout hands that
    // page on as `from` and leads there. A sign-out hands on nothing (the page left was the
    // previous person's, often not even theirs to see), so the next person starts at home.
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== SIGN_IN_PATH ? from : HOME_PATH} replace />;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError(i18n._('auth.signIn.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
    } catch (caught) {
      setError(await signInErrorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <main id="main" className="page narrow">
      <h1>{i18n._('auth.signIn.heading')}</h1>
      <p className="muted">{i18n._('auth.signIn.intro')}</p>
      <LanguagePicker choose={(language) => chooseLanguage(language, null)} />
      <form onSubmit={submit} noValidate className="stack">
        <div className="field">
          <label htmlFor="email">{i18n._('auth.signIn.email')}</label>
          <input
            id="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-describedby={error ? 'sign-in-error' : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="password">{i18n._('auth.signIn.password')}</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-describedby={error ? 'sign-in-error' : undefined}
          />
        </div>
        {error && (
          <p id="sign-in-error" className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary wide" disabled={busy}>
          {busy ? i18n._('auth.signIn.busy') : i18n._('auth.signIn.submit')}
        </button>
      </form>
    </main>
  );
}
