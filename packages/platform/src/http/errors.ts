import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../i18n.ts';

/** The one error body shape of the API. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
}

export function apiError(statusCode: number, message: string): ApiError {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}

/** An error to throw from a handler: its status and French message reach the client as they are. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
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
const FRAMEWORK_MESSAGES: Record<string, () => string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () => t('errors.malformedJson'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => t('errors.malformedJson'),
  FST_ERR_CTP_BODY_TOO_LARGE: () => t('errors.tooLarge'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => t('errors.unsupportedMediaType'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => t('errors.badRequest'),
  FST_ERR_BAD_URL: () => t('errors.badEncoding'),
  FST_ERR_MAX_PARAM_LENGTH: () => t('errors.badRequest'),
};

// PostgreSQL rejects NUL bytes and invalid byte sequences in text: that is bad input, not a server fault.
const PG_BAD_INPUT = new Set(['22021', '22P05']);

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  let body: ApiError;
  if (err.validation) {
    body = apiError(400, validationMessage(err));
  } else if (err.code && FRAMEWORK_MESSAGES[err.code]) {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
    body = apiError(status, FRAMEWORK_MESSAGES[err.code]());
  } else if (err instanceof SyntaxError) {
    // A JSON parser that is not Fastify's (e.g. a plugin's) still means a malformed body.
    body = apiError(400, t('errors.malformedJson'));
  } else if (err.code && PG_BAD_INPUT.has(err.code)) {
    body = apiError(400, t('errors.badEncoding'));
  } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    // Thrown on purpose by our code (HttpError, rate limit): its message is meant for the user.
    body = apiError(err.statusCode, err.message);
  } else {
    const statusCode = err.statusCode && err.statusCode >= 500 && err.statusCode < 600 ? err.statusCode : 500;
    // Logged with the safe serializers: route pattern, no query string, no body.
    req.log.error({ err, req }, 'request failed');
    body = apiError(statusCode, statusCode === 503 ? t('errors.unavailable') : t('errors.internal'));
  }
  return reply.code(body.statusCode).type('application/json; charset=utf-8').send(body);
}
