/**
 * Shown when the server no longer accepts the session token. Signing in again with the same
 * account keeps the device database, so nothing typed offline is lost.
 */
import { useId, useState, type FormEvent } from 'react';
import { signInErrorMessage } from '../auth';
import { slots, withParts } from '../../ui/sentence-parts';
import { useI18n } from './catalog';

export interface ReauthBannerProps {
  email: string;
  onSignIn(email: string, password: string): Promise<void>;
}

export function ReauthBanner({ email, onSignIn }: ReauthBannerProps) {
  const i18n = useI18n();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) {
      setError(i18n._('device-status.reauth.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSignIn(email, password);
      setPassword('');
    } catch (caught) {
      setError(await signInErrorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="reauth-banner" aria-labelledby={headingId}>
      <h2 id={headingId}>{i18n._('device-status.reauth.heading')}</h2>
      <form onSubmit={submit} noValidate>
        <p>
          {withParts(i18n._('device-status.reauth.signedInAs', slots('email')), {
            email: <strong dir="auto">{email}</strong>,
          })}
        </p>
        <div className="field">
          <label htmlFor="reauth-password">{i18n._('device-status.reauth.password')}</label>
          <input
            id="reauth-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
          {error && (
            <p id={errorId} className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {i18n._('device-status.reauth.submit')}
        </button>
      </form>
    </section>
  );
}
