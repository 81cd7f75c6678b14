/**
 * ExploCode's objects for one service context: the web process, a worker and the CLI each get
 * theirs. Shared by the module (index.ts), the API routes and the pages.
 */
import type { ServiceContext, ServiceStatus } from '@eig/platform';
import { ExplocodeRuntime, INGEST_JOB, type IngestProgress } from './runtime.ts';
import { ExplocodeApi } from './http/api.ts';
import { ExplocodeAdmin } from './http/admin-routes.ts';

export interface Explocode {
  runtime: ExplocodeRuntime;
  api: ExplocodeApi;
  admin: ExplocodeAdmin;
}

const byContext = new WeakMap<ServiceContext, Explocode>();

export function explocodeFor(ctx: ServiceContext): Explocode {
  let e = byContext.get(ctx);
  if (!e) {
    const runtime = new ExplocodeRuntime(ctx);
    byContext.set(ctx, (e = { runtime, api: new ExplocodeApi(runtime), admin: new ExplocodeAdmin(runtime, ctx.jobs) }));
  }
  return e;
}

/** Only the contexts that have one (stop must not create a runtime). */
export function existingExplocode(ctx: ServiceContext): Explocode | undefined {
  return byContext.get(ctx);
}

export function preparingMessage(p: IngestProgress | null): string {
  if (!p) return 'Préparation des données';
  if (p.state === 'running') return `Préparation des données : ${p.message} (${Math.round((100 * p.done) / Math.max(1, p.total))} %)`;
  if (p.state === 'queued') return `Préparation des données : ${p.message}`;
  return 'Préparation des données';
}

/**
 * The ingest that prepares the data, wherever it runs: this process's, or else the latest ingest
 * job of the queue (another process may run it, or it may wait for the retry of an attempt whose
 * process died), so that a server that is not ready says why rather than a frozen "0 %".
 */
export async function currentIngest(ctx: ServiceContext, rt: ExplocodeRuntime): Promise<IngestProgress | null> {
  if (rt.ingest?.state === 'running') return rt.ingest;
  const jobs = await ctx.jobs.list({ name: INGEST_JOB, limit: 5 }).catch(() => []);
  const live = jobs.find((j) => j.state === 'running') ?? jobs.find((j) => j.state === 'queued');
  if (!live) return rt.ingest;
  if (live.state === 'running') {
    const { done, total, message } = live.progress;
    return { state: 'running', done: total > 0 ? done : 0, total: total > 0 ? total : 100, message: message || 'ingestion en cours' };
  }
  return {
    state: 'queued',
    done: 0,
    total: 100,
    message: live.error ? 'reprise d’une ingestion interrompue, en attente' : 'ingestion en attente',
  };
}

export async function explocodeStatus(ctx: ServiceContext): Promise<ServiceStatus> {
  const rt = explocodeFor(ctx).runtime;
  const ingest = rt.ready ? rt.ingest : await currentIngest(ctx, rt);
  return {
    ready: rt.ready,
    message: rt.ready ? null : preparingMessage(ingest),
    progress: ingest && ingest.state === 'running' ? { done: ingest.done, total: ingest.total, message: ingest.message } : null,
    details: {
      dataset: rt.datasetVersion ? { version: rt.datasetVersion, activatedAt: rt.activatedAt } : null,
      ingest,
      error: rt.lastError,
      counts: rt.ready ? await rt.repo.counts() : null,
    },
  };
}
