import { defineService, type ServiceJob, type Stand } from '@eig/platform';
import { migrations } from './db/migrations.ts';
import { explocodeRoutes } from './http/routes.ts';
import { explocodeAdminRoutes } from './http/admin-routes.ts';
import { INGEST_JOB } from './runtime.ts';
import { explocodeSettingsSchema, ingestTimeoutSeconds, type ExplocodeSettings } from './settings.ts';
import { explocodeCli } from './cli/commands.ts';
import { explocodeWeb } from './web/pages.ts';
import { currentIngest, existingExplocode, explocodeFor, explocodeStatus, preparingMessage } from './context.ts';

const fmt = new Intl.NumberFormat('fr-FR');

function ingestJob(timeoutSeconds: number): ServiceJob<ExplocodeSettings> {
  return {
    name: INGEST_JOB,
    // One ingest at a time, suite-wide: an attempt that runs knows any other 'loading' dataset is dead.
    exclusive: true,
    // A full ingest takes 20 s on an idle 2-core machine and up to 80 s on a loaded one. The timeout
    // is also how PostgreSQL finds the attempt of a process that died (kill -9): the queue fails it
    // once the timeout has passed, and a retry takes over (cleaning up what the dead one wrote).
    timeoutSeconds,
    retry: { limit: 3, delaySeconds: 5, backoff: true },
    async handler(payload, job, ctx) {
      const force = Boolean((payload as { force?: boolean } | undefined)?.force);
      await explocodeFor(ctx).runtime.ingestNow({
        force,
        progress: job.progress,
        signal: job.signal,
        owner: { jobId: job.id, attempt: job.attempt },
        subset: ctx.settings.ingestSubset,
      });
    },
  };
}

/** ExploCode plugs into the suite through this one module. */
const explocode = defineService({
  id: 'explocode',
  title: 'ExploCode',
  settings: explocodeSettingsSchema,
  migrations,
  // A getter: the ingest timeout is read from the environment when the suite declares the job.
  get jobs() {
    return [ingestJob(ingestTimeoutSeconds())];
  },
  async routes(app, ctx) {
    const { api, admin } = explocodeFor(ctx);
    await explocodeRoutes(app, api);
    await explocodeAdminRoutes(app, admin);
  },
  web: explocodeWeb,
  cli: explocodeCli,
  async start(ctx) {
    await explocodeFor(ctx).runtime.start();
  },
  async stop(ctx) {
    await existingExplocode(ctx)?.runtime.stop();
  },
  status: explocodeStatus,
  async stand(ctx): Promise<Stand> {
    const rt = explocodeFor(ctx).runtime;
    const counts = rt.ready ? await rt.repo.counts() : null;
    return {
      id: 'explocode',
      title: 'ExploCode',
      tagline: 'Du langage de tous les jours au droit du travail qui s’applique',
      description:
        'Posez votre question avec vos mots : ExploCode propose les thématiques du Code du travail pendant la saisie, ' +
        'identifie les notions juridiques en jeu et mène aux articles, fiches officielles, questions-réponses et ' +
        'conventions collectives qui s’appliquent, en expliquant pourquoi chaque résultat est proposé.',
      audience: 'Salariés, employeurs, RH, syndicats, associations et agents publics',
      href: '/explocode',
      ready: rt.ready,
      status: rt.ready ? undefined : preparingMessage(await currentIngest(ctx, rt)),
      figures: counts
        ? [
            { label: 'articles du Code du travail en vigueur', value: fmt.format(counts.articles) },
            { label: 'fiches pratiques', value: fmt.format(counts.fiches) },
            { label: 'questions-réponses', value: fmt.format(counts.contributions) },
            { label: 'conventions collectives', value: fmt.format(counts.conventions) },
          ]
        : [],
    };
  },
});

export default explocode;
export { INGEST_JOB } from './runtime.ts';
export type { ExplocodeRuntime } from './runtime.ts';
export { explocodeFor } from './context.ts';
