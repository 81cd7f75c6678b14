/**
 * ExploCode's objects for one service context: the web process, a worker and the CLI each get
 * theirs. Shared by the module (index.ts), the API routes and the pages.
 */
import type { ServiceContext, ServiceStatus } from '@eig/platform';
import { ExplocodeRuntime } from './runtime.ts';
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

export function preparingMessage(rt: ExplocodeRuntime): string {
  const p = rt.ingest;
  return p && p.state === 'running' ? `Préparation des données : ${p.message} (${Math.round((100 * p.done) / Math.max(1, p.total))} %)` : 'Préparation des données';
}

export async function explocodeStatus(ctx: ServiceContext): Promise<ServiceStatus> {
  const rt = explocodeFor(ctx).runtime;
  return {
    ready: rt.ready,
    message: rt.ready ? null : preparingMessage(rt),
    progress: rt.ingest && rt.ingest.state === 'running' ? { done: rt.ingest.done, total: rt.ingest.total, message: rt.ingest.message } : null,
    details: {
      dataset: rt.datasetVersion ? { version: rt.datasetVersion, activatedAt: rt.activatedAt } : null,
      ingest: rt.ingest,
      error: rt.lastError,
      counts: rt.ready ? await rt.repo.counts() : null,
    },
  };
}
