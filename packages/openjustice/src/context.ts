/**
 * Open Justice's objects for one service context (web process, worker, CLI each get theirs): the
 * engine threads, the review workflow, the open-data search. Created lazily: a worker that never
 * annotates starts no engine thread.
 */
import type { ServiceContext, ServiceStatus } from '@eig/platform';
import { createEnginePool } from './engine/pool.ts';
import type { EngineRunner } from './engine/types.ts';
import { ReviewService } from './service/review.ts';
import { PublishedSearch } from './service/opendata.ts';
import type { OpenJusticeSettings } from './settings.ts';

export interface OpenJustice {
  ctx: ServiceContext<OpenJusticeSettings>;
  engine: EngineRunner;
  review: ReviewService;
  search: PublishedSearch;
  stopListening: (() => Promise<void>) | null;
  /** Set when the engine could not be loaded (warm-up): the service is then not ready. */
  engineError: string | null;
}

const byContext = new WeakMap<ServiceContext<OpenJusticeSettings>, OpenJustice>();
/** Tests and benches may run the engine in their own way (inline, fake model). */
const engineOverrides = new WeakMap<ServiceContext<OpenJusticeSettings>, EngineRunner>();

export function setEngineFor(ctx: ServiceContext<OpenJusticeSettings>, engine: EngineRunner): void {
  engineOverrides.set(ctx, engine);
  const existing = byContext.get(ctx);
  if (existing) existing.engine = engine;
}

export function openJusticeFor(ctx: ServiceContext<OpenJusticeSettings>): OpenJustice {
  let oj = byContext.get(ctx);
  if (!oj) {
    const s = ctx.settings;
    const engine =
      engineOverrides.get(ctx) ??
      createEnginePool({ model: s.OPENJUSTICE_MODEL, threads: s.OPENJUSTICE_ENGINE_THREADS, maxQueue: s.OPENJUSTICE_ENGINE_QUEUE });
    oj = {
      ctx,
      engine,
      review: new ReviewService(ctx.db, s, ctx.log),
      search: new PublishedSearch(ctx.db, ctx.log),
      stopListening: null,
      engineError: null,
    };
    byContext.set(ctx, oj);
  }
  return oj;
}

export function existingOpenJustice(ctx: ServiceContext<OpenJusticeSettings>): OpenJustice | undefined {
  return byContext.get(ctx);
}

export async function openJusticeStatus(ctx: ServiceContext<OpenJusticeSettings>): Promise<ServiceStatus> {
  const oj = openJusticeFor(ctx);
  const { rows } = await ctx.db.query<{ status: string; n: string }>(
    'SELECT status, count(*) AS n FROM openjustice_decisions GROUP BY status',
  );
  const counts = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  // Requests work while the engine loads (the first one waits for it); only a failed load makes the service unready.
  return {
    ready: oj.engineError === null,
    message: oj.engineError
      ? `Moteur de pseudonymisation indisponible : ${oj.engineError}`
      : oj.engine.ready
        ? null
        : 'Chargement du moteur de pseudonymisation',
    progress: null,
    details: { engine: { model: oj.engine.model, ready: oj.engine.ready }, decisions: counts },
  };
}
