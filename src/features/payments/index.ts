/** What other features may use of the payments feature: a timesheet's payment state and the batch list. */
export { listBatches } from './payments-api';
export { PaymentState } from './PaymentState';
