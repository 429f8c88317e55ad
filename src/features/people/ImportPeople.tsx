/**
 * PE-9 on the People screen: the officer picks a CSV file saved from a spreadsheet, the server
 * creates or refuses each row, and the screen lists every row's outcome. The people created can go
 * straight onto a printed sheet of their invitation QR codes.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { IMPORT_COLUMNS, REQUIRED_IMPORT_COLUMNS, type PeopleImportResponse } from '../../shared/people';
import type { Sheet } from './invitation-sheet';
import { importPeople } from './people-api';
import { failureMessage } from './failure-message';
import { FormError } from '../../ui/form/FormError';
import { useI18n } from './catalog';
import { reasonsText } from '../../ui/reasons';

/** Far above 500 rows of names and emails: anything bigger is the wrong file. */
const MAX_FILE_BYTES = 1_000_000;

interface Props {
  token: string;
  /** The people created, with their invitations, to add to the list and print. */
  onImported(sheet: Sheet): void;
  onPrint(sheet: Sheet): void;
}

export function ImportPeople({ token, onImported, onPrint }: Props) {
  const i18n = useI18n();
  const fileId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<PeopleImportResponse | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setError(i18n._('people.import.noFile'));
    if (file.size > MAX_FILE_BYTES) return setError(i18n._('people.import.tooBig'));
    setBusy(true);
    setError(null);
    try {
      const answer = await importPeople(token, await file.text());
      setResult(answer);
      onImported(createdSheet(answer));
    } catch (failure) {
      setError(failureMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  const created = result ? createdSheet(result) : null;
  return (
    <details className="import-people">
      <summary>{i18n._('people.import.summary')}</summary>
      <form onSubmit={(event) => void submit(event)} aria-busy={busy}>
        <p id={hintId} className="hint">
          {/* The column names and roles are what the file must hold: the same in every language. */}
          {i18n._('people.import.hint', {
            columns: IMPORT_COLUMNS.join(', '),
            required: REQUIRED_IMPORT_COLUMNS.join(', '),
          })}
        </p>
        <div className="field">
          <label htmlFor={fileId}>{i18n._('people.import.file')}</label>
          <input id={fileId} ref={input} type="file" accept=".csv,text/csv" aria-describedby={hintId} />
        </div>
        <FormError message={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? i18n._('people.import.busy') : i18n._('people.import.submit')}
        </button>
      </form>
      {result && created && (
        <section aria-label={i18n._('people.import.result')}>
          <p role="status">
            {i18n._('people.import.counts', { created: result.created, refused: result.refused })}
          </p>
          <table className="import-result">
            <thead>
              <tr>
                <th scope="col">{i18n._('people.import.line')}</th>
                <th scope="col">{i18n._('people.import.email')}</th>
                <th scope="col">{i18n._('people.import.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {result.results.map((row) => (
                <tr key={row.line}>
                  <td>{row.line}</td>
                  <td dir="auto">{row.email || '—'}</td>
                  <td>
                    {row.ok
                      ? i18n._('people.import.created')
                      : i18n._('people.import.refused', {
                          field: row.field,
                          message: reasonsText(row.reason ? [row.reason] : [], row.message),
                        })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {created.invitations.length > 0 && (
            <button type="button" onClick={() => onPrint(created)}>
              {i18n._('people.import.print', { count: created.invitations.length })}
            </button>
          )}
        </section>
      )}
    </details>
  );
}

function createdSheet(answer: PeopleImportResponse): Sheet {
  return {
    invitations: answer.results.flatMap((row) =>
      row.ok ? [{ person: row.person, invitation: row.invitation }] : [],
    ),
    failures: [],
  };
}
