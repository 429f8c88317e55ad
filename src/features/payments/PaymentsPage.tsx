/**
 * The officer's allowance payments (PB-*): approved months from this device, filtered by country
 * and month, go into a payment batch on the server, which pays each month once; a batch's CSV goes
 * to the finance team, and the batch is marked paid with its date. Needs a connection, and says so.
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useFieldbook } from '../../session/FieldbookProvider';
import { assignments$ } from '../../db/logs';
import { approvedTimesheets$ } from '../../db/timesheets';
import { localIsoDate } from '../../shared/dates';
import type { PaymentBatch } from '../../shared/payments';
import { countryLabel } from '../../i18n/labels';
import { COUNTRIES } from '../../shared/reference-data';
import { timesheetPeriod, timesheetTotals } from '../../shared/rules/timesheet-rules';
import type { Assignment, Timesheet } from '../../shared/schemas';
import { formatDateTime, formatMonth, formatEur } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useObservable } from '../../ui/useObservable';
import { useI18n } from './catalog';
import { createBatch, downloadBatchCsv, listBatches, markPaid, paymentFailure } from './payments-api';

interface Month {
  timesheet: Timesheet;
  assignment: Assignment;
  allowanceEur: number;
}

type Batches =
  { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; batches: PaymentBatch[] };

/** Stands for a person's name in a message, so the name can be shown in its own direction. */
const NAME_SLOT = '\u0000';

/** A message with a name as people typed it (Arabic in an English screen, or the other way). */
function WithName({ text, name }: { text: string; name: string }) {
  const [before = '', after = ''] = text.split(NAME_SLOT);
  return (
    <>
      {before}
      <bdi>{name}</bdi>
      {after}
    </>
  );
}

export function PaymentsPage() {
  const { session } = useFieldbook();
  const i18n = useI18n();
  useDocumentTitle(i18n._('payments.title'));
  if (session?.user.role !== 'officer') {
    return (
      <>
        <h1>{i18n._('payments.title')}</h1>
        <p className="notice" role="alert">
          {i18n._('payments.officersOnly')}
        </p>
      </>
    );
  }
  return <Payments token={session.token} />;
}

function Payments({ token }: { token: string }) {
  const { device } = useFieldbook();
  const i18n = useI18n();
  const timesheets = useObservable(useMemo(() => (device ? approvedTimesheets$(device) : null), [device]));
  const assignments = useObservable(useMemo(() => (device ? assignments$(device) : null), [device]));
  const [batches, setBatches] = useState<Batches>({ state: 'loading' });
  const [country, setCountry] = useState('');
  const [month, setMonth] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const load = useCallback(async () => {
    setBatches({ state: 'loading' });
    try {
      setBatches({ state: 'ready', batches: (await listBatches(token)).batches });
    } catch (error) {
      setBatches({ state: 'failed', message: paymentFailure(error) });
    }
  }, [token]);
  useEffect(() => void load(), [load]);

  const batched = useMemo(
    () =>
      new Map(
        batches.state === 'ready'
          ? batches.batches.flatMap((b) => b.timesheetIds.map((id) => [id, b.id]))
          : [],
      ),
    [batches],
  );
  const months = useMemo(() => {
    if (!timesheets || !assignments) return null;
    const byId = new Map(assignments.map((assignment) => [assignment.id, assignment]));
    return timesheets.flatMap((timesheet): Month[] => {
      const assignment = byId.get(timesheet.assignmentId);
      if (!assignment || !timesheetPeriod(assignment, timesheet.month)) return [];
      const totals = timesheetTotals(timesheet.submission?.snapshot.logs ?? [], assignment);
      return [{ timesheet, assignment, allowanceEur: totals.allowanceEur }];
    });
  }, [timesheets, assignments]);
  const unpaid = (months ?? []).filter(
    ({ timesheet, assignment }) =>
      !batched.has(timesheet.id) &&
      (country === '' || assignment.institution.country === country) &&
      (month === '' || timesheet.month === month),
  );
  const chosenMonths = unpaid.filter(({ timesheet }) => chosen.has(timesheet.id));

  function toggle(id: string, on: boolean) {
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function batch() {
    setBusy(true);
    setMessage(null);
    try {
      const { batch: made } = await createBatch(
        token,
        chosenMonths.map(({ timesheet }) => timesheet.id),
      );
      setChosen(new Set());
      setMessage({
        text: i18n._('payments.batch.created', { batch: made.id, count: made.timesheetIds.length }),
        error: false,
      });
      await load();
    } catch (error) {
      setMessage({ text: paymentFailure(error), error: true });
      // Another officer may have batched some of them meanwhile: show what the server holds now.
      await load();
    } finally {
      setBusy(false);
    }
  }

  if (!months) return <Loading />;
  return (
    <>
      <h1>{i18n._('payments.title')}</h1>
      <p className="hint">{i18n._('payments.intro')}</p>
      <section aria-labelledby="unpaid-heading">
        <h2 id="unpaid-heading">{i18n._('payments.unpaid.heading')}</h2>
        <div className="filters">
          <div className="field">
            <label htmlFor="payments-country">{i18n._('payments.filters.country')}</label>
            <select
              id="payments-country"
              value={country}
              onChange={(event) => setCountry(event.target.value)}
            >
              <option value="">{i18n._('payments.filters.allCountries')}</option>
              {COUNTRIES.map((name) => (
                <option key={name} value={name}>
                  {countryLabel(name)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="payments-month">{i18n._('payments.filters.month')}</label>
            <input
              id="payments-month"
              type="month"
              value={month}
              onChange={(event) => setMonth(event.target.value)}
            />
          </div>
        </div>
        {batches.state === 'loading' ? (
          <Loading label={i18n._('payments.batches.loading')} />
        ) : batches.state === 'failed' ? (
          <div className="notice" role="alert">
            <p>{batches.message}</p>
            <button type="button" onClick={() => void load()}>
              {i18n._('payments.batches.retry')}
            </button>
          </div>
        ) : unpaid.length === 0 ? (
          <p>{country || month ? i18n._('payments.unpaid.noneFiltered') : i18n._('payments.unpaid.none')}</p>
        ) : (
          <>
            <ul className="card-list">
              {unpaid.map(({ timesheet, assignment, allowanceEur }) => (
                <li key={timesheet.id} className="card payment-month">
                  <input
                    type="checkbox"
                    id={`pay-${timesheet.id}`}
                    checked={chosen.has(timesheet.id)}
                    onChange={(event) => toggle(timesheet.id, event.target.checked)}
                  />
                  <label htmlFor={`pay-${timesheet.id}`}>
                    <WithName
                      name={assignment.expertName ?? assignment.expertId}
                      text={i18n._('payments.unpaid.month', {
                        expert: NAME_SLOT,
                        month: formatMonth(timesheet.month),
                        country: countryLabel(assignment.institution.country),
                        amount: formatEur(allowanceEur),
                      })}
                    />
                  </label>
                </li>
              ))}
            </ul>
            <div className="button-row">
              <button
                type="button"
                onClick={() => setChosen(new Set(unpaid.map(({ timesheet }) => timesheet.id)))}
              >
                {i18n._('payments.unpaid.chooseAll', { count: unpaid.length })}
              </button>
              <button
                type="button"
                className="primary"
                disabled={busy || chosenMonths.length === 0}
                onClick={() => void batch()}
              >
                {i18n._('payments.unpaid.create', {
                  count: chosenMonths.length,
                  amount: formatEur(chosenMonths.reduce((sum, m) => sum + m.allowanceEur, 0)),
                })}
              </button>
            </div>
          </>
        )}
        {message && (
          <p className={message.error ? 'form-error' : 'hint'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
      </section>
      {batches.state === 'ready' && batches.batches.length > 0 && (
        <section aria-labelledby="batches-heading">
          <h2 id="batches-heading">{i18n._('payments.batches.heading')}</h2>
          <ul className="card-list">
            {batches.batches.map((batch) => (
              <BatchCard key={batch.id} batch={batch} token={token} onChanged={() => void load()} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function BatchCard({ batch, token, onChanged }: { batch: PaymentBatch; token: string; onChanged(): void }) {
  const i18n = useI18n();
  const [paidOn, setPaidOn] = useState(localIsoDate());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(paymentFailure(failure));
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      await markPaid(token, batch.id, paidOn);
      onChanged();
    });
  }

  return (
    <li className="card">
      <h3 className="card-title">{batch.id}</h3>
      <p>
        {i18n._('payments.batch.summary', {
          count: batch.timesheetIds.length,
          created: formatDateTime(batch.createdAt),
        })}{' '}
        ·{' '}
        {batch.paidOn ? (
          <strong>{i18n._('payments.batch.paidOn', { date: batch.paidOn })}</strong>
        ) : (
          i18n._('payments.batch.notPaid')
        )}
      </p>
      <div className="button-row">
        <button
          type="button"
          disabled={busy}
          onClick={() => void run(() => downloadBatchCsv(token, batch.id))}
        >
          {i18n._('payments.batch.download')}
        </button>
      </div>
      {!batch.paidOn && (
        <form onSubmit={(event) => void submit(event)} className="inline-form">
          <div className="field">
            <label htmlFor={`paid-${batch.id}`}>{i18n._('payments.batch.paidOnLabel')}</label>
            <input
              id={`paid-${batch.id}`}
              type="date"
              value={paidOn}
              max={localIsoDate()}
              onChange={(event) => setPaidOn(event.target.value)}
            />
          </div>
          <button type="submit" disabled={busy || paidOn === ''}>
            {i18n._('payments.batch.markPaid')}
          </button>
        </form>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
