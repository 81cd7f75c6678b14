/**
 * `eig openjustice ...`: import decisions (files or folders, with progress), follow their annotation,
 * pseudonymise a file in the terminal, show the queue.
 */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createProgress, type ServiceContext } from '@eig/platform';
import type { OpenJusticeSettings } from '../settings.ts';
import { listFiles, readDecisionFile } from '../ingest/files.ts';
import type { ParseProblem, RawDecision } from '../ingest/parse.ts';
import { importDecisions } from '../service/imports.ts';
import { annotateBatch } from '../service/annotation.ts';
import { createInlineEngine } from '../engine/pool.ts';
import { openJusticeFor } from '../context.ts';
import { decodeText, htmlToText, formatOf } from '../ingest/parse.ts';

type Ctx = ServiceContext<OpenJusticeSettings>;

/** Decisions are written per chunk of files, each chunk in one transaction: a crash keeps the chunks before it. */
const FILES_PER_TRANSACTION = 50;

export function openJusticeCli(program: Command, getContext: () => Promise<Ctx>): void {
  const cmd = program.command('openjustice').description('Open Justice : pseudonymisation des décisions de justice');

  cmd
    .command('import')
    .description('Importe des décisions (fichier ou dossier : .txt, .html, .json, .jsonl) ; le moteur les annote en tâche de fond')
    .argument('<chemins...>', 'fichiers ou dossiers')
    .option('-s, --source <nom>', 'nom de la source (pour les fichiers qui n’en donnent pas)', 'import')
    .option('--now', 'annote dans ce processus, avec sa progression (sinon : le serveur ou les « eig worker » s’en chargent)', false)
    .action(async (targets: string[], opts: { source: string; now: boolean }) => {
      const ctx = await getContext();
      const files: { file: string; root: string }[] = [];
      for (const t of targets) {
        const root = path.resolve(t);
        for (const f of await listFiles(root).catch((err: Error) => {
          throw new Error(`${t} : ${err.message}`);
        }))
          files.push({ file: f, root: (await isDir(root)) ? root : path.dirname(root) });
      }
      const bar = createProgress('Lecture', files.length);
      const problems: ParseProblem[] = [];
      let imported = 0;
      let duplicates = 0;
      const ids: number[] = [];
      for (let i = 0; i < files.length; i += FILES_PER_TRANSACTION) {
        const chunk = files.slice(i, i + FILES_PER_TRANSACTION);
        const raws: RawDecision[] = [];
        for (const [j, f] of chunk.entries()) {
          const batch = await readDecisionFile(f.file, ctx.settings.OPENJUSTICE_IMPORT_MAX_FILE_BYTES, opts.source, f.root);
          raws.push(...batch.decisions);
          problems.push(...batch.problems);
          bar.update(i + j + 1, `${imported + raws.length} décisions`);
        }
        if (!raws.length) continue;
        const out = await importDecisions(ctx.db, ctx.jobs, raws, {
          origin: 'cli',
          userId: null,
          files: chunk.length,
          problems: [],
          batchSize: ctx.settings.OPENJUSTICE_BATCH_SIZE,
        });
        imported += out.decisions;
        duplicates += out.duplicates;
        const { rows } = await ctx.db.query<{ id: string }>(`SELECT id FROM openjustice_decisions WHERE import_id = $1`, [out.importId]);
        ids.push(...rows.map((r) => Number(r.id)));
      }
      bar.stop();
      for (const p of problems) console.error(`  ⚠ ${p.origin} : ${p.message}`);
      console.log(
        `${imported} décision(s) importée(s), ${duplicates} déjà présente(s), ${problems.length} problème(s) sur ${files.length} fichier(s).`,
      );
      if (opts.now && ids.length) {
        const engine = createInlineEngine(ctx.settings.OPENJUSTICE_MODEL);
        const ann = createProgress('Annotation', ids.length);
        const t0 = Date.now();
        let done = 0;
        for (let i = 0; i < ids.length; i += 20) {
          const slice = ids.slice(i, i + 20);
          await annotateBatch({ db: ctx.db, engine, settings: ctx.settings, log: ctx.log }, slice);
          done += slice.length;
          ann.update(done);
        }
        ann.stop();
        console.log(`Annotées en ${((Date.now() - t0) / 1000).toFixed(1)} s (les tâches en file les trouveront déjà faites).`);
      } else if (ids.length) {
        console.log(
          'Annotation en file d’attente : le serveur (ou « eig worker » sur PostgreSQL) les traite ; « eig openjustice status » suit l’avancement.',
        );
      }
      if (problems.length && !imported) process.exitCode = 1;
    });

  cmd
    .command('status')
    .description('La file de relecture par statut')
    .action(async () => {
      const ctx = await getContext();
      console.log(JSON.stringify((await openJusticeFor(ctx).review.stats()).counts, null, 2));
    });

  cmd
    .command('pseudonymize')
    .description('Pseudonymise un fichier (.txt, .html) et affiche le texte occulté ; ne conserve rien')
    .argument('<fichier>')
    .option('--json', 'sortie JSON complète (occultations, doutes, risque)', false)
    .action(async (file: string, opts: { json: boolean }) => {
      const { text: raw } = decodeText(await readFile(file));
      const text = formatOf(file) === 'html' ? htmlToText(raw) : raw;
      const engine = createInlineEngine('local');
      const out = await engine.pseudonymize(text);
      if (!out.ok) throw new Error(out.message);
      if (opts.json) console.log(JSON.stringify(out.value, null, 2));
      else {
        console.log(out.value.pseudonymized);
        console.error(
          `risque ${out.value.risk.score} (${out.value.risk.review}) : ${out.value.risk.reasons.map((r) => r.message).join(' ')}`,
        );
      }
    });
}

async function isDir(p: string): Promise<boolean> {
  const { stat } = await import('node:fs/promises');
  return (await stat(p)).isDirectory();
}
