/** The device's refused changes, with the two actions screens offer on them. */
import { useCallback, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useFieldbook } from '../../session/FieldbookProvider';
import { dismissRefusal, refusals$, type Refusal } from '../../db/refusals';
import { useObservable } from '../../ui/useObservable';
import type { AttemptedLog } from './attempted';
import { reenterPath } from '../../shared/paths';

export function useRefusals() {
  const { device } = useFieldbook();
  const navigate = useNavigate();
  const source = useMemo(() => (device ? refusals$(device) : null), [device]);
  const refusals = useObservable(source) ?? [];
  const onReenter = useCallback(
    (refusal: Refusal, attempted: AttemptedLog) => {
      if (attempted.assignmentId) void navigate(reenterPath(attempted.assignmentId, refusal.id));
    },
    [navigate],
  );
  const onDismiss = useCallback(
    async (refusal: Refusal) => {
      if (device) await dismissRefusal(device, refusal.id);
    },
    [device],
  );
  return { refusals, onReenter, onDismiss };
}
