/**
 * IA Flash's objects for one service context (a web process, a worker, the CLI each get theirs): the
 * analyzer (vision threads, created on first use: a worker that never analyses starts none), the
 * plate reader, the active model, and the gate that bounds the analyses waiting for a thread.
 */
import { existsSync } from 'node:fs';
import { HttpError, type ServiceContext, type ServiceStatus } from '@eig/platform';
import { createAnalyzer, type Analyzer } from './analyzer.ts';
import { activePlateReaderDir, createPlateReader, type PlateReading } from './plates/api.ts';
import { DEFAULT_MODEL_DIR } from './ml/paths.ts';
import { readManifest, type ModelManifest } from './ml/model-dir.ts';
import type { IaflashSettings } from './settings.ts';

type Ctx = ServiceContext<IaflashSettings>;

export interface ActiveModel {
  /** Row of iaflash_models, or null for the committed model / IAFLASH_MODEL_DIR. */
  id: number | null;
  name: string;
  dir: string;
  manifest: ModelManifest;
}

export interface IaFlash {
  ctx: Ctx;
  analyzer(): Promise<Analyzer>;
  plateReader(): Promise<{ readPlate(image: Uint8Array): Promise<PlateReading> }>;
  model(): Promise<ActiveModel>;
  /** Re-reads the active model and plate reader (after a training, or a NOTIFY from another process). */
  reloadModel(): Promise<ActiveModel>;
  /** Runs one analysis through the bounded gate: 503 with Retry-After when every thread is busy and the queue is full. */
  gate<T>(fn: () => Promise<T>): Promise<T>;
  readonly inflight: number;
  readonly started: boolean;
  error: string | null;
  stopListening: (() => Promise<void>) | null;
  close(): Promise<void>;
}

const byContext = new WeakMap<Ctx, IaFlash>();

export async function resolveActiveModel(ctx: Ctx): Promise<ActiveModel> {
  const { rows } = await ctx.db.query<{ id: string; name: string; dir: string | null }>(
    `SELECT id, name, dir FROM iaflash_models WHERE active AND status = 'ready' LIMIT 1`,
  );
  const row = rows[0];
  if (row?.dir && existsSync(`${row.dir}/model.json`))
    return { id: Number(row.id), name: row.name, dir: row.dir, manifest: readManifest(row.dir) };
  const dir = ctx.settings.IAFLASH_MODEL_DIR ?? DEFAULT_MODEL_DIR;
  const name = ctx.settings.IAFLASH_MODEL_DIR ? `Modèle de ${dir}` : 'Modèle livré avec la suite (21 modèles de véhicules)';
  return { id: null, name, dir, manifest: readManifest(dir) };
}

export function iaflashFor(ctx: Ctx): IaFlash {
  const existing = byContext.get(ctx);
  if (existing) return existing;
  let analyzer: Promise<Analyzer> | null = null;
  let reader: ReturnType<typeof createPlateReader> | null = null;
  let active: Promise<ActiveModel> | null = null;
  let inflight = 0;
  const limit = ctx.settings.IAFLASH_THREADS + ctx.settings.IAFLASH_QUEUE;
  const policy = ctx.settings.IAFLASH_THRESHOLD ? { threshold: ctx.settings.IAFLASH_THRESHOLD } : undefined;

  const model = () => (active ??= resolveActiveModel(ctx).catch((err) => ((active = null), Promise.reject(err))));
  const ia: IaFlash = {
    ctx,
    model,
    async reloadModel() {
      active = null;
      reader = null;
      const m = await model();
      if (analyzer) await (await analyzer).useModel(m.dir);
      return m;
    },
    analyzer() {
      analyzer ??= model()
        .then((m) => createAnalyzer({ modelDir: m.dir, workers: ctx.settings.IAFLASH_THREADS, policy }))
        .then(
          (a) => ((ia.error = null), a),
          (err: unknown) => {
            analyzer = null;
            ia.error = err instanceof Error ? err.message : String(err);
            throw new HttpError(503, 'Le moteur d’analyse d’IA Flash n’a pas pu démarrer.', 'iaflash.engine_unavailable', 30);
          },
        );
      return analyzer;
    },
    plateReader() {
      reader ??= model().then((m) => createPlateReader(activePlateReaderDir(ctx.config.dataDir, m.dir)));
      return reader;
    },
    async gate(fn) {
      if (inflight >= limit) throw new HttpError(503, 'IA Flash est très sollicité : réessayez dans quelques secondes.', 'iaflash.busy', 5);
      inflight++;
      try {
        return await fn();
      } finally {
        inflight--;
      }
    },
    get inflight() {
      return inflight;
    },
    get started() {
      return analyzer !== null;
    },
    error: null,
    stopListening: null,
    async close() {
      const a = analyzer;
      analyzer = null;
      await (await a?.catch(() => null))?.close();
    },
  };
  byContext.set(ctx, ia);
  return ia;
}

export function existingIaflash(ctx: Ctx): IaFlash | undefined {
  return byContext.get(ctx);
}

export async function iaflashStatus(ctx: Ctx): Promise<ServiceStatus> {
  const ia = iaflashFor(ctx);
  const { rows } = await ctx.db.query<{ open: string; pending: string }>(
    `SELECT (SELECT count(*) FROM iaflash_flags WHERE status = 'open') AS open,
            (SELECT count(*) FROM iaflash_analyses WHERE status = 'pending') AS pending`,
  );
  let model: ActiveModel | null = null;
  let modelError: string | null = null;
  try {
    model = await ia.model();
  } catch (err) {
    modelError = err instanceof Error ? err.message : String(err);
  }
  const problem = modelError ?? ia.error;
  return {
    ready: problem === null,
    message: problem ? `Modèle ou moteur d’analyse indisponible : ${problem}` : null,
    progress: null,
    details: {
      model: model ? { id: model.id, name: model.name, classes: model.manifest.classes.length } : null,
      engine: { started: ia.started, inflight: ia.inflight, threads: ctx.settings.IAFLASH_THREADS },
      flagsOpen: Number(rows[0].open),
      pendingAnalyses: Number(rows[0].pending),
    },
  };
}
