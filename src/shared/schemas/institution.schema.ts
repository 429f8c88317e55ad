/**
 * A host institution of the programme: where experts are placed and supervisors work. Created and
 * edited by programme officers only (docs/sync-protocol.md IN-*); nobody else pulls them.
 */
import type { DeepMutable, ExtractDocumentTypeFromTypedRxJsonSchema, RxJsonSchema } from 'rxdb';
import { ALL_SECTORS, COUNTRIES } from '../reference-data';

const ID = { type: 'string', maxLength: 64, minLength: 1 } as const;

export const institutionSchemaLiteral = {
  title: 'institution',
  description: 'A CD4D host institution',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    name: { type: 'string', minLength: 1, maxLength: 200 },
    country: { type: 'string', enum: COUNTRIES },
    // Also one of the country's sectors (IN-2, isSectorOfCountry): a schema cannot say that.
    sector: { type: 'string', enum: ALL_SECTORS },
    city: { type: 'string', maxLength: 100 },
    focalPoint: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { type: 'string', maxLength: 200 },
        email: { type: 'string', maxLength: 254 },
        phone: { type: 'string', maxLength: 40 },
      },
    },
    // Stamped by the server; whatever a device sends here is ignored.
    createdAt: { type: 'string', maxLength: 30 },
    updatedAt: { type: 'string', maxLength: 30 },
  },
  required: ['id', 'name', 'country', 'sector'],
} as const;

export type Institution = ExtractDocumentTypeFromTypedRxJsonSchema<
  DeepMutable<typeof institutionSchemaLiteral>
>;
export const institutionSchema: RxJsonSchema<Institution> = institutionSchemaLiteral as never;
