/** Tags of the browser's background sync events, shared by the page and the service worker. */
export const BACKGROUND_SYNC_TAG = 'fieldbook-sync';
export const PERIODIC_SYNC_TAG = 'fieldbook-periodic';
