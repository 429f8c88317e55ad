/** The push policy of each collection (policy.ts): the one place push.ts learns what a collection adds. */
import type { CollectionDocs, CollectionName } from '../../../src/shared/schemas';
import { assignmentsPolicy } from './assignments';
import { institutionsPolicy } from './institutions';
import { logsPolicy } from './logs';
import type { CollectionPolicies, CollectionPolicy } from './policy';
import { reportsPolicy } from './reports';
import { targetsPolicy } from './targets';
import { timesheetsPolicy } from './timesheets';

const POLICIES: CollectionPolicies = {
  assignments: assignmentsPolicy,
  logs: logsPolicy,
  timesheets: timesheetsPolicy,
  reports: reportsPolicy,
  institutions: institutionsPolicy,
  targets: targetsPolicy,
};

export function policyOf<K extends CollectionName>(collection: K): CollectionPolicy<CollectionDocs[K]> {
  return POLICIES[collection];
}
