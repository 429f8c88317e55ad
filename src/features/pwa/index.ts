/** What other features may use of the PWA feature: the install offer on the home screen. */
export { InstallPrompt } from './InstallPrompt';
