/**
 * Data safety on this device: whether the browser promised to keep the data, and a backup file of
 * unsynced changes — urged once the oldest has waited more than 72 hours — with its import.
 */
import { useRef, useState } from 'react';
import { BackupError, backupFileName, createBackup, restoreBackup } from '../../db/backup';
import type { DeviceDatabase } from '../../db/database';
import type { Persistence } from '../../pwa/persistent-storage';

export const BACKUP_URGE_AFTER_MS = 72 * 3_600_000;

interface BackupPanelProps {
  device: DeviceDatabase;
  pendingCount: number;
  oldestPendingAt: number | null;
  persistence: Persistence | null | undefined;
  now?: number;
}

const PERSISTENCE_TEXT: Record<Persistence, string> = {
  granted: 'This browser has promised to keep Fieldbook’s data on this device.',
  denied:
    'This browser may clear Fieldbook’s data when the device runs low on space. Sync or save a backup often.',
  unsupported: 'This browser cannot promise to keep Fieldbook’s data. Sync or save a backup often.',
};

export function BackupPanel({
  device,
  pendingCount,
  oldestPendingAt,
  persistence,
  now = Date.now(),
}: BackupPanelProps) {
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
    setMessage({ text: 'Backup file saved. Keep it somewhere off this device.', error: false });
  };

  const restore = async (file: File | undefined) => {
    if (!file) return;
    try {
      const { restored, refused } = await restoreBackup(device, await file.text());
      const kept =
        refused > 0
          ? ` ${refused} changed since on this device or the server: the newer version stays, the backup’s is kept below to re-enter.`
          : '';
      setMessage({
        text: `${restored} change${restored === 1 ? '' : 's'} restored; they sync when a network appears.${kept}`,
        error: false,
      });
    } catch (error) {
      setMessage({
        text: error instanceof BackupError ? error.message : 'The backup could not be read.',
        error: true,
      });
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const days = oldestPendingAt === null ? 0 : Math.floor((now - oldestPendingAt) / 86_400_000);
  return (
    <section className={overdue ? 'notice warning' : 'card'} aria-labelledby="backup-heading">
      <h2 id="backup-heading">Data on this device</h2>
      {persistence && <p>{PERSISTENCE_TEXT[persistence]}</p>}
      {overdue && (
        <p>
          Your oldest unsynced change is {days} day{days === 1 ? '' : 's'} old. Save a backup file so a lost
          or reset device does not mean lost work.
        </p>
      )}
      <div className="button-row">
        {pendingCount > 0 && (
          <button type="button" className={overdue ? 'primary' : undefined} onClick={() => void save()}>
            Save a backup file
          </button>
        )}
        {/* The browser's own "Choose File / No file chosen" box, hidden inside a label drawn as a
            button: one clear control that opens the file picker, by tap, click or keyboard. */}
        <label className="button file-button">
          Import a backup file
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
