/** Job handlers: batch checks (a few photos each), training, the retention purge. */
import path from 'node:path';
import type { JobContext, ServiceContext, ServiceJob } from '@eig/platform';
import { iaflashFor } from '../context.ts';
import { IaflashError } from '../io/errors.ts';
import { train } from '../ml/train.ts';
import type { IaflashSettings } from '../settings.ts';
import { IaflashService } from './api.ts';
import { CHECK_JOB, PURGE_JOB, TRAIN_JOB } from './jobs.ts';

type Ctx = ServiceContext<IaflashSettings>;

const idsOf = (payload: unknown): number[] => {
  const p = payload as { ids?: unknown };
  return Array.isArray(p?.ids) ? p.ids.filter((x): x is number => Number.isSafeInteger(x)) : [];
};

export async function runCheck(payload: unknown, job: JobContext, ctx: Ctx) {
  const api = new IaflashService(iaflashFor(ctx));
  const ids = idsOf(payload);
  job.progress(0, ids.length, 'Analyse des photos');
  return api.processPending(ids, { signal: job.signal, onProgress: (d, t) => job.progress(d, t, `${d} / ${t} photos analysées`) });
}

export async function runTraining(payload: unknown, job: JobContext, ctx: Ctx) {
  const { modelId, labelsCsv } = payload as { modelId: number; labelsCsv: string };
  const ia = iaflashFor(ctx);
  const outDir = path.join(ctx.config.dataDir, 'iaflash', 'models', String(modelId));
  try {
    const res = await train({
      labelsCsv,
      outDir,
      workers: ctx.settings.IAFLASH_THREADS,
      cacheDir: path.join(ctx.config.dataDir, 'iaflash', 'features-cache'),
      signal: job.signal,
      onProgress: (p) => job.progress(p.done, p.total, p.message),
    });
    await ctx.db.query(
      `UPDATE iaflash_models SET status = 'ready', dir = $2, manifest = $3, finished_at = now(), error = NULL WHERE id = $1`,
      [modelId, outDir, JSON.stringify(res.manifest)],
    );
    await new IaflashService(ia).activate(modelId);
    return { modelId, top1: res.validation?.top1 ?? null, top5: res.validation?.top5 ?? null };
  } catch (err) {
    // Bad labels or photos: the job ends (a retry would fail the same way), the model says why.
    if (err instanceof IaflashError) {
      await ctx.db.query(`UPDATE iaflash_models SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [
        modelId,
        err.message,
      ]);
      return { modelId, error: err.message };
    }
    await ctx.db.query(`UPDATE iaflash_models SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [
      modelId,
      'L’entraînement a échoué (voir les tâches de fond).',
    ]);
    throw err;
  }
}

export const iaflashJobs: ServiceJob<IaflashSettings>[] = [
  {
    name: CHECK_JOB,
    // Two chunks at once per process: they share the vision threads, and one runs while the queue
    // polls for the next (pg-boss idles about 2 s after a short job).
    concurrency: 2,
    exclusive: false,
    retry: { limit: 3, delaySeconds: 10, backoff: true },
    timeoutSeconds: 1800,
    handler: runCheck,
  },
  {
    name: TRAIN_JOB,
    concurrency: 1,
    exclusive: true,
    retry: { limit: 0 },
    timeoutSeconds: 6 * 3600,
    handler: runTraining,
  },
  {
    name: PURGE_JOB,
    schedule: '17 3 * * *',
    timeoutSeconds: 600,
    handler: async (_payload, _job, ctx) => new IaflashService(iaflashFor(ctx)).purge(),
  },
];
