import { pino, stdSerializers, type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { FastifyReply, FastifyRequest } from 'fastify';

export type Logger = PinoLogger;

export interface LoggerOptions {
  level?: string;
  /** Where JSON lines go; defaults to stdout. Tests pass a capturing stream. */
  destination?: DestinationStream;
}

/**
 * Request serializer: the route *pattern* (`/api/annuaire/fiches/:id`), never the URL actually
 * requested, because its query string and path parameters can carry what a person typed
 * (a search for their own situation is personal data). No IP, no headers, no body.
 */
function serializeRequest(req: FastifyRequest) {
  return { method: req.method, route: routeOf(req) };
}

function serializeReply(reply: FastifyReply) {
  return { statusCode: reply.statusCode, route: reply.request ? routeOf(reply.request) : undefined };
}

/** Unmatched requests (404, bad URL) have no pattern; their raw path is as personal as a query, so it is not logged. */
export function routeOf(req: FastifyRequest): string {
  try {
    return req.routeOptions?.url ?? '<unmatched>';
  } catch {
    // Requests rejected before routing (malformed URL) have no route context at all.
    return '<unmatched>';
  }
}

/**
 * Errors keep their type, code, message and stack for debugging, but not their other properties
 * (PostgreSQL errors carry `detail` with row values). PostgreSQL data exceptions (SQLSTATE class 22)
 * quote the offending input in their message: those quotes are blanked.
 */
function serializeError(err: Error) {
  const s = stdSerializers.err(err);
  const code = (err as { code?: unknown }).code;
  const isPgDataError = typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
  const redact = (text: string | undefined) => (isPgDataError && text ? text.replace(/"[^"]*"/g, '"…"') : text);
  return { type: s.type, message: redact(s.message), stack: redact(s.stack), code };
}

export const logSerializers = { req: serializeRequest, res: serializeReply, err: serializeError };

export function createLogger(opts: LoggerOptions = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: { pid: process.pid },
      serializers: logSerializers,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination,
  );
}
