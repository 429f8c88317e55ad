/** API errors: every failure leaves the server as an ApiErrorBody with the matching status. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Reason } from '../../src/shared/reasons';
import { API_ERROR_STATUS, type ApiErrorBody, type ApiErrorCode } from '../../src/shared/sync/protocol';
import { englishOf } from './i18n/reasons';

export class ApiError extends Error {
  /** The refusal as a rule's reason, for the app to say in its user's language (issue 13). */
  readonly reason?: Reason;

  /** `message`: English words, or a rule's reason (sent as it is, with its English as the message). */
  constructor(
    readonly code: ApiErrorCode,
    message: string | Reason,
    readonly headers: Record<string, string> = {},
    /** The request field the refusal is about, when it is about one (PE-1). */
    readonly field?: string,
  ) {
    super(typeof message === 'string' ? message : englishOf(message));
    if (typeof message !== 'string') this.reason = message;
  }
  get status(): number {
    return API_ERROR_STATUS[this.code];
  }
}

export function errorBody(
  code: ApiErrorCode,
  message: string,
  field?: string,
  reason?: Reason,
): ApiErrorBody {
  return {
    error: {
      code,
      message,
      ...(field === undefined ? {} : { field }),
      ...(reason === undefined ? {} : { reason }),
    },
  };
}

const CODE_BY_STATUS: Record<number, ApiErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'gone',
  413: 'payload_too_large',
  426: 'upgrade_required',
  429: 'too_many_requests',
};

/** Maps Fastify's own errors (body parsing, limits) and ours onto the API error shape. */
export function toApiError(error: FastifyError | Error): ApiError {
  if (error instanceof ApiError) return error;
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('payload_too_large', 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError('bad_request', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError('bad_request', 'Send the request body as application/json.');
  }
  if (error instanceof SyntaxError) return new ApiError('bad_request', 'The request body is not valid JSON.');
  if (fastifyError.validation) return new ApiError('bad_request', error.message);
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return new ApiError(CODE_BY_STATUS[status] ?? 'bad_request', error.message);
  }
  return new ApiError('internal', 'Something went wrong on the server.');
}

export function sendApiError(request: FastifyRequest, reply: FastifyReply, error: FastifyError | Error) {
  const apiError = toApiError(error);
  if (apiError.code === 'internal') request.log.error({ err: error }, 'request failed');
  return reply
    .code(apiError.status)
    .headers(apiError.headers)
    .send(errorBody(apiError.code, apiError.message, apiError.field, apiError.reason));
}
