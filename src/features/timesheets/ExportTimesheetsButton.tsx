/**
 * The officer's export of approved timesheets for payment. The endpoint needs the session's
 * bearer token, so a plain link cannot do; the CSV is fetched and saved through an object URL.
 */
import { useState } from 'react';
import { apiBaseUrl, useFieldbook } from '../../session/FieldbookProvider';
import { PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { useI18n } from './catalog';

export const EXPORT_PATH = '/api/export/timesheets.csv';
/** The name docs/sync-protocol.md (TS-8) gives the export; the server's own header wins. */
export const EXPORT_FILE_NAME = 'fieldbook-timesheets-approved.csv';

/** The file name of a `Content-Disposition: attachment; filename="…"` header, else the documented one. */
export function exportFileName(contentDisposition: string | null): string {
  const quoted = contentDisposition?.match(/filename="([^"/\\]+)"/);
  return quoted?.[1] ?? EXPORT_FILE_NAME;
}

export function ExportTimesheetsButton() {
  const i18n = useI18n();
  const { session } = useFieldbook();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function download() {
    if (!session) return;
    setMessage(null);
    if (!navigator.onLine) {
      setMessage(i18n._('timesheets.export.offline'));
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
            ? i18n._('timesheets.export.signedOut')
            : i18n._('timesheets.export.failed', { status: response.status }),
        );
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      // Saved under the name the server and the docs give it, so the two can be matched.
      link.download = exportFileName(response.headers.get('content-disposition'));
      document.body.append(link);
      link.click();
      link.remove();
      // Revoked after the click has started the download.
      setTimeout(() => URL.revokeObjectURL(url), 0);
      setMessage(i18n._('timesheets.export.done'));
    } catch {
      // fetch rejects only when no response arrived: no connection, or the server is down.
      setMessage(i18n._('timesheets.export.offline'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="export">
      <button type="button" onClick={() => void download()} disabled={busy}>
        {i18n._('timesheets.export.button')}
      </button>
      <p role="status" className="hint">
        {message}
      </p>
    </div>
  );
}
