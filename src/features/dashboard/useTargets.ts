/**
 * The officer's target of matched experts per country, kept in this browser's storage for this
 * user: the programme has no place for it on the server yet, so it is said on screen that it stays
 * on this device.
 */
import { useCallback, useState } from 'react';
import type { Targets } from './dashboard-figures';

function targetsKey(userId: string): string {
  return `fieldbook.dashboard.${userId}.targets`;
}

export function loadTargets(userId: string): Targets {
  try {
    const raw = localStorage.getItem(targetsKey(userId));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (!parsed || typeof parsed !== 'object') return {};
    // Whatever else is stored under the key (an older format, a hand edit) is not a target.
    return Object.fromEntries(
      Object.entries(parsed).filter(([, value]) => Number.isInteger(value) && (value as number) > 0),
    ) as Targets;
  } catch {
    return {};
  }
}

export function useTargets(userId: string): [Targets, (country: string, target: number | null) => void] {
  const [targets, setTargets] = useState<Targets>(() => loadTargets(userId));
  const setTarget = useCallback(
    (country: string, target: number | null) => {
      setTargets((current) => {
        const next = { ...current };
        if (target === null) delete next[country];
        else next[country] = target;
        try {
          localStorage.setItem(targetsKey(userId), JSON.stringify(next));
        } catch {
          // Storage full or refused: the target holds for this visit only.
        }
        return next;
      });
    },
    [userId],
  );
  return [targets, setTarget];
}
