/**
 * What the server refused about host institutions, with its reason — above all a deletion it
 * refused because people or assignments belong to the institution (IN-4), which it then kept.
 */
import { useId, useMemo } from 'react';
import type { DeviceDatabase } from '../../db/database';
import { dismissRefusal, refusals$, type Refusal } from '../../db/refusals';
import { formatDateTime } from '../../ui/format';
import { useObservable } from '../../ui/useObservable';
import { parseAttempted } from './attempted';
import { useI18n } from './screens-catalog';
import { refusalText } from '../../ui/reasons';

/** The institution's name and whether the refused change was its deletion, from what was sent. */
function attemptOf(refusal: Refusal): { name: string; deleted: boolean } {
  const change = parseAttempted(refusal);
  return change?.collection === 'institutions'
    ? { name: change.name, deleted: change.deleted }
    : { name: refusal.docId, deleted: false };
}

export function InstitutionRefusals({ device }: { device: DeviceDatabase }) {
  const headingId = useId();
  const i18n = useI18n();
  const source = useMemo(() => refusals$(device), [device]);
  const refusals = (useObservable(source) ?? []).filter(
    (refusal) => refusal.collectionName === 'institutions',
  );
  if (refusals.length === 0) return null;
  return (
    <section className="refusals" aria-labelledby={headingId}>
      <h2 id={headingId}>{i18n._('refusals.institution.heading')}</h2>
      <ul className="card-list">
        {refusals.map((refusal) => {
          const { name, deleted } = attemptOf(refusal);
          return (
            <li key={refusal.id} className="card refusal">
              <h3>
                {deleted
                  ? i18n._('refusals.institution.notDeleted', { name })
                  : i18n._('refusals.institution.notSaved', { name })}
              </h3>
              <p className="refusal-reason">{refusalText(refusal)}</p>
              <p className="muted">
                {i18n._('refusals.clash.refusedAt', { date: formatDateTime(refusal.at) })}
              </p>
              <button type="button" onClick={() => void dismissRefusal(device, refusal.id)}>
                {i18n._('refusals.clash.dismiss')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
