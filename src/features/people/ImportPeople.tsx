/**
 * PE-9 on the People screen: the officer picks a CSV file saved from a spreadsheet, the server
 * creates or refuses each row, and the screen lists every row's outcome. The people created can go
 * straight onto a printed sheet of their invitation QR codes.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { IMPORT_COLUMNS, REQUIRED_IMPORT_COLUMNS, type PeopleImportResponse } from '../../shared/people';
import type { Sheet } from './invitation-sheet';
import { failureMessage, importPeople } from './people-api';
import { FormError } from '../../ui/form/FormError';

/** Far above 500 rows of names and emails: anything bigger is the wrong file. */
const MAX_FILE_BYTES = 1_000_000;

interface Props {
  token: string;
  /** The people created, with their invitations, to add to the list and print. */
  onImported(sheet: Sheet): void;
  onPrint(sheet: Sheet): void;
}

export function ImportPeople({ token, onImported, onPrint }: Props) {
  const fileId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<PeopleImportResponse | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setError('Choose a CSV file first.');
    if (file.size > MAX_FILE_BYTES)
      return setError('This file is too big for a list of people; is it the right one?');
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
      <summary>Import people from a CSV file</summary>
      <form onSubmit={(event) => void submit(event)} aria-busy={busy}>
        <p id={hintId} className="hint">
          Save the spreadsheet as CSV with a header row naming the columns {IMPORT_COLUMNS.join(', ')} (
          {REQUIRED_IMPORT_COLUMNS.join(', ')} are required; role is expert, supervisor or officer). Each
          person gets their own invitation.
        </p>
        <div className="field">
          <label htmlFor={fileId}>CSV file</label>
          <input id={fileId} ref={input} type="file" accept=".csv,text/csv" aria-describedby={hintId} />
        </div>
        <FormError message={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </form>
      {result && created && (
        <section aria-label="Import result">
          <p role="status">
            {result.created} created, {result.refused} refused.
          </p>
          <table className="import-result">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Email</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {result.results.map((row) => (
                <tr key={row.line}>
                  <td>{row.line}</td>
                  <td>{row.email || '—'}</td>
                  <td>{row.ok ? 'Created, invitation ready' : `Refused (${row.field}): ${row.message}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {created.invitations.length > 0 && (
            <button type="button" onClick={() => onPrint(created)}>
              Print the invitations of the {created.invitations.length} people created
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
