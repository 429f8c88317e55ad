/**
 * What a rule tells a person, as data (issue 13): a stable message id and the values it names.
 * The rules return reasons, the server sends them with every refusal (SP-6), a device keeps them
 * with every refusal it records, and each screen renders them in its reader's language
 * (src/i18n/reasons.ts), so a reason recorded offline reads in the language chosen later. The
 * words are the catalog's (src/shared/locales/<language>.po); the server renders the English for
 * its logs and for clients that read only `message` (sync-server/src/i18n).
 *
 * An id is marked where it is written, `/*i18n*\/ 'rules.log.futureDay'`, so catalog extraction
 * finds it. A value is a number, a date, an id or a stored key (a status, a field); a value that
 * is itself words in a language is never passed in, the message says it.
 */
export type ReasonValues = Readonly<Record<string, string | number>>;

export interface Reason {
  readonly id: string;
  readonly values?: ReasonValues;
}

export function reason(id: string, values?: ReasonValues): Reason {
  return values ? { id, values } : { id };
}

/** Whether `value` has a reason's shape: what a device reads from the server or its own store. */
export function isReason(value: unknown): value is Reason {
  if (typeof value !== 'object' || value === null) return false;
  const { id, values } = value as { id?: unknown; values?: unknown };
  return (
    typeof id === 'string' &&
    (values === undefined ||
      (typeof values === 'object' &&
        values !== null &&
        Object.values(values).every((v) => typeof v === 'string' || typeof v === 'number')))
  );
}

/** A device write a rule refused: the error carries the reason for the screen to render. */
export class RefusedError extends Error {
  readonly reasons: readonly Reason[];

  constructor(reasons: Reason | readonly Reason[]) {
    const list = Array.isArray(reasons) ? (reasons as readonly Reason[]) : [reasons as Reason];
    super(list.map((r) => r.id).join(' '));
    this.name = 'RefusedError';
    this.reasons = list;
  }
}
