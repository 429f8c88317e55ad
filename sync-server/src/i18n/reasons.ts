/**
 * The rules' reasons in English (issue 13): a refusal goes out as reasons, for the app to say in
 * its user's language, and as `message`, their English, for the server's logs, API clients and
 * devices from before reasons. Both come from the one catalog, src/shared/locales.
 */
import { join } from 'node:path';
import type { Reason, ReasonValues } from '../../../src/shared/reasons';
import { formatMonth } from './formats';
import { serverMessages } from './server-messages';
import { isIsoMonth } from '../../../src/shared/dates';

const reasonWords = serverMessages(join(import.meta.dirname, '../../../src/shared/locales'))('en');

/** A month is named ("June 2026"), as the app names it; dates stay ISO, unambiguous to anyone. */
function shown(values: ReasonValues | undefined): ReasonValues | undefined {
  if (!values) return undefined;
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      typeof value === 'string' && isIsoMonth(value) ? formatMonth(reasonWords, value) : value,
    ]),
  );
}

/** The English of one reason, or of several as one text. */
export function englishOf(reasons: Reason | readonly Reason[]): string {
  const list: readonly Reason[] = Array.isArray(reasons) ? reasons : [reasons as Reason];
  return list.map((reason) => reasonWords._(reason.id, shown(reason.values))).join(' ');
}
