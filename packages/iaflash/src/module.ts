/**
 * IA Flash plugs into the suite through this module: the engine (src/index.ts, in vision worker
 * threads), batches of cases in the job queue, the agents' review of flags, the model and its
 * training. The engine's own API stays importable as `@eig/iaflash/engine`.
 */
import { defineService, type Stand } from '@eig/platform';
import { migrations } from './db/migrations.ts';
import { settingsSchema, type IaflashSettings } from './settings.ts';
import { existingIaflash, iaflashFor, iaflashStatus } from './context.ts';
import { ADMIN_ROLE, AGENT_ROLE, IaflashService } from './service/api.ts';
import { iaflashJobs } from './service/handlers.ts';
import { MODEL_CHANNEL } from './service/jobs.ts';
import { iaflashRoutes, matchvecRoute } from './http/routes.ts';
import { iaflashCli } from './cli/commands.ts';
import { iaflashWeb } from './web/pages.ts';

const fmt = new Intl.NumberFormat('fr-FR');

const iaflash = defineService<IaflashSettings>({
  id: 'iaflash',
  title: 'IA Flash',
  settings: settingsSchema,
  roles: [
    {
      id: AGENT_ROLE,
      label: 'Agent IA Flash (revue des alertes)',
      description: 'Soumet des lots de dossiers, examine les alertes de plaques doublées et les confirme ou les écarte',
    },
    {
      id: ADMIN_ROLE,
      label: 'Administrateur IA Flash',
      description: 'Entraîne et active les modèles, voit les statistiques ; rouvre une alerte traitée',
      requireTotp: true,
    },
  ],
  migrations,
  jobs: iaflashJobs,
  async routes(app, ctx) {
    await iaflashRoutes(app, new IaflashService(iaflashFor(ctx)), ctx.settings);
  },
  // matchvec's own path, for integrations of ANTAI's IA Flash that cannot change their URL.
  async compatRoutes(app, ctx) {
    await matchvecRoute(app, new IaflashService(iaflashFor(ctx)), ctx.settings);
  },
  web: iaflashWeb,
  cli: iaflashCli,
  async start(ctx) {
    const ia = iaflashFor(ctx);
    // A model trained or activated by another process (a worker, another web instance) is picked up here.
    ia.stopListening = await ctx.db
      .listen(MODEL_CHANNEL, () => {
        void ia
          .reloadModel()
          .catch((err: unknown) => ctx.log.error({ err: err instanceof Error ? err.message : String(err) }, 'iaflash model reload failed'));
      })
      .catch(() => null);
    // Warm-up: the vision threads load the networks (a few seconds of CPU each) before the first photo
    // arrives. Not under NODE_ENV=test: every suite test app would start them, for nothing, on CI's 2 cores
    // (they start at the first analysis instead).
    if (ctx.config.nodeEnv !== 'test') void ia.analyzer().catch(() => undefined);
  },
  async stop(ctx) {
    const ia = existingIaflash(ctx);
    if (!ia) return;
    await ia.stopListening?.().catch(() => undefined);
    await ia.close();
  },
  status: iaflashStatus,
  async stand(ctx): Promise<Stand> {
    const { rows } = await ctx.db.query<{ analyses: string; flags: string }>(
      `SELECT (SELECT count(*) FROM iaflash_analyses) AS analyses, (SELECT count(*) FROM iaflash_flags WHERE status = 'open') AS flags`,
    );
    const model = await iaflashFor(ctx)
      .model()
      .catch(() => null);
    return {
      id: 'iaflash',
      title: 'IA Flash',
      tagline: 'Repérer les plaques doublées sur les photos des radars',
      description:
        'Sur chaque photo de radar, un détecteur trouve le véhicule, un réseau de neurones estime sa marque et son modèle, ' +
        'et les compare au fichier des immatriculations : une incohérence (fausse plaque suspectée) part en revue chez un agent, ' +
        'qui confirme ou écarte le doute. L’outil ne décide jamais seul : aucune amende n’est envoyée ni annulée automatiquement.',
      audience: 'Agents du traitement des avis de contravention (ANTAI, centres de traitement)',
      href: '/iaflash',
      ready: model !== null,
      figures: [
        { label: 'modèles de véhicules reconnus', value: fmt.format(model?.manifest.classes.length ?? 0) },
        { label: 'photos analysées', value: fmt.format(Number(rows[0].analyses)) },
        { label: 'alertes à examiner', value: fmt.format(Number(rows[0].flags)) },
      ],
    };
  },
});

export default iaflash;
export { iaflashFor } from './context.ts';
