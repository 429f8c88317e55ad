/**
 * The officer's export of approved timesheets for payment. The endpoint needs the session's
 * bearer token, so a plain link cannot do; the CSV is fetched and saved through an object URL.
 */
import { useState } from 'react';
import { apiBaseUrl, useFieldbook } from '../../app/FieldbookProvider';
import { PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { localIsoDate } from '../../shared/dates';

export const EXPORT_PATH = '/api/export/timesheets.csv';
const OFFLINE_MESSAGE = 'Export needs a connection. Try again when you are online.';

export function ExportTimesheetsButton() {
  const { session } = useFieldbook();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function download() {
    if (!session) return;
    setMessage(null);
    if (!navigator.onLine) {
      setMessage(OFFLINE_MESSAGE);
      return;
    }
    setBusy(true);
    try {
      const response = await fetch(`${apiBaseUrl()}${EXPORT_PATH}`, {
        headers: {
          authorization: `Bearer ${session.token}`,
          [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
        },
      });
      if (!response.ok) {
        setMessage(
          response.status === 401
            ? 'Your session has ended; sign in again to export.'
            : `The server could not export (error ${response.status}).`,
        );
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `cd4d-approved-timesheets-${localIsoDate()}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      // Revoked after the click has started the download.
      setTimeout(() => URL.revokeObjectURL(url), 0);
      setMessage('Export downloaded.');
    } catch {
      // fetch rejects only when no response arrived: no connection, or the server is down.
      setMessage(OFFLINE_MESSAGE);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="export">
      <button type="button" onClick={() => void download()} disabled={busy}>
        Export approved timesheets (CSV)
      </button>
      <p role="status" className="hint">
        {message}
      </p>
    </div>
  );
}
