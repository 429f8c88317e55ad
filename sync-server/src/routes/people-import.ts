/**
 * PE-9: officers import people from a CSV file (the columns of the add-person form). Every data row
 * is created with its own invitation, or refused with the field and the reason, and the answer
 * accounts for each row; a file that cannot be read as CSV, or lacks a required column, imports
 * nobody.
 */
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import {
  checkNewPerson,
  IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  PEOPLE_API_PATHS,
  REQUIRED_IMPORT_COLUMNS,
  type ImportRowResult,
  type PeopleImportResponse,
  unknownInstitutionReason,
  emailTakenReason,
} from '../../../src/shared/people';
import { addPerson } from '../auth/invitations';
import type { Reason } from '../../../src/shared/reasons';
import { ApiError } from '../errors';
import { englishOf } from '../i18n/reasons';
import type { ServerContext } from './context';
import { emailInvitation, originOf, requireOfficer, toPerson } from './people';

type Column = (typeof IMPORT_COLUMNS)[number];

/** The request field each column fills. */
const FIELD_OF: Record<Column, string> = {
  name: 'name',
  email: 'email',
  role: 'role',
  phone: 'phone',
  language: 'language',
  institution_id: 'institutionId',
};

/** The records with the file line each ends on, for the per-row answer. */
function readCsv(text: string): { record: string[]; line: number }[] {
  try {
    const parsed = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    });
    return (parsed as unknown as { record: string[]; info: { lines: number } }[]).map(({ record, info }) => ({
      record,
      line: info.lines,
    }));
  } catch (error) {
    throw new ApiError('bad_request', `The file is not readable as CSV: ${(error as Error).message}`);
  }
}

function columnsOf(header: string[]): Column[] {
  const columns = header.map((name) => name.toLowerCase().replace(/\s+/g, '_'));
  const unknown = columns.filter((name) => !(IMPORT_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new ApiError(
      'bad_request',
      `Unknown column ${unknown.map((name) => `"${name}"`).join(', ')}: use ${IMPORT_COLUMNS.join(', ')}.`,
    );
  }
  const missing = REQUIRED_IMPORT_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    throw new ApiError('bad_request', `The header row lacks ${missing.join(', ')}.`);
  }
  return columns as Column[];
}

/** A refused row: its reason for the officer's screen, and its English for other readers. */
function refusedRow(line: number, email: string, field: string, why: Reason): ImportRowResult {
  return { line, email, ok: false, field, message: englishOf(why), reason: why };
}
export function registerPeopleImportRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.post(PEOPLE_API_PATHS.import, async (request): Promise<PeopleImportResponse> => {
    const { user: officer } = requireOfficer(request);
    if (typeof request.body !== 'string') {
      throw new ApiError('bad_request', 'Send the CSV file itself, with content-type text/csv.');
    }
    const [header, ...rows] = readCsv(request.body);
    if (!header)
      throw new ApiError('bad_request', 'The file is empty: it needs a header row and a row per person.');
    const columns = columnsOf(header.record);
    if (rows.length === 0) throw new ApiError('bad_request', 'The file has a header row but nobody in it.');
    if (rows.length > MAX_IMPORT_ROWS) {
      throw new ApiError('payload_too_large', `Import at most ${MAX_IMPORT_ROWS} people at a time.`);
    }

    const origin = originOf(ctx, request);
    // One row after another, each mailed once it exists (PE-10).
    const send = ctx.mailer?.series();
    const results: ImportRowResult[] = [];
    for (const { record: row, line } of rows) {
      const input: Record<string, string> = {};
      columns.forEach((column, at) => {
        const value = row[at] ?? '';
        if (value !== '') input[FIELD_OF[column]] = value;
      });
      const email = input.email ?? '';
      const checked = checkNewPerson(input);
      if (!checked.ok) {
        const { field, reason } = checked;
        results.push({ line, email, ok: false, field, message: englishOf(reason), reason });
        continue;
      }
      const added = await addPerson(ctx.storage, checked.value, officer.id, origin, ctx.now());
      if (!added.ok) {
        results.push(
          added.reason === 'institution_unknown'
            ? refusedRow(line, email, 'institutionId', unknownInstitutionReason(checked.value.institutionId!))
            : refusedRow(line, email, 'email', emailTakenReason(email)),
        );
        continue;
      }
      const invitationEmail = await emailInvitation(request, send, {
        person: added.person,
        officer,
        link: added.invitation,
      });
      results.push({
        line,
        email,
        ok: true,
        person: toPerson({ ...added.person, deactivatedAt: null, hasPassword: false }),
        invitation: added.invitation,
        ...(invitationEmail ? { invitationEmail } : {}),
      });
    }
    const created = results.filter((result) => result.ok).length;
    return { created, refused: results.length - created, results };
  });
}
