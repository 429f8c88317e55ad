/**
 * Validation of pushed documents against the same RxDB JSON schemas the device uses (SP-9).
 * What is no content (src/shared/sync/content.ts: the server's stamps, RxDB's bookkeeping) is
 * stripped before validation: a device's value there is ignored.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { reason, type Reason } from '../../../src/shared/reasons';
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

/**
 * The reason for one schema error. Only a broken or outdated app sends such a document (the
 * device checks the same schema before it writes), so the last kind keeps ajv's English detail.
 */
function describe(error: ErrorObject): Reason {
  const at = error.instancePath.slice(1).replaceAll('/', '.');
  const join = (child: string) => (at ? `${at}.${child}` : child);
  switch (error.keyword) {
    case 'required':
      return reason(/*i18n*/ 'sync.invalid.required', { field: join(String(error.params.missingProperty)) });
    case 'additionalProperties':
      return reason(/*i18n*/ 'sync.invalid.notAllowed', {
        field: join(String(error.params.additionalProperty)),
      });
    case 'enum':
      return reason(/*i18n*/ 'sync.invalid.oneOf', {
        field: at,
        allowed: (error.params.allowedValues as unknown[]).join(', '),
      });
    default:
      return reason(/*i18n*/ 'sync.invalid.other', {
        field: at || '(document)',
        detail: error.message ?? 'is invalid',
      });
  }
}

/** Null when the document is valid, else the reasons naming each offending field (five at most). */
export function validateDocument(collection: CollectionName, doc: Record<string, unknown>): Reason[] | null {
  const validate = validators[collection];
  if (validate(doc)) return null;
  const seen = new Map<string, Reason>();
  for (const error of validate.errors ?? []) {
    const found = describe(error);
    seen.set(JSON.stringify(found), found);
  }
  return [...seen.values()].slice(0, 5);
}
