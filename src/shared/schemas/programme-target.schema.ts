/**
 * A programme target: how many experts the programme means to match in one country (issue 10 §4).
 * One document per country, its id the country's name; the same for every officer on every device.
 * Officers only read and write them (docs/sync-protocol.md TG-*).
 */
import type { DeepMutable, ExtractDocumentTypeFromTypedRxJsonSchema, RxJsonSchema } from 'rxdb';
import { COUNTRIES } from '../reference-data';

export const programmeTargetSchemaLiteral = {
  title: 'programme target',
  description: 'The number of experts the programme means to match in a country',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    // The country itself (TG-2, targetProblem): one target per country, whichever officer sets it.
    id: { type: 'string', maxLength: 64, minLength: 1 },
    country: { type: 'string', enum: COUNTRIES },
    // A whole number within bounds is a rule (TG-2, targetProblem), so a bad value is answered
    // with that rule's sentence, the one the form shows, rather than the schema validator's.
    matchedExpertsTarget: { type: 'number' },
    // Stamped by the server; whatever a device sends here is ignored.
    createdAt: { type: 'string', maxLength: 30 },
    updatedAt: { type: 'string', maxLength: 30 },
  },
  required: ['id', 'country', 'matchedExpertsTarget'],
} as const;

export type ProgrammeTarget = ExtractDocumentTypeFromTypedRxJsonSchema<
  DeepMutable<typeof programmeTargetSchemaLiteral>
>;
export const programmeTargetSchema: RxJsonSchema<ProgrammeTarget> = programmeTargetSchemaLiteral as never;
