/** What other features may use of the assignments feature (its screens are reached through routes). */
export { SupervisorInbox } from './SupervisorInbox';
