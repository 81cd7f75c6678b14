import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { t } from '../i18n.ts';
import type { ApiError } from './errors.ts';

/**
 * Requests that Node's HTTP parser rejects before Fastify sees them (headers too large, raw bytes in
 * the request line, timeouts): answered with the API's error body in French, like every other error,
 * instead of Fastify's English default. Nothing of the request is echoed or logged.
 */
export function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has no one to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let body: ApiError;
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') body = { statusCode: 408, code: 'request_timeout', message: t('errors.timeout') };
  else if (err.code === 'HPE_HEADER_OVERFLOW') body = { statusCode: 431, code: 'headers_too_large', message: t('errors.headersTooLarge') };
  else body = { statusCode: 400, code: 'bad_request', message: t('errors.malformedRequest') };
  this.log.debug({ code: err.code }, 'client error');
  if (socket.writable) {
    const json = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${body.statusCode} ${STATUS_CODES[body.statusCode]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(err);
}
