import pg from 'pg';
import type { Logger } from '../log.ts';
import type { NotificationListener } from './types.ts';
import { checkChannel, guardListener } from './notify.ts';

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/**
 * LISTEN needs a connection of its own, kept open: a pooled connection goes back to the pool and
 * its LISTENs with it. One per process, opened at the first `listen`, shared by every channel.
 * If it drops (database restart, network), it reconnects with a growing delay and LISTENs again.
 */
export function createPgListener(connectionString: string, log?: Logger) {
  const listeners = new Map<string, Set<NotificationListener>>();
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let retryMs = RECONNECT_MIN_MS;
  let retryTimer: NodeJS.Timeout | undefined;
  let closed = false;

  function dispatch(msg: pg.Notification) {
    for (const fn of listeners.get(msg.channel) ?? []) fn(msg.payload ?? '');
  }

  function lost(c: pg.Client, err?: Error) {
    if (client !== c) return;
    client = undefined;
    c.removeAllListeners('notification');
    c.end().catch(() => undefined);
    if (closed) return;
    log?.warn({ err, retryMs }, 'LISTEN connection lost; reconnecting (notifications sent meanwhile are lost)');
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void connect().catch(() => undefined), retryMs);
    retryTimer.unref();
    retryMs = Math.min(RECONNECT_MAX_MS, retryMs * 2);
  }

  function connect(): Promise<pg.Client> {
    if (client) return Promise.resolve(client);
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString, application_name: 'eig-listen' });
      // Without an error handler, a dropped connection would crash the process.
      c.on('error', (err) => lost(c, err));
      c.on('end', () => lost(c));
      c.on('notification', dispatch);
      try {
        await c.connect();
        for (const channel of listeners.keys()) await c.query(`LISTEN ${channel}`);
      } catch (err) {
        c.removeAllListeners('notification');
        await c.end().catch(() => undefined);
        if (!closed && listeners.size > 0) {
          clearTimeout(retryTimer);
          retryTimer = setTimeout(() => void connect().catch(() => undefined), retryMs);
          retryTimer.unref();
          retryMs = Math.min(RECONNECT_MAX_MS, retryMs * 2);
        }
        throw err;
      }
      if (closed) {
        await c.end().catch(() => undefined);
        throw new Error('Base de données fermée');
      }
      client = c;
      retryMs = RECONNECT_MIN_MS;
      return c;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  return {
    async listen(channel: string, fn: NotificationListener): Promise<() => Promise<void>> {
      if (closed) throw new Error('Base de données fermée');
      checkChannel(channel);
      fn = guardListener(fn, channel, log);
      let set = listeners.get(channel);
      const first = !set;
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(fn);
      try {
        const c = await connect();
        // LISTEN is idempotent: a connection opened meanwhile may already listen to it.
        if (first) await c.query(`LISTEN ${channel}`);
      } catch (err) {
        set.delete(fn);
        if (set.size === 0) listeners.delete(channel);
        throw err;
      }
      let active = true;
      return async () => {
        if (!active) return;
        active = false;
        const s = listeners.get(channel);
        s?.delete(fn);
        if (s && s.size === 0) {
          listeners.delete(channel);
          if (client) await client.query(`UNLISTEN ${channel}`).catch(() => undefined);
        }
      };
    },
    async close(): Promise<void> {
      closed = true;
      clearTimeout(retryTimer);
      listeners.clear();
      const c = client ?? (await connecting?.catch(() => undefined));
      client = undefined;
      if (c) {
        c.removeAllListeners('notification');
        await c.end().catch(() => undefined);
      }
    },
  };
}
