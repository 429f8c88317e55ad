/** What other features may use of the device's status: a change's pending marker and the backup panel. */
export { BackupPanel } from './BackupPanel';
export { PendingMarker } from './PendingMarker';
