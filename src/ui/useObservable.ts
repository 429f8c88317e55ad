/**
 * The latest value of an RxJS observable, or undefined until it first emits. Callers memoize the
 * observable (useMemo); a new observable starts over at undefined so a screen never shows the
 * previous record's data under a new id.
 */
import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';

export function useObservable<T>(source: Observable<T> | null): T | undefined {
  const [latest, setLatest] = useState<{ source: Observable<T>; value: T } | null>(null);
  useEffect(() => {
    if (!source) return;
    const subscription = source.subscribe((value) => setLatest({ source, value }));
    return () => subscription.unsubscribe();
  }, [source]);
  return latest && latest.source === source ? latest.value : undefined;
}
