/** Pull and push of one collection (SP-1 … SP-7, SP-9). */
import type { FastifyInstance } from 'fastify';
import { reason } from '../../../src/shared/reasons';
import { isCollectionName, type CollectionName } from '../../../src/shared/schemas';
import {
  DEFAULT_PULL_LIMIT,
  MAX_PULL_LIMIT,
  MAX_PUSH_DOCUMENTS,
  type PullResponse,
  type PushResponse,
  type PushRow,
} from '../../../src/shared/sync/protocol';
import { ApiError } from '../errors';
import { readableAssignmentIds, toSyncDocument } from '../sync/documents';
import { isOfficersOnly, mayEverWrite, writeRefusal } from '../../../src/shared/rules/access';
import { applyPush, onlyRepeatsServerVersions } from '../sync/push';
import { MAX_DOCUMENT_DEPTH, nestsDeeperThan } from '../sync/validation';
import { originDeviceOf, requireAuth, type ServerContext } from './context';

interface CollectionParams {
  collection: string;
}

function parseCollection(name: string): CollectionName {
  if (!isCollectionName(name)) throw new ApiError('not_found', `There is no collection "${name}".`);
  return name;
}

/** `checkpoint` is the JSON of a SyncCheckpoint; absent, empty or `null` means from the start. */
function parseCheckpoint(raw: unknown): { seq: number } | null {
  if (raw === undefined || raw === '' || raw === 'null') return null;
  let parsed: unknown;
  try {
    parsed = typeof raw === 'string' ? JSON.parse(raw) : undefined;
  } catch {
    parsed = undefined;
  }
  const seq = (parsed as { seq?: unknown } | undefined)?.seq;
  if (typeof parsed !== 'object' || parsed === null || !Number.isSafeInteger(seq) || (seq as number) < 0) {
    throw new ApiError('bad_request', 'checkpoint must be JSON like {"seq": 42}.');
  }
  return { seq: seq as number };
}

function parseLimit(raw: unknown): number {
  if (raw === undefined) return DEFAULT_PULL_LIMIT;
  const limit = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1)) throw new ApiError('bad_request', 'limit must be a positive whole number.');
  // Over the cap is not an error: the device just gets a shorter page and asks again.
  return Math.min(limit, MAX_PULL_LIMIT);
}

/** Rows that are not even shaped like PushRow are a broken client: the whole request is refused. */
function parsePushRows(body: unknown): PushRow[] {
  if (!Array.isArray(body)) throw new ApiError('bad_request', 'The body must be an array of push rows.');
  if (body.length > MAX_PUSH_DOCUMENTS) {
    throw new ApiError('payload_too_large', `Push at most ${MAX_PUSH_DOCUMENTS} documents at a time.`);
  }
  body.forEach((row: unknown, index) => {
    const doc = (row as { newDocumentState?: unknown } | null)?.newDocumentState as { id?: unknown } | null;
    const assumed = (row as { assumedMasterState?: unknown } | null)?.assumedMasterState;
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || typeof doc.id !== 'string') {
      throw new ApiError('bad_request', `Row ${index} has no newDocumentState with a string id.`);
    }
    if (
      assumed !== undefined &&
      assumed !== null &&
      (typeof assumed !== 'object' || Array.isArray(assumed))
    ) {
      throw new ApiError('bad_request', `Row ${index} has an assumedMasterState that is not an object.`);
    }
    // Before anything compares or hashes the row: those walk it recursively (SP-9).
    if (nestsDeeperThan(doc, MAX_DOCUMENT_DEPTH) || nestsDeeperThan(assumed, MAX_DOCUMENT_DEPTH)) {
      throw new ApiError(
        'bad_request',
        `Row ${index} nests more than ${MAX_DOCUMENT_DEPTH} levels deep; no document has that shape.`,
      );
    }
    const revision = (row as { assumedRevision?: unknown }).assumedRevision;
    if (revision !== undefined && (typeof revision !== 'string' || revision.length > 32)) {
      throw new ApiError('bad_request', `Row ${index} has an assumedRevision that is not a short string.`);
    }
  });
  return (body as PushRow[]).map((row) => ({
    newDocumentState: row.newDocumentState,
    assumedMasterState: row.assumedMasterState ?? undefined,
    assumedRevision: row.assumedRevision,
  }));
}

export function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: CollectionParams; Querystring: Record<string, unknown> }>(
    '/api/sync/:collection/pull',
    async (request): Promise<PullResponse> => {
      const auth = requireAuth(request);
      const collection = parseCollection(request.params.collection);
      const checkpoint = parseCheckpoint(request.query.checkpoint);
      const limit = parseLimit(request.query.limit);
      const query = {
        collection,
        afterSeq: checkpoint?.seq ?? 0,
        assignmentIds: await readableAssignmentIds(ctx.storage, auth.user, collection),
        // SP-13: what this device wrote, stored as it sent it, it holds already.
        excludeOriginDevice: originDeviceOf(request, auth),
      };
      const rows = await ctx.storage.pullDocuments({ ...query, limit });
      const last = rows.at(-1);
      const response: PullResponse = {
        documents: rows.map(toSyncDocument),
        checkpoint: last ? { seq: last.seq } : checkpoint,
      };
      // SP-14: a full page has more behind it; counted for the progress of a long first sync.
      if (last && rows.length === limit) {
        response.remaining = await ctx.storage.countPullable({ ...query, afterSeq: last.seq });
      }
      // SP-15: what the device holds of any other assignment is no longer the user's to see.
      if (query.assignmentIds !== 'all' && !isOfficersOnly(collection))
        response.readable = query.assignmentIds;
      return response;
    },
  );

  app.post<{ Params: CollectionParams }>(
    '/api/sync/:collection/push',
    async (request): Promise<PushResponse> => {
      const auth = requireAuth(request);
      const { user } = auth;
      const collection = parseCollection(request.params.collection);
      const rows = parsePushRows(request.body);
      const originDevice = originDeviceOf(request, auth);
      if (!mayEverWrite(user.role, collection)) {
        if (await onlyRepeatsServerVersions({ storage: ctx.storage, user }, collection, rows)) {
          return { conflicts: [], rejections: [] };
        }
        throw new ApiError(
          'forbidden',
          collection === 'logs'
            ? reason(/*i18n*/ 'rules.access.logsExpertOnly')
            : (writeRefusal(user, collection, undefined) ?? 'Forbidden.'),
        );
      }
      return applyPush(
        { storage: ctx.storage, user, now: ctx.now(), log: request.log, originDevice },
        collection,
        rows,
      );
    },
  );
}
