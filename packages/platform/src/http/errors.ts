import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { t } from '../i18n.ts';

/**
 * The one error body of the API: a stable machine-readable `code` (clients branch on it, it never
 * changes with the wording) and a French `message` meant for people.
 */
export interface ApiError {
  statusCode: number;
  code: string;
  message: string;
}

/** The zod schema of ApiError, for the `response` of every route (OpenAPI and serialisation). */
export const errorBodySchema = z
  .object({
    statusCode: z.number().int(),
    code: z.string().describe('Code stable de l’erreur (ex. « not_found », « validation_error »)'),
    message: z.string().describe('Message en français'),
  })
  .describe('Erreur');

/** Codes used when a thrower gives none: one per HTTP status. */
const DEFAULT_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  423: 'locked',
  429: 'rate_limited',
  431: 'headers_too_large',
  500: 'internal_error',
  503: 'unavailable',
};

export function defaultErrorCode(statusCode: number): string {
  return DEFAULT_CODES[statusCode] ?? (statusCode >= 500 ? 'internal_error' : 'bad_request');
}

export function apiError(statusCode: number, message: string, code = defaultErrorCode(statusCode)): ApiError {
  return { statusCode, code, message };
}

/**
 * An error to throw from a handler or a page loader: its status, code and French message reach the
 * client as they are. `retryAfterSeconds` adds a Retry-After header (429, 503).
 */
export class HttpError extends Error {
  readonly code: string;
  constructor(
    readonly statusCode: number,
    message: string,
    code?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'HttpError';
    this.code = code ?? defaultErrorCode(statusCode);
  }
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function validationMessage(err: FastifyError): string {
  const issue = (err.validation?.[0] ?? {}) as ValidationIssue;
  // "/filters/0/code" → "filters.0.code"; an empty path means the whole querystring/body/params.
  const path = (issue.instancePath ?? '').split('/').filter(Boolean).join('.');
  const field = path || (issue.params?.missingProperty as string | undefined) || err.validationContext || 'requête';
  return t('errors.validation', { field, message: issue.message ?? t('errors.badRequest') });
}

// Fastify's own 4xx messages are English and sometimes echo the input: replace them by ours.
const FRAMEWORK_MESSAGES: Record<string, [code: string, message: () => string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['malformed_json', () => t('errors.malformedJson')],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['malformed_json', () => t('errors.malformedJson')],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', () => t('errors.tooLarge')],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', () => t('errors.unsupportedMediaType')],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad_request', () => t('errors.badRequest')],
  FST_ERR_BAD_URL: ['bad_encoding', () => t('errors.badEncoding')],
};

/** A path parameter longer than any id: no resource can match it. */
const NOT_FOUND_CODES = new Set(['FST_ERR_MAX_PARAM_LENGTH']);

// PostgreSQL rejects NUL bytes and invalid byte sequences in text: that is bad input, not a server fault.
const PG_BAD_INPUT = new Set(['22021', '22P05']);

/** Maps any error to the API's error body; logs the unexpected ones (stack, never the input). */
export function toApiError(err: FastifyError, req: FastifyRequest): ApiError {
  if (err instanceof HttpError) return apiError(err.statusCode, err.message, err.code);
  if (err.validation) return apiError(400, validationMessage(err), 'validation_error');
  if (err.code && NOT_FOUND_CODES.has(err.code))
    return apiError(404, t('errors.notFound', { method: req.method, route: req.url.split('?')[0].slice(0, 120) }));
  if (err.code && FRAMEWORK_MESSAGES[err.code]) {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
    const [code, message] = FRAMEWORK_MESSAGES[err.code];
    return apiError(status, message(), code);
  }
  // A JSON parser that is not Fastify's (e.g. a plugin's) still means a malformed body.
  if (err instanceof SyntaxError) return apiError(400, t('errors.malformedJson'), 'malformed_json');
  if (err.code && PG_BAD_INPUT.has(err.code)) return apiError(400, t('errors.badEncoding'), 'bad_encoding');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    // A plugin's own 4xx (static files, multipart...): its message is English and may quote the
    // input; ours says the same in French.
    const key = `errors.status.${err.statusCode}`;
    const message = t(key);
    return apiError(err.statusCode, message === key ? t('errors.badRequest') : message);
  }
  const statusCode = err.statusCode && err.statusCode >= 500 && err.statusCode < 600 ? err.statusCode : 500;
  // Logged with the safe serializers: route pattern, no query string, no body; the stack for debugging.
  req.log.error({ err, req }, 'request failed');
  return apiError(statusCode, statusCode === 503 ? t('errors.unavailable') : t('errors.internal'));
}

/**
 * Renders an error for a browser page request as an HTML page (set by the web front end); when absent
 * or for API requests, errors are JSON.
 */
export type HtmlErrorRenderer = (req: FastifyRequest, reply: FastifyReply, error: ApiError) => unknown;

declare module 'fastify' {
  interface FastifyInstance {
    htmlErrorRenderer?: HtmlErrorRenderer;
  }
}

/** A request for a page (not the API, not a probe) from a client that reads HTML. */
export function wantsHtml(req: FastifyRequest): boolean {
  const path = req.url.split('?')[0];
  if (path === '/api' || path.startsWith('/api/') || path === '/healthz' || path === '/readyz') return false;
  return String(req.headers.accept ?? '').includes('text/html');
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const body = toApiError(err, req);
  const retryAfter = err instanceof HttpError ? err.retryAfterSeconds : undefined;
  if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
  const render = req.server.htmlErrorRenderer;
  if (render && wantsHtml(req)) return render(req, reply, body);
  return reply.code(body.statusCode).type('application/json; charset=utf-8').send(body);
}
