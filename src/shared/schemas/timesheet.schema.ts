/**
 * A month of an expert's days on one assignment, signed off by the host supervisor. The
 * programme pays daily allowances from approved timesheets, so each decision is traceable in an
 * append-only history the server writes.
 */
import type { DeepMutable, ExtractDocumentTypeFromTypedRxJsonSchema, RxJsonSchema } from 'rxdb';
import { WORK_MODES } from './daily-log.schema';

export const TIMESHEET_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type TimesheetStatus = (typeof TIMESHEET_STATUSES)[number];

/** A drawn signature: an SVG path or a data-URL image, kept small for 2G links. */
export const MAX_SIGNATURE_CHARS = 20_000;
export const MAX_COMMENT_LENGTH = 2000;

const SHORT_TEXT = { type: 'string', maxLength: 200 } as const;
const ISO_DATE = { type: 'string', maxLength: 10, minLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const SHA256_HEX = { type: 'string', pattern: '^[0-9a-f]{64}$', maxLength: 64 } as const;
const COMMENT = { type: 'string', maxLength: MAX_COMMENT_LENGTH } as const;

export const timesheetSchemaLiteral = {
  title: 'timesheet',
  description: "An expert's month on one assignment and its sign-off",
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    // `${assignmentId}:${month}`: two devices that create it offline make one timesheet.
    id: { type: 'string', maxLength: 80, minLength: 1 },
    assignmentId: { type: 'string', maxLength: 64, minLength: 1 },
    month: { type: 'string', maxLength: 7, minLength: 7, pattern: '^\\d{4}-\\d{2}$' },
    status: { type: 'string', enum: TIMESHEET_STATUSES },
    /** Set by the expert on submission: what they declared, and the days it covers. */
    submission: {
      type: 'object',
      additionalProperties: false,
      properties: {
        declaration: { type: 'boolean', enum: [true] },
        fullName: { ...SHORT_TEXT, minLength: 1 },
        snapshot: {
          type: 'object',
          additionalProperties: false,
          properties: {
            logs: {
              type: 'array',
              maxItems: 62,
              items: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  id: { type: 'string', maxLength: 64 },
                  date: ISO_DATE,
                  hours: { type: 'number', minimum: 0, maximum: 24 },
                  workMode: { type: 'string', enum: WORK_MODES },
                  version: { type: 'string', maxLength: 30 },
                },
                required: ['id', 'date', 'hours', 'workMode', 'version'],
              },
            },
            hash: SHA256_HEX,
          },
          required: ['logs', 'hash'],
        },
      },
      required: ['declaration', 'fullName', 'snapshot'],
    },
    /** Set by the supervisor on approval: their typed name, signature and the hash approved. */
    approval: {
      type: 'object',
      additionalProperties: false,
      properties: {
        fullName: { ...SHORT_TEXT, minLength: 1 },
        signature: { type: 'string', maxLength: MAX_SIGNATURE_CHARS },
        hash: SHA256_HEX,
      },
      required: ['fullName', 'hash'],
    },
    /** Set by the supervisor on return: why, and optionally what about which day. */
    returned: {
      type: 'object',
      additionalProperties: false,
      properties: {
        comment: { ...COMMENT, minLength: 1 },
        dayComments: {
          type: 'array',
          maxItems: 31,
          items: {
            type: 'object',
            additionalProperties: false,
            properties: { date: ISO_DATE, comment: { ...COMMENT, minLength: 1 } },
            required: ['date', 'comment'],
          },
        },
      },
      required: ['comment', 'dayComments'],
    },
    /** Set by an officer who reopens an approved timesheet. */
    reopened: {
      type: 'object',
      additionalProperties: false,
      properties: { reason: { ...COMMENT, minLength: 1 } },
      required: ['reason'],
    },
    /** Written by the server only, one entry per transition; devices cannot change it. */
    history: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          at: { type: 'string', maxLength: 30 },
          byUserId: { type: 'string', maxLength: 64 },
          byName: SHORT_TEXT,
          role: { type: 'string', maxLength: 20 },
          from: { type: 'string', maxLength: 20 },
          to: { type: 'string', maxLength: 20 },
          comment: COMMENT,
          hash: { type: 'string', maxLength: 64 },
        },
        required: ['at', 'byUserId', 'byName', 'role', 'from', 'to'],
      },
    },
    authorId: { type: 'string', maxLength: 64 },
    createdAt: { type: 'string', maxLength: 30 },
    updatedAt: { type: 'string', maxLength: 30 },
  },
  required: ['id', 'assignmentId', 'month', 'status'],
  indexes: ['assignmentId'],
} as const;

export type Timesheet = ExtractDocumentTypeFromTypedRxJsonSchema<DeepMutable<typeof timesheetSchemaLiteral>>;
export type TimesheetHistoryEntry = NonNullable<Timesheet['history']>[number];
export type TimesheetSnapshot = NonNullable<Timesheet['submission']>['snapshot'];
export const timesheetSchema: RxJsonSchema<Timesheet> = timesheetSchemaLiteral as never;

export function timesheetId(assignmentId: string, month: string): string {
  return `${assignmentId}:${month}`;
}
