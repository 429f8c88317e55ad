/**
 * Data safety on this phone: whether the browser promised to keep the data, and a backup file of
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
  granted: 'This browser has promised to keep Fieldbook’s data on this phone.',
  denied:
    'This browser may clear Fieldbook’s data when the phone runs low on space. Sync or save a backup often.',
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
    setMessage({ text: 'Backup file saved. Keep it somewhere off this phone.', error: false });
  };

  const restore = async (file: File | undefined) => {
    if (!file) return;
    try {
      const { restored, setAside } = await restoreBackup(device, await file.text());
      const kept =
        setAside > 0
          ? ` ${setAside} changed since on this phone or the server: the newer version stays, the backup’s is kept below to re-enter.`
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
      <h2 id="backup-heading">Data on this phone</h2>
      {persistence && <p>{PERSISTENCE_TEXT[persistence]}</p>}
      {overdue && (
        <p>
          Your oldest unsynced change is {days} day{days === 1 ? '' : 's'} old. Save a backup file so a lost
          or reset phone does not mean lost work.
        </p>
      )}
      {pendingCount > 0 && (
        <button type="button" className={overdue ? 'primary' : undefined} onClick={() => void save()}>
          Save a backup file
        </button>
      )}
      <label htmlFor="backup-import">Import a backup file</label>
      <input
        id="backup-import"
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        onChange={(event) => void restore(event.target.files?.[0])}
      />
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : undefined}>
          {message.text}
        </p>
      )}
    </section>
  );
}
