/**
 * Where an invitation link opens (PE-2): the invited person chooses a password, is signed in, and
 * the app installs from here. Needs the network once, like a sign-in. The password rules are the
 * server's own (src/shared/people.ts), checked here first so the reason shows before a round trip
 * on 2G; a used, expired or withdrawn invitation shows the server's plain words and whom to ask.
 */
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { apiBaseUrl, useFieldbook } from '../../session/FieldbookProvider';
import { MIN_PASSWORD_LENGTH, PEOPLE_API_PATHS, passwordProblem } from '../../shared/people';
import type { LoginResponse } from '../../shared/sync/protocol';
import { ApiClient, ApiError } from '../../sync/api-client';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { signInErrorMessage } from './sign-in-error';
import { useI18n } from './screens-catalog';
import { errorText, reasonText } from '../../ui/reasons';

type Problem = { field: 'password' | 'repeat' | null; message: string; final?: boolean };

/** The server's answer, or why the invitation cannot be used. */
export async function acceptInvitation(code: string, password: string): Promise<LoginResponse> {
  return new ApiClient({ baseUrl: apiBaseUrl() }).request<LoginResponse>(PEOPLE_API_PATHS.acceptInvitation, {
    method: 'POST',
    body: { code, password },
  });
}

async function problemOf(error: unknown): Promise<Problem> {
  // 410: used, expired or withdrawn; 404: no such invitation. Trying again cannot help.
  if (error instanceof ApiError && (error.status === 410 || error.status === 404)) {
    return { field: null, message: errorText(error), final: true };
  }
  if (error instanceof ApiError && error.status === 400)
    return { field: 'password', message: errorText(error) };
  return { field: null, message: await signInErrorMessage(error) };
}

export function WelcomePage() {
  const { code = '' } = useParams();
  const { session, adoptSession } = useFieldbook();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [accepted, setAccepted] = useState(false);
  const i18n = useI18n();
  useDocumentTitle(i18n._('auth.welcome.title'));

  if (accepted) return <Navigate to="/" replace />;
  if (session) {
    return (
      <main id="main" className="page narrow">
        <h1>{i18n._('auth.welcome.heading')}</h1>
        <p role="alert" className="notice">
          {i18n._('auth.welcome.signedIn', { email: session.user.email })}
        </p>
        <Link to="/">{i18n._('auth.welcome.home')}</Link>
      </main>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const weak = passwordProblem(password);
    if (weak) return setProblem({ field: 'password', message: reasonText(weak) });
    if (repeat !== password) return setProblem({ field: 'repeat', message: i18n._('auth.welcome.mismatch') });
    setBusy(true);
    setProblem(null);
    try {
      adoptSession(await acceptInvitation(code, password));
      setAccepted(true);
    } catch (caught) {
      setProblem(await problemOf(caught));
      setBusy(false);
    }
  }

  const errorId = (field: Problem['field']) =>
    problem && problem.field === field ? 'welcome-error' : undefined;
  const hintId = 'welcome-password-hint';
  return (
    <main id="main" className="page narrow">
      <h1>{i18n._('auth.welcome.heading')}</h1>
      <p className="muted">{i18n._('auth.welcome.intro')}</p>
      {problem?.final ? (
        <p id="welcome-error" className="form-error" role="alert">
          {problem.message}
        </p>
      ) : (
        <form onSubmit={submit} noValidate className="stack">
          <div className="field">
            <label htmlFor="new-password">{i18n._('auth.welcome.password')}</label>
            <p id={hintId} className="hint">
              {i18n._('auth.welcome.passwordHint', { count: MIN_PASSWORD_LENGTH })}
            </p>
            <input
              id="new-password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={problem?.field === 'password' || undefined}
              aria-describedby={[hintId, errorId('password')].filter(Boolean).join(' ')}
            />
          </div>
          <div className="field">
            <label htmlFor="repeat-password">{i18n._('auth.welcome.repeat')}</label>
            <input
              id="repeat-password"
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(event) => setRepeat(event.target.value)}
              aria-invalid={problem?.field === 'repeat' || undefined}
              aria-describedby={errorId('repeat')}
            />
          </div>
          {problem && (
            <p id="welcome-error" className="form-error" role="alert">
              {problem.message}
            </p>
          )}
          <button type="submit" className="primary wide" disabled={busy}>
            {busy ? i18n._('auth.welcome.busy') : i18n._('auth.welcome.submit')}
          </button>
        </form>
      )}
    </main>
  );
}
