/**
 * Karfu'R's objects for one service context (web process, worker, CLI each get theirs), shared by the
 * module, the API routes and the pages.
 */
import type { ServiceContext, ServiceStatus } from '@eig/platform';
import { KarfurRuntime, type KarfurSettings } from './runtime.ts';
import { KarfurApi } from './http/api.ts';
import { KarfurStaff } from './http/staff.ts';

export interface Karfur {
  runtime: KarfurRuntime;
  api: KarfurApi;
  staff: KarfurStaff;
}

const byContext = new WeakMap<ServiceContext<KarfurSettings>, Karfur>();

export function karfurFor(ctx: ServiceContext<KarfurSettings>): Karfur {
  let k = byContext.get(ctx);
  if (!k) {
    const runtime = new KarfurRuntime(ctx);
    byContext.set(ctx, (k = { runtime, api: new KarfurApi(runtime), staff: new KarfurStaff(runtime, ctx.jobs) }));
  }
  return k;
}

export function existingKarfur(ctx: ServiceContext<KarfurSettings>): Karfur | undefined {
  return byContext.get(ctx);
}

export async function karfurStatus(ctx: ServiceContext<KarfurSettings>): Promise<ServiceStatus> {
  const rt = karfurFor(ctx).runtime;
  const c = rt.catalog;
  const ready = rt.ready;
  return {
    ready,
    message: ready ? null : 'Import du contenu de départ',
    progress: null,
    details: {
      contentVersion: c?.version ?? null,
      fiches: c?.fiches.size ?? 0,
      structures: c?.structures.size ?? 0,
      searchVersion: rt.searchVersion,
      searchReady: rt.search !== null,
      error: rt.lastError,
    },
  };
}
