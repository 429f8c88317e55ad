/**
 * Targets an earlier version kept in this browser's storage, per officer, before they were the
 * programme's (TG-*). Read only to offer them once as programme targets; then the key goes, and
 * nothing reads this storage again.
 */
import { COUNTRIES } from '../../shared/reference-data';
import { targetValueProblem } from '../../shared/rules/target-rules';
import type { TargetsByCountry } from '../../db/targets';

function earlierTargetsKey(userId: string): string {
  return `fieldbook.dashboard.${userId}.targets`;
}

/** What the earlier version kept for this officer: programme countries with a usable number. */
export function loadEarlierTargets(userId: string): TargetsByCountry {
  try {
    const raw = localStorage.getItem(earlierTargetsKey(userId));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (!parsed || typeof parsed !== 'object') return {};
    // Whatever else is stored under the key (a hand edit) is not a target.
    return Object.fromEntries(
      Object.entries(parsed).filter(
        ([country, value]) =>
          (COUNTRIES as string[]).includes(country) &&
          typeof value === 'number' &&
          targetValueProblem(country, value) === null,
      ),
    ) as TargetsByCountry;
  } catch {
    return {};
  }
}

export function forgetEarlierTargets(userId: string): void {
  try {
    localStorage.removeItem(earlierTargetsKey(userId));
  } catch {
    // Storage refused: the offer comes again next time, which loses nothing.
  }
}

/**
 * Which of the earlier targets the programme has none for yet (offered), and which differ from
 * the programme's (said, as the programme's stands).
 */
export function earlierTargetsOffer(
  earlier: TargetsByCountry,
  programme: TargetsByCountry,
): { offered: [string, number][]; superseded: [string, number, number][] } {
  const offered: [string, number][] = [];
  const superseded: [string, number, number][] = [];
  for (const country of COUNTRIES) {
    const mine = earlier[country];
    const theirs = programme[country];
    if (mine === undefined) continue;
    if (theirs === undefined) offered.push([country, mine]);
    else if (theirs !== mine) superseded.push([country, mine, theirs]);
  }
  return { offered, superseded };
}
