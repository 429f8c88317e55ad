/** What other features may use of the logs feature: a log's card and the saved notice after a save. */
export { LogCard } from './LogCard';
export { logSavedMessage, takeLogSaved } from './saved-notice';
