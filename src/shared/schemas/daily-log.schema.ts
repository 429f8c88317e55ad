/** One day's work of an expert on an assignment. */
import type { DeepMutable, ExtractDocumentTypeFromTypedRxJsonSchema, RxJsonSchema } from 'rxdb';

export const WORK_MODES = ['on_site', 'remote', 'travel'] as const;
export type WorkMode = (typeof WORK_MODES)[number];
export const WORK_MODE_LABELS: Record<WorkMode, string> = {
  on_site: 'On site at the host institution',
  remote: 'Remote',
  travel: 'Travel',
};

export const KT_ACTIVITY_TYPES = [
  'training',
  'coaching_mentoring',
  'workshop',
  'advice',
  'problem_solving',
] as const;
export type KtActivityType = (typeof KT_ACTIVITY_TYPES)[number];
export const KT_ACTIVITY_LABELS: Record<KtActivityType, string> = {
  training: 'Training',
  coaching_mentoring: 'Coaching or mentoring',
  workshop: 'Workshop',
  advice: 'Technical or policy advice',
  problem_solving: 'Problem-solving',
};

export const MAX_TEXT_LENGTH = 5000;

export const dailyLogSchemaLiteral = {
  title: 'daily log',
  description: "An expert's record of one day's work",
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: 64, minLength: 1 },
    assignmentId: { type: 'string', maxLength: 64, minLength: 1 },
    date: { type: 'string', maxLength: 10, minLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    // Quarter hours: the programme pays by the day but reviews hours.
    hours: { type: 'number', minimum: 0, maximum: 24, multipleOf: 0.25 },
    workMode: { type: 'string', enum: WORK_MODES },
    location: { type: 'string', maxLength: 200 },
    activities: { type: 'string', maxLength: MAX_TEXT_LENGTH },
    ktActivities: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          type: { type: 'string', enum: KT_ACTIVITY_TYPES },
          peopleReached: { type: 'integer', minimum: 0, maximum: 100000 },
        },
        required: ['type', 'peopleReached'],
      },
    },
    notes: { type: 'string', maxLength: MAX_TEXT_LENGTH },
    // Stamped by the server; a device cannot forge them.
    authorId: { type: 'string', maxLength: 64 },
    createdAt: { type: 'string', maxLength: 30 },
    updatedAt: { type: 'string', maxLength: 30 },
  },
  required: [
    'id',
    'assignmentId',
    'date',
    'hours',
    'workMode',
    'location',
    'activities',
    'ktActivities',
    'notes',
  ],
  indexes: [['assignmentId', 'date']],
} as const;

export type DailyLog = ExtractDocumentTypeFromTypedRxJsonSchema<DeepMutable<typeof dailyLogSchemaLiteral>>;
export type KtActivity = DailyLog['ktActivities'][number];
export const dailyLogSchema: RxJsonSchema<DailyLog> = dailyLogSchemaLiteral as never;
