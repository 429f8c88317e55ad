/**
 * Three-way merge of one document, field by field, used when a device's push collides with a
 * newer server version: a field changed only on the device keeps the device's value, a field
 * changed only on the server keeps the server's, and a field changed on both takes the server's
 * value and is reported as a clash so the device can set its own version aside for the user.
 */
export interface MergeResult<T> {
  merged: T;
  clashes: string[];
}

/** Equal as JSON values, whatever the order of object keys. */
export function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export function mergeThreeWay<T extends object>(
  base: T | undefined,
  local: T,
  remote: T,
  ignoredFields: readonly string[] = [],
): MergeResult<T> {
  const merged: Record<string, unknown> = { ...(remote as Record<string, unknown>) };
  const clashes: string[] = [];
  const keys = new Set([...Object.keys(local), ...Object.keys(remote)]);
  const baseRecord = base as Record<string, unknown> | undefined;
  const localRecord = local as Record<string, unknown>;
  const remoteRecord = remote as Record<string, unknown>;
  for (const key of keys) {
    if (ignoredFields.includes(key)) continue;
    const localValue = localRecord[key];
    const remoteValue = remoteRecord[key];
    if (same(localValue, remoteValue)) continue;
    // Without a common ancestor every difference is a clash: we cannot tell who changed what.
    const localChanged = !baseRecord || !same(baseRecord[key], localValue);
    const remoteChanged = !baseRecord || !same(baseRecord[key], remoteValue);
    if (localChanged && !remoteChanged) merged[key] = localValue;
    else if (localChanged && remoteChanged) clashes.push(key);
  }
  return { merged: merged as T, clashes };
}

/** The document without the fields the server stamps, in a stable key order. */
export function clientView<T extends object>(
  doc: T,
  serverOwned: readonly string[],
): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const key of Object.keys(doc).sort()) {
    if (!serverOwned.includes(key)) view[key] = (doc as Record<string, unknown>)[key];
  }
  return view;
}

/** JSON with object keys sorted at every depth, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
