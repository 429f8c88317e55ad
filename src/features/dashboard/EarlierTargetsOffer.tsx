/**
 * Targets an earlier version kept in this browser only (earlier-targets.ts), offered once as the
 * programme's for the countries that have none yet, so nothing an officer typed is lost.
 */
import { useState } from 'react';
import type { TargetsByCountry } from '../../db/targets';
import { earlierTargetsOffer, forgetEarlierTargets, loadEarlierTargets } from './earlier-targets';
import { FormError } from '../../ui/form/FormError';
import { countryLabel } from '../../i18n/labels';
import { formatNumber } from '../../ui/format';
import { useI18n } from './catalog';

export function EarlierTargetsOffer({
  userId,
  programme,
  onSave,
}: {
  userId: string;
  programme: TargetsByCountry;
  onSave: (country: string, target: number) => Promise<void>;
}) {
  const i18n = useI18n();
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
      setFailure(i18n._('dashboard.earlier.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="notice" aria-labelledby="earlier-targets-title">
      <h2 id="earlier-targets-title">{i18n._('dashboard.earlier.heading')}</h2>
      <p>{i18n._('dashboard.earlier.intro')}</p>
      <ul>
        {offered.map(([country, target]) => (
          <li key={country}>
            {i18n._('dashboard.earlier.offered', {
              country: countryLabel(country),
              target: formatNumber(target),
            })}
          </li>
        ))}
        {superseded.map(([country, mine, theirs]) => (
          <li key={country}>
            {i18n._('dashboard.earlier.superseded', {
              country: countryLabel(country),
              mine: formatNumber(mine),
              theirs: formatNumber(theirs),
            })}
          </li>
        ))}
      </ul>
      <div className="button-row">
        {offered.length > 0 && (
          <button type="button" className="primary" disabled={busy} onClick={() => void adopt()}>
            {/* No number shown: only whether one target or several become the programme's. */}
            {offered.length === 1
              ? i18n._('dashboard.earlier.adoptOne')
              : i18n._('dashboard.earlier.adoptSeveral')}
          </button>
        )}
        <button type="button" disabled={busy} onClick={done}>
          {offered.length > 0 ? i18n._('dashboard.earlier.forget') : i18n._('dashboard.earlier.ok')}
        </button>
      </div>
      <FormError message={failure} />
    </section>
  );
}
