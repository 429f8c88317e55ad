/**
 * The People screen's calls to the account API (docs/sync-protocol.md PE-1, PE-4…PE-6). These are
 * server calls, not replicated data: they need the network, and are kept here, in the screen's
 * own chunk, so the first screen does not carry them.
 */
import { apiBaseUrl } from '../../session/FieldbookProvider';
import {
  PEOPLE_API_PATHS,
  type AuditListResponse,
  type InvitedPersonResponse,
  type NewPersonRequest,
  type PeopleImportResponse,
  type PeopleListResponse,
  type PersonResponse,
} from '../../shared/people';
import type { ApiErrorBody } from '../../shared/sync/protocol';
import { ApiClient, ApiError } from '../../sync/api-client';

/** A refusal with the request field it is about (`error.field`, PE-1), when the server named one. */
export class PeopleApiError extends ApiError {
  constructor(
    cause: ApiError,
    readonly field: string | null,
  ) {
    super(cause.status, cause.code, cause.message, cause.reason);
  }
}

async function call<T>(
  token: string,
  path: string,
  init: { method?: string; body?: unknown; csv?: string } = {},
) {
  let field: string | null = null;
  const client = new ApiClient({
    baseUrl: apiBaseUrl(),
    token,
    // ApiError keeps the message only; the field is read here from a copy of the refusal.
    fetch: async (input, requestInit) => {
      // A CSV file goes up as it is (PE-9), not as JSON.
      const sent =
        init.csv === undefined
          ? requestInit
          : {
              ...requestInit,
              body: init.csv,
              headers: { ...(requestInit?.headers as Record<string, string>), 'content-type': 'text/csv' },
            };
      const response = await fetch(input, sent);
      if (!response.ok) {
        const body = (await response
          .clone()
          .json()
          .catch(() => null)) as Partial<ApiErrorBody> | null;
        field = body?.error?.field ?? null;
      }
      return response;
    },
  });
  try {
    return await client.request<T>(path, init);
  } catch (error) {
    throw error instanceof ApiError ? new PeopleApiError(error, field) : error;
  }
}

export function listPeople(token: string, offset = 0): Promise<PeopleListResponse> {
  const query = offset > 0 ? `?${new URLSearchParams({ offset: String(offset) })}` : '';
  return call(token, `${PEOPLE_API_PATHS.people}${query}`);
}

export function addPerson(token: string, person: NewPersonRequest): Promise<InvitedPersonResponse> {
  return call(token, PEOPLE_API_PATHS.people, { method: 'POST', body: person });
}

/** PE-4: a new invitation; their sessions end and their password is cleared. */
export function newInvitation(token: string, personId: string): Promise<InvitedPersonResponse> {
  return call(token, PEOPLE_API_PATHS.invitation(personId), { method: 'POST', body: {} });
}

/** PE-5. */
export function setPersonActive(token: string, personId: string, active: boolean): Promise<PersonResponse> {
  const path = active ? PEOPLE_API_PATHS.reactivate(personId) : PEOPLE_API_PATHS.deactivate(personId);
  return call(token, path, { method: 'POST', body: {} });
}

/** PE-9: the file's text as it is; every row comes back created or refused. */
export function importPeople(token: string, csv: string): Promise<PeopleImportResponse> {
  return call(token, PEOPLE_API_PATHS.import, { method: 'POST', body: {}, csv });
}

/** PE-6, AS-6: newest first; `before` is the page's `nextBefore`. */
export function listAudit(token: string, before?: number): Promise<AuditListResponse> {
  const query = before === undefined ? '' : `?${new URLSearchParams({ before: String(before) })}`;
  return call(token, `${PEOPLE_API_PATHS.audit}${query}`);
}
