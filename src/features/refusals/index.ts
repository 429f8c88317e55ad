/** What other features may use of the refusals feature: the refused changes, their screens' pieces and the parser of an attempted change. */
export { parseAttempted, type AttemptedLog } from './attempted';
export { InstitutionRefusals } from './InstitutionRefusals';
export { RefusedChanges } from './RefusedChanges';
export { ReportClashes } from './ReportClashes';
export { useRefusals } from './useRefusals';
