/**
 * Targets an earlier version kept in this browser only (earlier-targets.ts), offered once as the
 * programme's for the countries that have none yet, so nothing an officer typed is lost.
 */
import { useState } from 'react';
import type { TargetsByCountry } from '../../db/targets';
import { earlierTargetsOffer, forgetEarlierTargets, loadEarlierTargets } from './earlier-targets';
import { FormError } from '../../ui/form/FormError';

export function EarlierTargetsOffer({
  userId,
  programme,
  onSave,
}: {
  userId: string;
  programme: TargetsByCountry;
  onSave: (country: string, target: number) => Promise<void>;
}) {
  const [earlier, setEarlier] = useState(() => loadEarlierTargets(userId));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { offered, superseded } = earlierTargetsOffer(earlier, programme);
  if (offered.length === 0 && superseded.length === 0) return null;

  function done() {
    forgetEarlierTargets(userId);
    setEarlier({});
  }

  async function adopt() {
    setBusy(true);
    setFailure(null);
    try {
      // The countries that still have no programme target: one another officer set meanwhile stands.
      for (const [country, target] of offered) await onSave(country, target);
      done();
    } catch {
      setFailure('Your earlier targets could not be saved on this device; they are still kept here.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="notice" aria-labelledby="earlier-targets-title">
      <h2 id="earlier-targets-title">Targets you set in this browser</h2>
      <p>Targets are now the programme's, the same for every officer. This browser still keeps yours:</p>
      <ul>
        {offered.map(([country, target]) => (
          <li key={country}>
            {country}: {target} (the programme has none yet)
          </li>
        ))}
        {superseded.map(([country, mine, theirs]) => (
          <li key={country}>
            {country}: yours was {mine}; the programme's is {theirs}, which stays
          </li>
        ))}
      </ul>
      <div className="button-row">
        {offered.length > 0 && (
          <button type="button" className="primary" disabled={busy} onClick={() => void adopt()}>
            Make {offered.length === 1 ? 'it' : 'them'} the programme's
          </button>
        )}
        <button type="button" disabled={busy} onClick={done}>
          {offered.length > 0 ? 'Forget mine' : 'OK'}
        </button>
      </div>
      <FormError message={failure} />
    </section>
  );
}
