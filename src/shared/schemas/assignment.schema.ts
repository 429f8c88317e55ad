/**
 * An expert's assignment at a host institution. Created by programme officers (seeded in demo
 * mode); experts and supervisors read it.
 */
import type { DeepMutable, ExtractDocumentTypeFromTypedRxJsonSchema, RxJsonSchema } from 'rxdb';
import { ALL_SECTORS, COUNTRIES } from '../reference-data';

export const ASSIGNMENT_MODES = ['physical', 'virtual', 'hybrid'] as const;
export const ASSIGNMENT_STATUSES = ['planned', 'active', 'completed', 'cancelled'] as const;

const ID = { type: 'string', maxLength: 64, minLength: 1 } as const;
const ISO_DATE = { type: 'string', maxLength: 10, minLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

export const assignmentSchemaLiteral = {
  title: 'assignment',
  description: 'A CD4D knowledge-transfer assignment',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    expertId: ID,
    expertName: { type: 'string', maxLength: 200 },
    institution: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        country: { type: 'string', enum: COUNTRIES },
        sector: { type: 'string', enum: ALL_SECTORS },
      },
      required: ['name', 'country', 'sector'],
    },
    supervisorIds: { type: 'array', maxItems: 10, items: ID },
    supervisorNames: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 200 } },
    mode: { type: 'string', enum: ASSIGNMENT_MODES },
    startDate: ISO_DATE,
    endDate: ISO_DATE,
    objectives: {
      type: 'array',
      maxItems: 30,
      items: { type: 'string', minLength: 1, maxLength: 1000 },
    },
    status: { type: 'string', enum: ASSIGNMENT_STATUSES },
    // Version 1: the assignment's own daily allowance in whole euros; absent, the programme's rate
    // for its country (src/shared/allowance.ts dailyRateOf).
    dailyRateEur: { type: 'integer', minimum: 0, maximum: 1000 },
    // Version 1 too: the host institution document picked (IN-*, AS-8); `institution` keeps its
    // name, country and sector. Absent on assignments typed before institutions existed.
    institutionId: ID,
    // Stamped by the server; whatever a device sends here is ignored.
    createdAt: { type: 'string', maxLength: 30 },
    updatedAt: { type: 'string', maxLength: 30 },
  },
  required: [
    'id',
    'expertId',
    'institution',
    'supervisorIds',
    'mode',
    'startDate',
    'endDate',
    'objectives',
    'status',
  ],
  indexes: ['expertId'],
} as const;

export type Assignment = ExtractDocumentTypeFromTypedRxJsonSchema<
  DeepMutable<typeof assignmentSchemaLiteral>
>;
export const assignmentSchema: RxJsonSchema<Assignment> = assignmentSchemaLiteral as never;
