import type { ServiceModule, ServiceContext, Stand } from '@eig/platform/service.ts';
import { migrations } from './db/migrations.ts';
import { explocodeRoutes } from './http/routes.ts';
import { explocodeAdminRoutes } from './http/admin-routes.ts';
import { ExplocodeRuntime } from './runtime.ts';
import { explocodeCli } from './cli/commands.ts';

const fmt = new Intl.NumberFormat('fr-FR');

/** ExploCode plugs into the suite through this one module. */
export function createExplocode(): ServiceModule & { runtime(): ExplocodeRuntime | null } {
  let runtime: ExplocodeRuntime | null = null;
  const runtimeFor = (ctx: ServiceContext) => (runtime ??= new ExplocodeRuntime(ctx));

  return {
    id: 'explocode',
    migrations,
    runtime: () => runtime,
    async routes(app, ctx) {
      await explocodeRoutes(app, runtimeFor(ctx));
      await explocodeAdminRoutes(app, runtimeFor(ctx), ctx.jobs);
    },
    cli: explocodeCli,
    async start(ctx) {
      await runtimeFor(ctx).start();
    },
    async stop() {
      runtime?.stop();
    },
    async stand(ctx): Promise<Stand> {
      const rt = runtimeFor(ctx);
      const counts = rt.ready ? await rt.repo.counts() : null;
      const p = rt.ingest;
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
        status: rt.ready
          ? undefined
          : p && p.state === 'running'
            ? `Préparation des données : ${p.message} (${Math.round((100 * p.done) / Math.max(1, p.total))} %)`
            : 'Préparation des données',
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
  };
}
