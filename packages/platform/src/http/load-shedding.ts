/**
 * Load shedding: past a limit, a request is answered 503 with Retry-After at once rather than queued
 * for seconds. Two signals: requests in flight (a bounded queue of concurrent work), and the event
 * loop's delay (@fastify/under-pressure: when the process is already late, more work only makes every
 * answer later). Probes and static files are never shed.
 */
import type { FastifyInstance } from 'fastify';
import underPressure from '@fastify/under-pressure';
import { t } from '../i18n.ts';
import { HttpError } from './errors.ts';

export interface LoadSheddingOptions {
  /** Requests handled at once; 0 = no limit. */
  maxInFlight: number;
  /** Event loop delay (ms) past which new requests are refused; 0 = not checked. */
  maxEventLoopDelayMs: number;
  /** Whether a request may be shed (probes and static files are not). */
  sheddable: (url: string) => boolean;
}

const RETRY_AFTER_SECONDS = 1;

export function registerLoadShedding(app: FastifyInstance, opts: LoadSheddingOptions): void {
  let inFlight = 0;
  const counted = new WeakSet<object>();
  const release = async (req: { raw: object }) => {
    if (counted.delete(req.raw)) inFlight--;
  };
  app.addHook('onRequest', async (req) => {
    if (!opts.maxInFlight || !opts.sheddable(req.url)) return;
    if (inFlight >= opts.maxInFlight) throw new HttpError(503, t('errors.overloaded'), 'overloaded', RETRY_AFTER_SECONDS);
    inFlight++;
    counted.add(req.raw);
  });
  // Counted until the answer is sent, or the client went away.
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);

  if (opts.maxEventLoopDelayMs > 0) {
    app.register(underPressure, {
      maxEventLoopDelay: opts.maxEventLoopDelayMs,
      retryAfter: RETRY_AFTER_SECONDS,
      pressureHandler: (req, _reply, type) => {
        if (!opts.sheddable(req.url)) return undefined;
        req.log.warn({ pressure: type }, 'load shed');
        throw new HttpError(503, t('errors.overloaded'), 'overloaded', RETRY_AFTER_SECONDS);
      },
    });
  }
}
