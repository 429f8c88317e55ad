/**
 * PB-4 on the timesheet: whether an approved month is in a payment batch and paid. Kept on the
 * server, so asked when the screen opens; offline it says it cannot tell rather than guess.
 */
import { useEffect, useState } from 'react';
import type { TimesheetPayment } from '../../shared/payments';
import { i18n, useI18n } from './catalog';
import { timesheetPayment } from './payments-api';

type State = { state: 'loading' } | { state: 'unknown' } | { state: 'known'; payment: TimesheetPayment };

export function PaymentState({ token, timesheetId }: { token: string; timesheetId: string }) {
  const i18n = useI18n();
  const [payment, setPayment] = useState<State>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    timesheetPayment(token, timesheetId).then(
      (answer) => current && setPayment({ state: 'known', payment: answer }),
      () => current && setPayment({ state: 'unknown' }),
    );
    return () => {
      current = false;
    };
  }, [token, timesheetId]);

  return (
    <>
      <dt>{i18n._('payments.state.label')}</dt>
      <dd className="payment-state">{describe(payment)}</dd>
    </>
  );
}

function describe(payment: State): string {
  if (payment.state === 'loading') return i18n._('payments.state.checking');
  if (payment.state === 'unknown') return i18n._('payments.state.unknown');
  const { batchId, paidOn } = payment.payment;
  if (!batchId) return i18n._('payments.state.notBatched');
  // The paid date as the accountants wrote it (ISO), the same as in the batch's CSV.
  return paidOn
    ? i18n._('payments.state.paid', { date: paidOn, batch: batchId })
    : i18n._('payments.state.batched', { batch: batchId });
}
