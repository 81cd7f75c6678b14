/** Shared rules of `Db.listen` / `Db.notify`, the same on PGlite and PostgreSQL. */
import type { Logger } from '../log.ts';
import type { NotificationListener } from './types.ts';

// LISTEN takes an identifier, not a parameter: only plain lowercase names, so that it needs no
// quoting and means the same thing to PostgreSQL, PGlite (which lowercases names) and pg_notify().
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

// PostgreSQL's limit is 8,000 bytes per payload.
const MAX_PAYLOAD_BYTES = 7_999;

export function checkChannel(channel: string): string {
  if (!CHANNEL.test(channel)) {
    throw new Error(`Canal de notification invalide « ${channel} » : lettres minuscules, chiffres et _ seulement (63 au plus)`);
  }
  return channel;
}

export function checkPayload(payload: string): string {
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
    throw new Error(
      `Notification trop longue (${Buffer.byteLength(payload)} octets, 8 000 au plus) : envoyez un identifiant, pas le document`,
    );
  }
  return payload;
}

/** A listener that throws is logged, and neither stops the others nor crashes the process. */
export function guardListener(fn: NotificationListener, channel: string, log?: Logger): NotificationListener {
  return (payload) => {
    try {
      fn(payload);
    } catch (err) {
      log?.error({ err, channel }, 'notification listener failed');
    }
  };
}
