import { defineService, type Stand } from '@eig/platform';
import { migrations } from './db/migrations.ts';
import { explocodeRoutes } from './http/routes.ts';
import { explocodeAdminRoutes } from './http/admin-routes.ts';
import { INGEST_JOB } from './runtime.ts';
import { explocodeCli } from './cli/commands.ts';
import { explocodeWeb } from './web/pages.ts';
import { existingExplocode, explocodeFor, explocodeStatus, preparingMessage } from './context.ts';

const fmt = new Intl.NumberFormat('fr-FR');

/** ExploCode plugs into the suite through this one module. */
const explocode = defineService({
  id: 'explocode',
  title: 'ExploCode',
  migrations,
  jobs: [
    {
      name: INGEST_JOB,
      async handler(payload, job, ctx) {
        const force = Boolean((payload as { force?: boolean } | undefined)?.force);
        await explocodeFor(ctx).runtime.ingestNow({ force, progress: job.progress, signal: job.signal });
      },
    },
  ],
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
    existingExplocode(ctx)?.runtime.stop();
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
      status: rt.ready ? undefined : preparingMessage(rt),
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
