import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError, requireRole, type JobQueue, type JobStatus } from '@eig/platform';
import { INGEST_JOB, type ExplocodeRuntime } from '../runtime.ts';
import * as s from './schemas.ts';

/**
 * ExploCode administration (role `admin`): start an ingest, follow it, see the datasets. The
 * session, roles and CSRF checks come from the platform's auth plugin. The page of the same name
 * (web/pages.ts) reads the same functions.
 */

const tags = ['ExploCode — administration'];
const JOBS_SHOWN = 20;

const iso = (d: Date | string | undefined) => (d ? new Date(d).toISOString() : null);
const toJob = (j: JobStatus): s.AdminJob => ({
  id: j.id,
  state: j.state,
  progress: j.progress,
  error: j.error ?? null,
  createdAt: iso(j.createdAt)!,
  finishedAt: iso(j.finishedAt),
});

export class ExplocodeAdmin {
  constructor(
    private readonly runtime: ExplocodeRuntime,
    private readonly jobs: JobQueue,
  ) {}

  async ingestJobs(): Promise<s.AdminJobsResponse> {
    const list = (await this.jobs.list(INGEST_JOB)).slice(0, JOBS_SHOWN).map(toJob);
    return { jobs: list, running: list.some((j) => j.state === 'queued' || j.state === 'running') };
  }

  async datasets(): Promise<s.AdminDatasetsResponse> {
    const rt = this.runtime;
    return {
      served:
        rt.datasetId !== null && rt.datasetVersion ? { id: rt.datasetId, version: rt.datasetVersion, activatedAt: rt.activatedAt } : null,
      datasets: await rt.repo.datasets(),
    };
  }

  /** 409 while another ingest is queued or running. */
  async startIngest(force: boolean): Promise<string> {
    const pending = (await this.jobs.list(INGEST_JOB)).find((j) => j.state === 'queued' || j.state === 'running');
    if (pending)
      throw new HttpError(409, 'Une ingestion est déjà en attente ou en cours : attendez qu’elle se termine.', 'explocode.ingest_pending');
    return this.jobs.enqueue(INGEST_JOB, { force });
  }
}

export async function explocodeAdminRoutes(app: FastifyInstance, admin: ExplocodeAdmin): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const preHandler = requireRole('admin');
  const errors = { 401: s.errorBody, 403: s.errorBody };

  r.post(
    '/admin/ingest',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Lancer une ingestion (tâche de fond) ; renvoie l’identifiant de la tâche',
        body: s.ingestBody,
        response: { 202: z.object({ jobId: z.string() }), 400: s.errorBody, 409: s.errorBody, ...errors },
      },
    },
    async (req, reply) => {
      const jobId = await admin.startIngest(req.body.force);
      req.log.info({ event: 'ingest_requested', jobId, userId: req.user?.id, force: req.body.force }, 'ingest requested');
      return reply.code(202).send({ jobId });
    },
  );

  r.get(
    '/admin/jobs',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Les ingestions récentes, avec leur état et leur avancement',
        response: { 200: s.adminJobsResponse, ...errors },
      },
    },
    async () => admin.ingestJobs(),
  );

  r.get(
    '/admin/datasets',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Les jeux de données (le plus récent en premier) et celui qui est servi',
        response: { 200: s.adminDatasetsResponse, ...errors },
      },
    },
    async () => admin.datasets(),
  );
}
