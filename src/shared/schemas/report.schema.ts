/**
 * A knowledge-transfer report: how the expert tells what was transferred and how the host
 * institution confirms it. One report per kind per assignment; written on phones, often offline,
 * sometimes on two devices, so each section merges on its own (report-rules.ts).
 */
import type { DeepMutable, ExtractDocumentTypeFromTypedRxJsonSchema, RxJsonSchema } from 'rxdb';

export const REPORT_KINDS = ['inception', 'midterm', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  inception: 'Inception report',
  midterm: 'Mid-term report',
  final: 'Final report',
};

export const REPORT_STATUSES = ['draft', 'submitted', 'endorsed', 'changes_requested', 'reviewed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const OBJECTIVE_PROGRESS = ['not_started', 'in_progress', 'achieved', 'not_achievable'] as const;
export const OBJECTIVE_PROGRESS_LABELS: Record<(typeof OBJECTIVE_PROGRESS)[number], string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  achieved: 'Achieved',
  not_achievable: 'Not achievable',
};

/** The free-text sections, in the order a report reads. */
export const TEXT_SECTIONS = [
  'summary',
  'ktNarrative',
  'outputs',
  'challenges',
  'recommendations',
  'sustainability',
  'interns',
] as const;
export type TextSection = (typeof TEXT_SECTIONS)[number];
export const SECTION_LABELS: Record<TextSection | 'objectives', string> = {
  summary: 'Summary',
  objectives: 'Progress on the terms-of-reference objectives',
  ktNarrative: 'Knowledge-transfer activities',
  outputs: 'Outputs and materials produced',
  challenges: 'Challenges',
  recommendations: 'Recommendations to the host institution',
  sustainability: 'Sustainability and follow-up (incl. links with institutions in the Netherlands or the EU)',
  interns: 'Involvement of interns',
};

export const MAX_SECTION_LENGTH = 20_000;
const SECTION_TEXT = { type: 'string', maxLength: MAX_SECTION_LENGTH } as const;
const COMMENT = { type: 'string', maxLength: 2000 } as const;

export const reportSchemaLiteral = {
  title: 'knowledge-transfer report',
  // v1: decision.sectionsRevision, the text a decision was made on (RP-2).
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    // `${assignmentId}:${kind}`: two devices that start it offline make one report.
    id: { type: 'string', maxLength: 80, minLength: 1 },
    assignmentId: { type: 'string', maxLength: 64, minLength: 1 },
    kind: { type: 'string', enum: REPORT_KINDS },
    status: { type: 'string', enum: REPORT_STATUSES },
    sections: {
      type: 'object',
      additionalProperties: false,
      properties: {
        summary: SECTION_TEXT,
        ktNarrative: SECTION_TEXT,
        outputs: SECTION_TEXT,
        challenges: SECTION_TEXT,
        recommendations: SECTION_TEXT,
        sustainability: SECTION_TEXT,
        interns: SECTION_TEXT,
        /** One entry per terms-of-reference objective of the assignment, in its order. */
        objectives: {
          type: 'array',
          maxItems: 30,
          items: {
            type: 'object',
            additionalProperties: false,
            properties: {
              objective: { type: 'string', maxLength: 1000 },
              progress: { type: 'string', enum: OBJECTIVE_PROGRESS },
              evidence: { type: 'string', maxLength: 5000 },
            },
            required: ['objective', 'progress', 'evidence'],
          },
        },
      },
      required: [...TEXT_SECTIONS, 'objectives'],
    },
    /** The supervisor's decision: endorsement or a request for changes, with a comment. */
    decision: {
      type: 'object',
      additionalProperties: false,
      properties: {
        kind: { type: 'string', enum: ['endorsed', 'changes_requested'] },
        comment: { ...COMMENT, minLength: 1 },
        fullName: { type: 'string', maxLength: 200 },
        /** markerOf(sections) as the supervisor read them: the server checks it (RP-2). */
        sectionsRevision: { type: 'string', maxLength: 16 },
      },
      required: ['kind', 'comment'],
    },
    /** The officer's review note. */
    review: {
      type: 'object',
      additionalProperties: false,
      properties: { comment: COMMENT },
      required: ['comment'],
    },
    /** Written by the server only, one entry per transition. */
    history: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          at: { type: 'string', maxLength: 30 },
          byUserId: { type: 'string', maxLength: 64 },
          byName: { type: 'string', maxLength: 200 },
          role: { type: 'string', maxLength: 20 },
          from: { type: 'string', maxLength: 20 },
          to: { type: 'string', maxLength: 20 },
          comment: COMMENT,
        },
        required: ['at', 'byUserId', 'byName', 'role', 'from', 'to'],
      },
    },
    authorId: { type: 'string', maxLength: 64 },
    createdAt: { type: 'string', maxLength: 30 },
    updatedAt: { type: 'string', maxLength: 30 },
  },
  required: ['id', 'assignmentId', 'kind', 'status', 'sections'],
  indexes: ['assignmentId'],
} as const;

export type Report = ExtractDocumentTypeFromTypedRxJsonSchema<DeepMutable<typeof reportSchemaLiteral>>;
export type ReportSections = Report['sections'];
export const reportSchema: RxJsonSchema<Report> = reportSchemaLiteral as never;

export function reportId(assignmentId: string, kind: ReportKind): string {
  return `${assignmentId}:${kind}`;
}
