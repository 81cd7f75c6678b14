/**
 * The suite administration's view of background jobs, for every service: list with live progress,
 * one job, and a retry of a failed one. Role `admin`.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth/index.ts';
import { HttpError, errorBodySchema } from '../http/errors.ts';
import type { JobQueue, JobStatus } from './types.ts';

export const jobViewSchema = z.object({
  id: z.string(),
  name: z.string().describe('Nom de la tâche, préfixé par le service (annuaire.import)'),
  service: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.object({ done: z.number(), total: z.number(), message: z.string() }),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobView = z.infer<typeof jobViewSchema>;

const iso = (d: Date | string | undefined) => (d ? new Date(d).toISOString() : null);

export function toJobView(j: JobStatus): JobView {
  return {
    id: j.id,
    name: j.name,
    service: j.name.split('.')[0],
    state: j.state,
    progress: j.progress,
    error: j.error ?? null,
    createdAt: iso(j.createdAt)!,
    finishedAt: iso(j.finishedAt),
  };
}

const JOBS_SHOWN = 50;

export async function listJobViews(jobs: JobQueue): Promise<JobView[]> {
  return (await jobs.list()).slice(0, JOBS_SHOWN).map(toJobView);
}

/** Retries a failed (or cancelled) job: the same job, one more attempt; its id stays the same. */
export async function retryJob(jobs: JobQueue, id: string): Promise<string> {
  const job = await jobs.get(id);
  if (!job) throw new HttpError(404, 'Tâche inconnue.', 'job_not_found');
  if (job.state !== 'failed') throw new HttpError(409, 'Seule une tâche échouée peut être relancée.', 'job_not_failed');
  return jobs.retry(id);
}

export async function jobAdminRoutes(app: FastifyInstance, jobs: JobQueue): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Administration'];
  const preHandler = requireRole('admin');
  const errors = { 401: errorBodySchema, 403: errorBodySchema };

  r.get(
    '/api/admin/jobs',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Les tâches de fond récentes de tous les services',
        response: { 200: z.object({ jobs: z.array(jobViewSchema) }), ...errors },
      },
    },
    async () => ({ jobs: await listJobViews(jobs) }),
  );

  r.get(
    '/api/admin/jobs/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Une tâche de fond',
        params: z.object({ id: z.string().max(100) }),
        response: { 200: jobViewSchema, 404: errorBodySchema, ...errors },
      },
    },
    async (req) => {
      const job = await jobs.get(req.params.id);
      if (!job) throw new HttpError(404, 'Tâche inconnue.', 'job_not_found');
      return toJobView(job);
    },
  );

  r.post(
    '/api/admin/jobs/:id/retry',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Relancer une tâche échouée',
        params: z.object({ id: z.string().max(100) }),
        response: { 202: z.object({ jobId: z.string() }), 404: errorBodySchema, 409: errorBodySchema, ...errors },
      },
    },
    async (req, reply) => {
      const jobId = await retryJob(jobs, req.params.id);
      req.log.info({ event: 'job_retried', jobId, userId: req.user?.id }, 'job retried');
      return reply.code(202).send({ jobId });
    },
  );
}
