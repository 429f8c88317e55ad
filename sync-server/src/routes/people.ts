/**
 * People and invitations (docs/sync-protocol.md PE-*): officers add people, who set their own
 * password through a single-use invitation; officers reset, deactivate and reactivate them, and
 * read who did what. Everything else about a person (their records, names on what they signed)
 * is left as it is.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  checkAcceptInvitation,
  checkNewPerson,
  DEFAULT_PEOPLE_PAGE,
  INVITATION_REFUSALS,
  MAX_PEOPLE_PAGE,
  passwordProblem,
  PEOPLE_API_PATHS,
  type AuditListResponse,
  type FieldCheck,
  type InvitationEmail,
  type InvitedPersonResponse,
  type PeopleListResponse,
  type Person,
  type PersonResponse,
  unknownInstitutionReason,
  emailTakenReason,
} from '../../../src/shared/people';
import type { LoginResponse } from '../../../src/shared/sync/protocol';
import { hashPassword } from '../auth/passwords';
import { addPerson, newInvitation } from '../auth/invitations';
import { hashToken } from '../auth/tokens';
import { ApiError } from '../errors';
import type { InvitationToMail } from '../mail/invitation-mailer';
import { statusOf } from '../storage/people-audit';
import type { PersonChangeResult, StoredPerson } from '../storage/types';
import { signIn } from './auth';
import { requireAuth, type RequestAuth, type ServerContext } from './context';

const ROUTES = {
  invitation: '/api/people/:id/invitation',
  deactivate: '/api/people/:id/deactivate',
  reactivate: '/api/people/:id/reactivate',
} as const;

/** A Host header fit to build a link from; anything else needs PUBLIC_URL. */
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** PE-1: only programme officers manage people. */
export function requireOfficer(request: FastifyRequest): RequestAuth {
  const auth = requireAuth(request);
  if (auth.user.role !== 'officer') {
    throw new ApiError('forbidden', 'Only programme officers can manage people.');
  }
  return auth;
}

function valueOrRefuse<T>(check: FieldCheck<T>): T {
  if (!check.ok) throw new ApiError('bad_request', check.reason, {}, check.field);
  return check.value;
}

export function toPerson(person: StoredPerson): Person {
  return {
    id: person.id,
    email: person.email,
    name: person.name,
    role: person.role,
    institutionId: person.institutionId,
    phone: person.phone,
    language: person.language,
    status: statusOf(person),
    createdAt: person.createdAt.toISOString(),
    deactivatedAt: person.deactivatedAt?.toISOString() ?? null,
  };
}

/** Where invitation links point: PUBLIC_URL, or the origin the officer's request came to. */
export function originOf(ctx: ServerContext, request: FastifyRequest): string {
  if (ctx.publicUrl !== undefined) return ctx.publicUrl;
  if (!HOST.test(request.host)) {
    throw new ApiError('bad_request', 'The request’s Host cannot make a link; set PUBLIC_URL on the server.');
  }
  return `${request.protocol}://${request.host}`;
}

/** A whole number from the query, within bounds, or the default when absent. */
function queryNumber(request: FastifyRequest, name: string, min: number, max: number, fallback?: number) {
  const text = (request.query as Record<string, unknown>)[name];
  if (text === undefined || text === '') return fallback;
  const value = typeof text === 'string' && /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) {
    throw new ApiError('bad_request', `${name}: a whole number from ${min} to ${max}.`, {}, name);
  }
  return value;
}

/** Ends the sessions a change revoked: their next request is 401, their streams close now. */
async function endSessions(ctx: ServerContext, tokenHashes: readonly string[]): Promise<void> {
  // Every server process closes the streams of these tokens (app.ts listens for revocations).
  for (const tokenHash of tokenHashes) await ctx.storage.signal('revocations', tokenHash);
}

/**
 * PN-4: a reset or a deactivation means the person's phones may be in other hands (lost, passed
 * on): reminders stop going to them. Their next sign-in subscribes again when they turn it on.
 */
async function forgetPushDevices(ctx: ServerContext, personId: string): Promise<void> {
  await ctx.storage.deletePushSubscriptionsOf(personId);
}

function personOrRefuse(result: PersonChangeResult, id: string): StoredPerson {
  if (result.ok) return result.person;
  switch (result.reason) {
    case 'not_found':
      throw new ApiError('not_found', `There is no person with id ${id}.`);
    case 'last_officer':
      throw new ApiError(
        'conflict',
        'This is the last active programme officer: someone must be able to manage the programme. ' +
          'Add or reactivate another officer first.',
      );
    case 'deactivated':
      throw new ApiError(
        'conflict',
        'This person is deactivated. Reactivate them before sending a new invitation.',
      );
  }
}

/**
 * PE-10: emails the invitation when the server has a mail server (`send` given), and says how it
 * went; undefined when it has none. A failure is logged and answered, never thrown: the person and
 * the invitation exist whether or not the mail went out.
 */
export async function emailInvitation(
  request: FastifyRequest,
  send: ((invitation: InvitationToMail) => Promise<InvitationEmail>) | undefined,
  invitation: InvitationToMail,
): Promise<InvitationEmail | undefined> {
  if (!send) return undefined;
  const email = await send(invitation);
  if (!email.sent) request.log.warn(`Invitation email not sent: ${email.reason}`);
  return email;
}

export function registerPeopleRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(PEOPLE_API_PATHS.people, async (request): Promise<PeopleListResponse> => {
    requireOfficer(request);
    const limit = queryNumber(request, 'limit', 1, MAX_PEOPLE_PAGE, DEFAULT_PEOPLE_PAGE)!;
    const offset = queryNumber(request, 'offset', 0, Number.MAX_SAFE_INTEGER, 0)!;
    const found = await ctx.storage.listPeople({ limit: limit + 1, offset });
    return {
      people: found.slice(0, limit).map(toPerson),
      nextOffset: found.length > limit ? offset + limit : null,
    };
  });

  app.post(PEOPLE_API_PATHS.people, async (request, reply): Promise<InvitedPersonResponse> => {
    const { user: officer } = requireOfficer(request);
    const input = valueOrRefuse(checkNewPerson(request.body));
    const added = await addPerson(ctx.storage, input, officer.id, originOf(ctx, request), ctx.now());
    if (!added.ok && added.reason === 'institution_unknown') {
      throw new ApiError('bad_request', unknownInstitutionReason(input.institutionId!), {}, 'institutionId');
    }
    if (!added.ok) {
      throw new ApiError('conflict', emailTakenReason(input.email), {}, 'email');
    }
    const email = await emailInvitation(request, ctx.mailer?.send, {
      person: input,
      officer,
      link: added.invitation,
    });
    reply.code(201);
    return {
      person: toPerson({ ...added.person, deactivatedAt: null, hasPassword: false }),
      invitation: added.invitation,
      ...(email ? { email } : {}),
    };
  });

  app.post<{ Params: { id: string } }>(
    ROUTES.invitation,
    async (request, reply): Promise<InvitedPersonResponse> => {
      const { user: officer } = requireOfficer(request);
      const { id } = request.params;
      const { stored, link } = newInvitation(id, originOf(ctx, request), ctx.now());
      const result = await ctx.storage.reissueInvitation(stored, officer.id);
      const person = personOrRefuse(result, id);
      if (result.ok) {
        await endSessions(ctx, result.revokedTokenHashes);
        await forgetPushDevices(ctx, id);
      }
      const email = await emailInvitation(request, ctx.mailer?.send, { person, officer, link });
      reply.code(201);
      return { person: toPerson(person), invitation: link, ...(email ? { email } : {}) };
    },
  );

  for (const [route, active] of [
    [ROUTES.deactivate, false],
    [ROUTES.reactivate, true],
  ] as const) {
    app.post<{ Params: { id: string } }>(route, async (request): Promise<PersonResponse> => {
      const { user: officer } = requireOfficer(request);
      const { id } = request.params;
      const result = await ctx.storage.setPersonActive(id, active, ctx.now(), officer.id);
      const person = personOrRefuse(result, id);
      if (result.ok) await endSessions(ctx, result.revokedTokenHashes);
      if (result.ok && !active) await forgetPushDevices(ctx, id);
      return { person: toPerson(person) };
    });
  }

  app.post(
    PEOPLE_API_PATHS.acceptInvitation,
    { config: { public: true } },
    async (request): Promise<LoginResponse> => {
      const { code, password } = valueOrRefuse(checkAcceptInvitation(request.body));
      const codeHash = hashToken(code);
      const invitation = await ctx.storage.getInvitation(codeHash);
      const now = ctx.now();
      // A dead link is said first: a better password would not help (PE-2).
      if (!invitation) throw new ApiError('not_found', INVITATION_REFUSALS.unknown);
      if (invitation.usedAt) throw new ApiError('gone', INVITATION_REFUSALS.used);
      if (invitation.revokedAt) throw new ApiError('gone', INVITATION_REFUSALS.revoked);
      if (invitation.expiresAt.getTime() <= now.getTime())
        throw new ApiError('gone', INVITATION_REFUSALS.expired);
      const weak = passwordProblem(password);
      if (weak) throw new ApiError('bad_request', weak, {}, 'password');
      // Checked again with the write: of two acceptances at once only one wins.
      const result = await ctx.storage.acceptInvitation(codeHash, await hashPassword(password), now);
      if (!result.ok) {
        throw new ApiError(
          result.reason === 'unknown' ? 'not_found' : 'gone',
          INVITATION_REFUSALS[result.reason],
        );
      }
      return signIn(ctx, result.user);
    },
  );

  app.get(PEOPLE_API_PATHS.audit, async (request): Promise<AuditListResponse> => {
    requireOfficer(request);
    const limit = queryNumber(request, 'limit', 1, MAX_PEOPLE_PAGE, DEFAULT_PEOPLE_PAGE)!;
    const before = queryNumber(request, 'before', 1, Number.MAX_SAFE_INTEGER);
    const found = await ctx.storage.listAudit({ limit: limit + 1, ...(before ? { before } : {}) });
    const entries = found.slice(0, limit);
    return { entries, nextBefore: found.length > limit ? entries[entries.length - 1]!.id : null };
  });
}
