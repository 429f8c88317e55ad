/** The months in payment batches marked paid (PB-3): server data, so null while offline. */
import { useEffect, useState } from 'react';
import { listBatches } from '../payments';

export function usePaidMonths(token: string): ReadonlySet<string> | null {
  const [paid, setPaid] = useState<ReadonlySet<string> | null>(null);
  useEffect(() => {
    let current = true;
    listBatches(token).then(
      ({ batches }) =>
        current && setPaid(new Set(batches.flatMap((batch) => (batch.paidOn ? batch.timesheetIds : [])))),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [token]);
  return paid;
}
