/**
 * PB-4 on the timesheet: whether an approved month is in a payment batch and paid. Kept on the
 * server, so asked when the screen opens; offline it says it cannot tell rather than guess.
 */
import { useEffect, useState } from 'react';
import type { TimesheetPayment } from '../../shared/payments';
import { timesheetPayment } from './payments-api';

type State = { state: 'loading' } | { state: 'unknown' } | { state: 'known'; payment: TimesheetPayment };

export function PaymentState({ token, timesheetId }: { token: string; timesheetId: string }) {
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
      <dt>Payment</dt>
      <dd className="payment-state">{describe(payment)}</dd>
    </>
  );
}

function describe(payment: State): string {
  if (payment.state === 'loading') return 'Checking…';
  if (payment.state === 'unknown') return 'Not known here now: the payment state needs a connection.';
  const { batchId, paidOn } = payment.payment;
  if (!batchId) return 'Not yet in a payment batch.';
  return paidOn ? `Paid on ${paidOn} (batch ${batchId}).` : `In payment batch ${batchId}, not paid yet.`;
}
