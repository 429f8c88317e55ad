/** The programme's targets of matched experts per country, as this device holds them (TG-*). */
import { useMemo } from 'react';
import type { DeviceDatabase } from '../../db/database';
import {
  dismissTargetNotice,
  effectiveTargets,
  saveTarget,
  targetsState$,
  type TargetNotice,
  type TargetsByCountry,
} from '../../db/targets';
import { useObservable } from '../../ui/useObservable';

export interface ProgrammeTargets {
  /** The server's as last synced, with this device's unsent changes on top; null while reading. */
  targets: TargetsByCountry | null;
  /** Changes of this device's the server did not take, with the reason. */
  notices: readonly TargetNotice[];
  setTarget(country: string, target: number | null): Promise<void>;
  dismissNotice(country: string): Promise<void>;
}

export function useProgrammeTargets(device: DeviceDatabase): ProgrammeTargets {
  const source = useMemo(() => targetsState$(device), [device]);
  const state = useObservable(source);
  const targets = useMemo(() => (state ? effectiveTargets(state) : null), [state]);
  return useMemo(
    () => ({
      targets,
      notices: state?.notices ?? [],
      setTarget: (country, target) => saveTarget(device, country, target),
      dismissNotice: (country) => dismissTargetNotice(device, country),
    }),
    [device, targets, state],
  );
}
