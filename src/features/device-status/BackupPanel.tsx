/**
 * Data safety on this device: whether the browser promised to keep the data, and a backup file of
 * unsynced changes — urged once the oldest has waited more than 72 hours — with its import.
 */
import { useRef, useState } from 'react';
import { BackupError, backupFileName, createBackup, restoreBackup } from '../../db/backup';
import type { DeviceDatabase } from '../../db/database';
import type { Persistence } from '../../pwa/persistent-storage';
import { useI18n } from './catalog';
import { errorWords } from '../../ui/error-words';

export const BACKUP_URGE_AFTER_MS = 72 * 3_600_000;

interface BackupPanelProps {
  device: DeviceDatabase;
  pendingCount: number;
  oldestPendingAt: number | null;
  persistence: Persistence | null | undefined;
  now?: number;
}

const PERSISTENCE_TEXT: Record<Persistence, string> = {
  granted: /*i18n*/ 'device-status.backup.persistence.granted',
  denied: /*i18n*/ 'device-status.backup.persistence.denied',
  unsupported: /*i18n*/ 'device-status.backup.persistence.unsupported',
};

export function BackupPanel({
  device,
  pendingCount,
  oldestPendingAt,
  persistence,
  now = Date.now(),
}: BackupPanelProps) {
  const i18n = useI18n();
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const overdue = oldestPendingAt !== null && now - oldestPendingAt > BACKUP_URGE_AFTER_MS;

  const save = async () => {
    const backup = await createBackup(device);
    const url = URL.createObjectURL(new Blob([JSON.stringify(backup)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = backupFileName(backup);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setMessage({ text: i18n._('device-status.backup.saved'), error: false });
  };

  const restore = async (file: File | undefined) => {
    if (!file) return;
    try {
      const { restored, refused } = await restoreBackup(device, await file.text());
      const done = i18n._('device-status.backup.restored', { count: restored });
      const text =
        refused > 0 ? `${done} ${i18n._('device-status.backup.refused', { count: refused })}` : done;
      setMessage({ text, error: false });
    } catch (error) {
      setMessage({
        text:
          error instanceof BackupError ? await errorWords(error) : i18n._('device-status.backup.unreadable'),
        error: true,
      });
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const days = oldestPendingAt === null ? 0 : Math.floor((now - oldestPendingAt) / 86_400_000);
  return (
    <section className={overdue ? 'notice warning' : 'card'} aria-labelledby="backup-heading">
      <h2 id="backup-heading">{i18n._('device-status.backup.heading')}</h2>
      {persistence && <p>{i18n._(PERSISTENCE_TEXT[persistence])}</p>}
      {overdue && <p>{i18n._('device-status.backup.overdue', { count: days })}</p>}
      <div className="button-row">
        {pendingCount > 0 && (
          <button type="button" className={overdue ? 'primary' : undefined} onClick={() => void save()}>
            {i18n._('device-status.backup.save')}
          </button>
        )}
        {/* The browser's own "Choose File / No file chosen" box, hidden inside a label drawn as a
            button: one clear control that opens the file picker, by tap, click or keyboard. */}
        <label className="button file-button">
          {i18n._('device-status.backup.import')}
          <input
            ref={fileInput}
            className="visually-hidden"
            type="file"
            accept="application/json,.json"
            onChange={(event) => void restore(event.target.files?.[0])}
          />
        </label>
      </div>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : undefined}>
          {message.text}
        </p>
      )}
    </section>
  );
}
