/**
 * The thread that runs PGlite (see pglite-worker.ts for why). It answers the main thread's requests in
 * the order PGlite runs them; PGlite itself serialises statements (it is one connection) and makes
 * every other statement wait while a transaction is open, as it does in-process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { serializeError, type Reply, type Request, type ThreadOptions } from './pglite-protocol.ts';

const port = parentPort!;
const opts = workerData as ThreadOptions;
const send = (msg: Reply) => port.postMessage(msg);

interface OpenTx {
  tx: Transaction;
  /** The transaction's statements run one after the other, and its end after the last of them. */
  chain: Promise<unknown>;
  /** The request that ends it, answered once COMMIT or ROLLBACK is done. */
  endId: number;
  finish(commit: boolean): void;
}

const ROLLBACK = Symbol('rollback');
const txs = new Map<number, OpenTx>();
/** Transactions the main thread gave up on (timeout) before PGlite started them: rolled back at once when they do. */
const abandoned = new Set<number>();
const unlisten = new Map<string, () => Promise<void>>();

let pg: PGlite;
try {
  pg = await PGlite.create(opts.dir);
} catch (err) {
  send({ type: 'open-failed', error: serializeError(err) });
  // The main thread terminates this thread; nothing else to do.
  await new Promise(() => {});
}

/**
 * Rows per message. A result travels by structured clone and is rebuilt on the main thread in one go:
 * 70,000 rows of 1 kB in one message held it for 300 to 400 ms (bench.ts); slices of this size take a
 * few ms each, and the main thread serves other requests between two slices.
 */
const ROWS_PER_MESSAGE = 1_000;

/** Large results being sent slice by slice, by request id. */
const streams = new Map<number, { rows: unknown[]; from: number; rowCount: number }>();

function ok(id: number, r?: { rows: unknown[]; rowCount?: number; affectedRows?: number }) {
  if (!r) return send({ type: 'ok', id });
  const rowCount = r.rowCount ?? r.affectedRows ?? r.rows.length;
  if (r.rows.length <= ROWS_PER_MESSAGE) return send({ type: 'ok', id, rows: r.rows, rowCount });
  streams.set(id, { rows: r.rows, from: 0, rowCount });
  more(id);
}

function more(id: number, cancel = false) {
  const s = streams.get(id);
  if (!s) return;
  if (cancel) return void streams.delete(id);
  const rest = s.rows.length - s.from;
  if (rest > ROWS_PER_MESSAGE) {
    send({ type: 'rows', id, rows: s.rows.slice(s.from, s.from + ROWS_PER_MESSAGE) });
    s.from += ROWS_PER_MESSAGE;
  } else {
    streams.delete(id);
    send({ type: 'ok', id, rows: s.rows.slice(s.from), rowCount: s.rowCount });
  }
}

const fail = (id: number, err: unknown) => send({ type: 'error', id, error: serializeError(err) });

function begin(id: number, txId: number) {
  let entry: OpenTx | undefined;
  pg.transaction(async (tx) => {
    if (abandoned.delete(txId)) throw ROLLBACK;
    await new Promise<void>((resolve, reject) => {
      entry = { tx, chain: Promise.resolve(), endId: 0, finish: (commit) => (commit ? resolve() : reject(ROLLBACK)) };
      txs.set(txId, entry);
      ok(id);
    });
  }).then(
    () => {
      txs.delete(txId);
      if (entry) ok(entry.endId);
    },
    (err: unknown) => {
      txs.delete(txId);
      if (!entry) {
        // BEGIN itself failed; an abandoned transaction has nobody waiting.
        if (err !== ROLLBACK) fail(id, err);
      } else if (err === ROLLBACK) ok(entry.endId);
      else fail(entry.endId, err);
    },
  );
}

function inTx(id: number, txId: number, run: (tx: Transaction) => Promise<void>) {
  const entry = txs.get(txId);
  if (!entry) return fail(id, new Error('Transaction inconnue ou déjà terminée'));
  const p = entry.chain.then(() => run(entry.tx));
  entry.chain = p.catch(() => undefined);
  p.catch((err: unknown) => fail(id, err));
}

async function handle(m: Request) {
  switch (m.op) {
    case 'ping':
      return send({ type: 'pong', seq: m.seq });
    case 'more':
      return more(m.id, m.cancel);
    case 'query':
      if (m.tx !== undefined) return inTx(m.id, m.tx, async (tx) => ok(m.id, await tx.query(m.sql, m.params)));
      return ok(m.id, await pg.query(m.sql, m.params));
    case 'exec':
      if (m.tx !== undefined)
        return inTx(m.id, m.tx, async (tx) => {
          await tx.exec(m.sql);
          ok(m.id);
        });
      await pg.exec(m.sql);
      return ok(m.id);
    case 'begin':
      return begin(m.id, m.tx);
    case 'end': {
      const entry = txs.get(m.tx);
      if (!entry) {
        if (m.commit) return fail(m.id, new Error('Transaction inconnue ou déjà terminée'));
        abandoned.add(m.tx);
        return ok(m.id);
      }
      entry.endId = m.id;
      entry.chain = entry.chain.then(() => entry.finish(m.commit));
      return;
    }
    case 'listen':
      if (!unlisten.has(m.channel)) {
        const stop = await pg.listen(m.channel, (payload) => send({ type: 'notification', channel: m.channel, payload: payload ?? '' }));
        unlisten.set(m.channel, stop);
      }
      return ok(m.id);
    case 'unlisten': {
      const stop = unlisten.get(m.channel);
      unlisten.delete(m.channel);
      await stop?.();
      return ok(m.id);
    }
    case 'close':
      await pg.close();
      ok(m.id);
      // Nothing more will come: let the thread end by itself once its last file writes are done, rather
      // than be terminated with requests in flight (see kill() in pglite-worker.ts).
      port.unref();
      return;
  }
}

port.on('message', (m: Request) => {
  handle(m).catch((err: unknown) => {
    if ('id' in m) fail(m.id, err);
  });
});
send({ type: 'ready' });
