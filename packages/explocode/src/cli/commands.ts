import type { Command } from 'commander';
import type { ServiceContext } from '@eig/platform';
import { createProgress } from '@eig/platform';
import { ExplocodeRepository } from '../db/repository.ts';
import { runIngest } from '../ingest/run.ts';
import { buildEngine, loadModel } from '../core/search/index.ts';
import { DOC_TYPES, type DocType } from '../core/types.ts';
import { canonicalArticleNum } from '../core/article-number.ts';

/** `eig explocode ...`: ingest content, search from the terminal, inspect the served dataset. */
export function explocodeCli(program: Command, getContext: () => Promise<ServiceContext>): void {
  const cmd = program.command('explocode').description('ExploCode : explorateur du droit du travail');

  cmd
    .command('ingest')
    .description('Charge le Code du travail, les conventions, les fiches et les questions-réponses depuis les paquets npm')
    .option('-f, --force', 'ré-ingère même si la version des paquets n’a pas changé', false)
    .action(async (opts: { force: boolean }) => {
      const ctx = await getContext();
      let bar: ReturnType<typeof createProgress> | null = null;
      let step = '';
      const report = await runIngest(ctx.db, {
        force: opts.force,
        onProgress: (s: string, done: number, total: number) => {
          if (s !== step) {
            bar?.stop();
            step = s;
            bar = createProgress(s, total);
          }
          bar?.update(done);
        },
      });
      (bar as ReturnType<typeof createProgress> | null)?.stop();
      console.log(JSON.stringify(report, null, 2));
    });

  cmd
    .command('search')
    .description('Recherche depuis le terminal')
    .argument('<question...>', 'la question ou les mots recherchés')
    .option('-t, --type <type>', `filtre : ${DOC_TYPES.join('|')}`)
    .option('-n, --limit <n>', 'nombre de résultats', '10')
    .action(async (words: string[], opts: { type?: string; limit: string }) => {
      if (opts.type && !DOC_TYPES.includes(opts.type as DocType)) throw new Error(`type inconnu : ${opts.type}`);
      const ctx = await getContext();
      const corpus = await new ExplocodeRepository(ctx.db).loadCorpus();
      if (!corpus) throw new Error('aucun contenu : lancez d’abord « eig explocode ingest »');
      const engine = buildEngine(corpus, await loadModel());
      const res = engine.search(words.join(' '), { type: opts.type as DocType | undefined, limit: Number(opts.limit) || 10 });
      if (res.route) console.log(`→ ${res.route.kind} ${res.route.target} (${res.route.url})`);
      if (res.themes.length) console.log(`Notions : ${res.themes.map((t) => t.title).join(' · ')}`);
      for (const [i, hit] of res.results.entries()) {
        console.log(`${String(i + 1).padStart(2)}. [${hit.type}] ${hit.num ? hit.num + ' ' : ''}${hit.title}  (${hit.score.toFixed(2)})`);
      }
    });

  cmd
    .command('article')
    .description('Affiche un article par son numéro')
    .argument('<num>', 'numéro, par exemple L1234-9')
    .action(async (num: string) => {
      const ctx = await getContext();
      const found = await new ExplocodeRepository(ctx.db).getArticle(canonicalArticleNum(num) ?? num);
      if (!found) throw new Error(`article inconnu : ${num}`);
      console.log(`${found.article.num}\n${found.article.text}\n${found.article.legifranceUrl}`);
    });

  cmd
    .command('status')
    .description('Jeu de données servi et volumes')
    .action(async () => {
      const ctx = await getContext();
      const repo = new ExplocodeRepository(ctx.db);
      console.log(JSON.stringify({ dataset: await repo.activeDataset(), counts: await repo.counts() }, null, 2));
    });
}
