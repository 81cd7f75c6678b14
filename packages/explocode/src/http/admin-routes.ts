import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError, requireRole, type JobQueue, type JobStatus } from '@eig/platform';
import { INGEST_JOB, type ExplocodeRuntime } from '../runtime.ts';
import { errorBody } from './schemas.ts';

/**
 * ExploCode administration (role `admin`): start an ingest, follow it, see the datasets. The
 * session, roles and CSRF checks come from the platform's auth plugin.
 */

const tags = ['ExploCode — administration'];
const JOBS_SHOWN = 20;

const ingestBody = z
  .object({ force: z.boolean().default(false).describe('Réimporter même si les paquets n’ont pas changé') })
  .default({ force: false });

const job = z.object({
  id: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.object({ done: z.number(), total: z.number(), message: z.string() }),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

const dataset = z.object({
  id: z.number(),
  version: z.string(),
  status: z.string(),
  counts: z.record(z.string(), z.number()),
  error: z.string().nullable(),
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
});

const iso = (d: Date | string | undefined) => (d ? new Date(d).toISOString() : null);
const toJob = (j: JobStatus): z.infer<typeof job> => ({
  id: j.id,
  state: j.state,
  progress: j.progress,
  error: j.error ?? null,
  createdAt: iso(j.createdAt)!,
  finishedAt: iso(j.finishedAt),
});

const errors = { 401: errorBody, 403: errorBody };

export async function explocodeAdminRoutes(app: FastifyInstance, runtime: ExplocodeRuntime, jobs: JobQueue): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = requireRole('admin');

  r.post(
    '/admin/ingest',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Lancer une ingestion (tâche de fond) ; renvoie l’identifiant de la tâche',
        body: ingestBody,
        response: { 202: z.object({ jobId: z.string() }), 409: errorBody, ...errors },
      },
    },
    async (req, reply) => {
      const pending = (await jobs.list(INGEST_JOB)).find((j) => j.state === 'queued' || j.state === 'running');
      if (pending) throw new HttpError(409, 'Une ingestion est déjà en attente ou en cours : attendez qu’elle se termine.');
      const jobId = await jobs.enqueue(INGEST_JOB, { force: req.body.force });
      req.log.info({ service: 'explocode', event: 'ingest_requested', jobId, userId: req.user?.id, force: req.body.force }, 'ingest requested');
      return reply.code(202).send({ jobId });
    },
  );

  r.get(
    '/admin/jobs',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Les ingestions récentes, avec leur état et leur avancement',
        response: { 200: z.object({ jobs: z.array(job), running: z.boolean() }), ...errors },
      },
    },
    async () => {
      const list = (await jobs.list(INGEST_JOB)).slice(0, JOBS_SHOWN).map(toJob);
      return { jobs: list, running: list.some((j) => j.state === 'queued' || j.state === 'running') };
    },
  );

  r.get(
    '/admin/datasets',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Les jeux de données (le plus récent en premier) et celui qui est servi',
        response: {
          200: z.object({
            served: z.object({ id: z.number(), version: z.string(), activatedAt: z.string().nullable() }).nullable(),
            datasets: z.array(dataset),
          }),
          ...errors,
        },
      },
    },
    async () => ({
      served:
        runtime.datasetId !== null && runtime.datasetVersion
          ? { id: runtime.datasetId, version: runtime.datasetVersion, activatedAt: runtime.activatedAt }
          : null,
      datasets: await runtime.repo.datasets(),
    }),
  );
}
