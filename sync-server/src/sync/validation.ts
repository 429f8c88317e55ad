/**
 * Validation of pushed documents against the same RxDB JSON schemas the device uses (SP-9).
 * What is no content (src/shared/sync/content.ts: the server's stamps, RxDB's bookkeeping) is
 * stripped before validation: a device's value there is ignored.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { COLLECTION_SCHEMAS, type CollectionName } from '../../../src/shared/schemas';

// strict:false because RxDB schemas carry keywords ajv does not know (primaryKey, indexes, version).
const ajv = new Ajv({ strict: false, allErrors: true });

/**
 * The shared schema plus `_deleted`. `multipleOf` is left to the business rules: quarter hours
 * are a rule (log-rules.ts) with a message the form shows in place, so the answer is 'rule' with
 * that message rather than ajv's "must be multiple of 0.25".
 */
function serverSchema(schema: object): object {
  const properties: Record<string, object> = {};
  for (const [key, value] of Object.entries((schema as { properties: Record<string, object> }).properties)) {
    const { multipleOf: _ruleChecked, ...rest } = value as { multipleOf?: number };
    properties[key] = rest;
  }
  return { ...schema, properties: { ...properties, _deleted: { type: 'boolean' } } };
}

const validators = Object.fromEntries(
  Object.entries(COLLECTION_SCHEMAS).map(([name, schema]) => [name, ajv.compile(serverSchema(schema))]),
) as Record<CollectionName, ValidateFunction>;

/**
 * How deep a pushed document or assumed state may nest. The deepest schema (a timesheet's
 * submission snapshot) is 5 levels; beyond this cap a value is no document of ours, and comparing
 * or hashing it (recursive code) could overflow the stack before the schema is even checked.
 */
export const MAX_DOCUMENT_DEPTH = 32;

/**
 * Whether `value` nests objects or arrays more than `maxDepth` levels (`{}` is one level).
 * Iterative, so that checking a hostile value cannot itself overflow the stack.
 */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [next, depth] = pending.pop()!;
    if (typeof next !== 'object' || next === null) continue;
    if (depth > maxDepth) return true;
    for (const child of Object.values(next)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}

function describe(error: ErrorObject): string {
  const at = error.instancePath.slice(1).replaceAll('/', '.');
  const join = (child: string) => (at ? `${at}.${child}` : child);
  switch (error.keyword) {
    case 'required':
      return `Field '${join(String(error.params.missingProperty))}' is required.`;
    case 'additionalProperties':
      return `Field '${join(String(error.params.additionalProperty))}' is not allowed.`;
    case 'enum':
      return `Field '${at}' must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}.`;
    default:
      return `Field '${at || '(document)'}' ${error.message ?? 'is invalid'}.`;
  }
}

/** Null when the document is valid, else a message naming each offending field. */
export function validateDocument(collection: CollectionName, doc: Record<string, unknown>): string | null {
  const validate = validators[collection];
  if (validate(doc)) return null;
  const messages = [...new Set((validate.errors ?? []).map(describe))];
  return messages.slice(0, 5).join(' ');
}
