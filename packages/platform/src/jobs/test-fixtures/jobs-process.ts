/**
 * One process of the suite, for the multi-process job tests, built on the platform's public API only:
 *   web     — enqueues and reads jobs, runs none (JOBS_WORKER=false behind workers), PostgreSQL;
 *   worker  — `runWorker`, as `eig worker` does, PostgreSQL;
 *   pglite  — a server on PGlite, which works its own jobs.
 * The test drives it over the IPC channel: { op, args } → { reqId, result | error }.
 * Run with `node --conditions=eig-source --import tsx jobs-process.ts <role>`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createJobQueue, createLogger, openDb, runWorker, type Db, type JobDefinition, type JobQueue } from '@eig/platform';

const role = process.argv[2] as 'web' | 'worker' | 'pglite';
const config = { databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR ?? '' };
const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr });
const FAST = { pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, progressIntervalMs: 50 };
const TIMEOUT = Number(process.env.JOB_TIMEOUT_SECONDS ?? 30);

/**
 * The test job: records each attempt, reports progress, waits until the test opens its gate, then
 * writes its effect under a unique key — a second execution of the same job would fail loudly there.
 */
function handlerFor(db: Db): JobDefinition['handler'] {
  return async (payload, job) => {
    const { key } = payload as { key: string };
    await db.query('INSERT INTO test_attempts (job_id, attempt, pid) VALUES ($1, $2, $3)', [job.id, job.attempt, process.pid]);
    job.progress(1, 2, 'en attente');
    while ((await db.query('SELECT 1 FROM test_gates WHERE key = $1', [key])).rows.length === 0) {
      if (job.signal.aborted) throw job.signal.reason;
      await sleep(50);
    }
    await db.query('INSERT INTO test_effects (key, job_id, pid) VALUES ($1, $2, $3)', [key, job.id, process.pid]);
    job.progress(2, 2, 'fini');
  };
}

const definitions = (db: Db): JobDefinition[] => [
  { name: 'test.effect', timeoutSeconds: TIMEOUT, retry: { limit: 2, delaySeconds: 0, backoff: false }, handler: handlerFor(db) },
  {
    name: 'test.parallel',
    concurrency: 2,
    exclusive: false,
    timeoutSeconds: TIMEOUT,
    retry: { limit: 2, delaySeconds: 0, backoff: false },
    handler: handlerFor(db),
  },
];

const db = await openDb(config, log);
let queue: JobQueue;
let stop: () => Promise<void>;

if (role === 'worker') {
  const worker = await runWorker({
    config,
    log,
    db,
    definitions: definitions(db),
    graceMs: Number(process.env.GRACE_MS ?? 0),
    queueOptions: FAST,
  });
  queue = worker.queue;
  stop = worker.stop;
  void worker.stopped.then(async () => {
    await db.close();
    process.exit(0);
  });
} else {
  if (role === 'pglite') {
    await db.exec(`
      CREATE TABLE IF NOT EXISTS test_attempts (job_id text NOT NULL, attempt int NOT NULL, pid int NOT NULL, at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE IF NOT EXISTS test_effects (key text PRIMARY KEY, job_id text NOT NULL, pid int NOT NULL);
      CREATE TABLE IF NOT EXISTS test_gates (key text PRIMARY KEY);
    `);
  }
  queue = await createJobQueue(db, config, { ...FAST, log, work: role === 'pglite' });
  for (const d of definitions(db)) queue.register(d);
  stop = () => queue.close();
  process.on('SIGTERM', () => {
    void stop()
      .then(() => db.close())
      .then(() => process.exit(0));
  });
}

process.on('message', (msg: { reqId: number; op: 'enqueue' | 'get' | 'list'; args: unknown[] }) => {
  const run = async () => {
    if (msg.op === 'enqueue') return queue.enqueue(...(msg.args as [string, unknown]));
    if (msg.op === 'get') return queue.get(msg.args[0] as string);
    return queue.list(msg.args[0] as object);
  };
  run().then(
    (result) => process.send!({ reqId: msg.reqId, result: result ?? null }),
    (err: Error) => process.send!({ reqId: msg.reqId, error: err.message }),
  );
});
// The test process is gone (crashed, killed): do not linger.
process.on('disconnect', () => process.exit(1));
process.send!({ ready: true, pid: process.pid });
