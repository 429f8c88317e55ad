/**
 * Always visible: whether the phone is talking to the server, how many changes wait to go, and
 * when it last worked. Field staff on 2G need to know before they leave the office with Wi-Fi.
 */
import type { Connection, SyncState } from '../../sync/replication';
import { formatDateTime } from '../../ui/format';

// Replication errors can carry a whole RxDB report; the bar has room for a sentence.
const MAX_ERROR_LENGTH = 160;

function shortError(message: string): string {
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH)}…` : message;
}

const CONNECTION_LABELS: Record<Connection, string> = {
  online: 'Online',
  offline: 'No network',
  unreachable: 'Server unreachable',
  connecting: 'Connecting…',
};

/**
 * "All changes synced" only after the server confirmed a sync in this session: a phone that
 * reloaded offline has nothing pending, but has not heard from the server either.
 */
export function pendingPhrase(count: number, hasSynced: boolean): string {
  if (count === 0) return hasSynced ? 'All changes synced' : 'No unsynced changes';
  return count === 1 ? '1 unsynced change' : `${count} unsynced changes`;
}

const count = new Intl.NumberFormat('en');

/** A long first download (an officer's whole programme): how far it has got. */
function DownloadProgress({ received, total }: { received: number; total: number }) {
  const text = `Downloading ${count.format(received)} of ${count.format(total)}`;
  return (
    <span className="sync-download">
      {' '}
      {text} <progress max={total} value={received} aria-label={text} />
    </span>
  );
}

export interface SyncStatusBarProps {
  syncState: SyncState | null;
  onSyncNow(): void;
}

export function SyncStatusBar({ syncState, onSyncNow }: SyncStatusBarProps) {
  const connection = syncState?.connection ?? 'connecting';
  // After an offline start, the last sync of an earlier session: how fresh this phone's data is.
  const lastSync = syncState?.lastSyncAt ?? syncState?.lastSyncedBefore;
  return (
    <section className={`sync-bar sync-${connection}`} aria-label="Sync status">
      <div role="status" className="sync-text">
        <span className="sync-connection">
          <span className="sync-dot" aria-hidden="true" />
          {CONNECTION_LABELS[connection]}
        </span>{' '}
        <strong className="sync-pending">
          {syncState
            ? pendingPhrase(syncState.pendingCount, syncState.lastSyncAt !== null)
            : 'Starting sync…'}
        </strong>
        {syncState?.download && <DownloadProgress {...syncState.download} />}
        {lastSync && <span className="sync-last"> Last synced {formatDateTime(lastSync)}</span>}
      </div>
      {/* No network or server already say why syncing fails; the banner covers an ended session. */}
      {syncState?.lastError &&
        !syncState.authRequired &&
        connection !== 'offline' &&
        connection !== 'unreachable' && (
          <p className="sync-error">Last error: {shortError(syncState.lastError)}</p>
        )}
      <button type="button" onClick={onSyncNow} disabled={!syncState || syncState.authRequired}>
        Sync now
      </button>
    </section>
  );
}
