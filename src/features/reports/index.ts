/** What other features may use of the reports feature: an assignment's reports section. */
export { ReportsSection } from './ReportsSection';
