/**
 * Open Justice plugs into the suite through this module: pseudonymisation engine (src/index.ts,
 * used through engine threads), review workflow, open-data export. The engine's own API stays
 * importable as `@eig/openjustice/engine`.
 */
import { defineService, type ServiceJob, type Stand } from '@eig/platform';
import { migrations } from './db/migrations.ts';
import { settingsSchema, type OpenJusticeSettings } from './settings.ts';
import { existingOpenJustice, openJusticeFor, openJusticeStatus } from './context.ts';
import { OpenJusticeApi } from './http/api.ts';
import { openJusticeRoutes } from './http/routes.ts';
import { annotateBatch, payloadIds, sweepLoaded } from './service/annotation.ts';
import { ANNOTATE_BATCH_JOB, ANNOTATE_JOB, SWEEP_JOB } from './service/jobs.ts';
import { openJusticeCli } from './cli/commands.ts';
import { openJusticeWeb } from './web/pages.ts';
import { ADMIN_ROLE, AGENT_ROLE } from './review/workflow.ts';

const fmt = new Intl.NumberFormat('fr-FR');

/** Annotation jobs: several at once per process, and across `eig worker` processes on PostgreSQL. */
const annotationJob = (name: string): ServiceJob<OpenJusticeSettings> => ({
  name,
  concurrency: 2,
  exclusive: false,
  retry: { limit: 3, delaySeconds: 15, backoff: true },
  timeoutSeconds: 1800,
  handler: (payload, job, ctx) =>
    annotateBatch({ db: ctx.db, engine: openJusticeFor(ctx).engine, settings: ctx.settings, log: ctx.log }, payloadIds(payload), job),
});

const openjustice = defineService<OpenJusticeSettings>({
  id: 'openjustice',
  title: 'Open Justice',
  settings: settingsSchema,
  roles: [
    {
      id: AGENT_ROLE,
      label: 'Agent de juridiction (relecture)',
      description: 'Relit et valide la pseudonymisation des décisions qui lui sont attribuées',
    },
    {
      id: ADMIN_ROLE,
      label: 'Administrateur Open Justice',
      description: 'Importe, attribue, verrouille ; voit la file, les statistiques et le journal',
      requireTotp: true,
    },
  ],
  migrations,
  jobs: [
    annotationJob(ANNOTATE_JOB),
    annotationJob(ANNOTATE_BATCH_JOB),
    {
      name: SWEEP_JOB,
      schedule: '*/10 * * * *',
      timeoutSeconds: 300,
      async handler(_payload, _job, ctx) {
        return { requeued: await sweepLoaded(ctx.db, ctx.jobs, ctx.settings.OPENJUSTICE_BATCH_SIZE) };
      },
    },
  ],
  async routes(app, ctx) {
    await openJusticeRoutes(app, new OpenJusticeApi(openJusticeFor(ctx)), ctx.settings);
  },
  web: openJusticeWeb,
  cli: openJusticeCli,
  async start(ctx) {
    const oj = openJusticeFor(ctx);
    // The search index follows publications made by any process (a worker, another web instance).
    oj.stopListening = await ctx.db.listen('openjustice_published', () => oj.search.markDirty());
    void oj.engine.warm().then(
      () => (oj.engineError = null),
      (err: unknown) => {
        oj.engineError = err instanceof Error ? err.message : String(err);
        ctx.log.error({ err: oj.engineError }, 'engine warm-up failed');
      },
    );
  },
  async stop(ctx) {
    const oj = existingOpenJustice(ctx);
    if (!oj) return;
    await oj.stopListening?.().catch(() => undefined);
    await oj.engine.close();
  },
  status: openJusticeStatus,
  async stand(ctx): Promise<Stand> {
    const { rows } = await ctx.db.query<{ total: string; done: string }>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE status = 'done') AS done FROM openjustice_decisions`,
    );
    const total = Number(rows[0].total);
    const done = Number(rows[0].done);
    return {
      id: 'openjustice',
      title: 'Open Justice',
      tagline: 'Publier les décisions de justice sans exposer les personnes',
      description:
        'Un moteur repère les noms, adresses, dates de naissance, numéros et autres mentions identifiantes ; les agents de juridiction relisent, ' +
        'corrigent et valident dans une interface accessible ; un score de risque de réidentification oriente vers une simple ou une double relecture ; ' +
        'les décisions validées partent en open data, au format proche de Judilibre.',
      audience: 'Juridictions, agents de greffe, réutilisateurs des données judiciaires',
      href: '/openjustice',
      ready: true,
      figures: [
        { label: 'décisions importées', value: fmt.format(total) },
        { label: 'décisions publiées', value: fmt.format(done) },
      ],
    };
  },
});

export default openjustice;
export { openJusticeFor, setEngineFor } from './context.ts';
export { createEnginePool, createInlineEngine } from './engine/pool.ts';
export * from './index.ts';
