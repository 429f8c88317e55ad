/**
 * Changes the server refused or another device overrode (RefusedList), shown where there are
 * any. The list, and the words of the rules' reasons it says, load only then: the home's first
 * download does not carry them.
 */
import { lazy, Suspense } from 'react';
import type { RefusedChangesProps } from './RefusedList';

export type { RefusedChangesProps } from './RefusedList';

const RefusedList = lazy(async () => ({ default: (await import('./RefusedList')).RefusedList }));

export function RefusedChanges(props: RefusedChangesProps) {
  if (props.refusals.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <RefusedList {...props} />
    </Suspense>
  );
}
