/**
 * Always visible: whether the phone is talking to the server, how many changes wait to go, and
 * when it last worked. Field staff on 2G need to know before they leave the office with Wi-Fi.
 */
import type { Connection, SyncState } from '../../sync/replication';
import { formatDateTime, formatNumber } from '../../ui/format';
import { i18n, useI18n } from './catalog';

// Replication errors can carry a whole RxDB report; the bar has room for a sentence.
const MAX_ERROR_LENGTH = 160;

function shortError(message: string): string {
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH)}…` : message;
}

/** A failed sync in the reader's words, by its kind; the server's own (English) words go to `title`. */
const ERROR_WORDS: Partial<Record<NonNullable<SyncState['lastErrorCode']>, string>> = {
  too_many_requests: /*i18n*/ 'device-status.sync.error.busy',
  unavailable: /*i18n*/ 'device-status.sync.error.busy',
  internal: /*i18n*/ 'device-status.sync.error.server',
  payload_too_large: /*i18n*/ 'device-status.sync.error.tooLarge',
};
const OTHER_ERROR = /*i18n*/ 'device-status.sync.error.other';

const CONNECTION_LABELS: Record<Connection, string> = {
  online: /*i18n*/ 'device-status.sync.online',
  offline: /*i18n*/ 'device-status.sync.offline',
  unreachable: /*i18n*/ 'device-status.sync.unreachable',
  connecting: /*i18n*/ 'device-status.sync.connecting',
};

/**
 * "All changes synced" only after the server confirmed a sync in this session: a phone that
 * reloaded offline has nothing pending, but has not heard from the server either.
 */
export function pendingPhrase(count: number, hasSynced: boolean): string {
  if (count === 0) {
    return hasSynced ? i18n._('device-status.sync.allSynced') : i18n._('device-status.sync.noneUnsynced');
  }
  return i18n._('device-status.sync.unsynced', { count });
}

/** A long first download (an officer's whole programme): how far it has got. */
function DownloadProgress({ received, total }: { received: number; total: number }) {
  const i18n = useI18n();
  const text = i18n._('device-status.sync.downloading', {
    received: formatNumber(received),
    total: formatNumber(total),
  });
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
  const i18n = useI18n();
  const connection = syncState?.connection ?? 'connecting';
  // After an offline start, the last sync of an earlier session: how fresh this phone's data is.
  const lastSync = syncState?.lastSyncAt ?? syncState?.lastSyncedBefore;
  return (
    <section className={`sync-bar sync-${connection}`} aria-label={i18n._('device-status.sync.region')}>
      <div role="status" className="sync-text">
        <span className="sync-connection">
          <span className="sync-dot" aria-hidden="true" />
          {i18n._(CONNECTION_LABELS[connection])}
        </span>{' '}
        <strong className="sync-pending">
          {syncState
            ? pendingPhrase(syncState.pendingCount, syncState.lastSyncAt !== null)
            : i18n._('device-status.sync.starting')}
        </strong>
        {syncState?.download && <DownloadProgress {...syncState.download} />}
        {lastSync && (
          <span className="sync-last">
            {' '}
            {i18n._('device-status.sync.lastSynced', { time: formatDateTime(lastSync) })}
          </span>
        )}
      </div>
      {/* No network or server already say why syncing fails; the banner covers an ended session. */}
      {syncState?.lastError &&
        !syncState.authRequired &&
        connection !== 'offline' &&
        connection !== 'unreachable' && (
          <p className="sync-error" title={shortError(syncState.lastError)}>
            {i18n._('device-status.sync.lastError', {
              error: i18n._(ERROR_WORDS[syncState.lastErrorCode ?? 'unknown'] ?? OTHER_ERROR),
            })}
          </p>
        )}
      <button type="button" onClick={onSyncNow} disabled={!syncState || syncState.authRequired}>
        {i18n._('device-status.sync.syncNow')}
      </button>
    </section>
  );
}
