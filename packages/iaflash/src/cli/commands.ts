/**
 * `eig iaflash ...`: analyse a photo, check a batch of cases (folder or zip + cases CSV) with
 * progress, import a registry extract, train a model with progress, tune the plate reader on real
 * plate crops, purge expired photos.
 */
import type { Command } from 'commander';
import { readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createProgress, type Progress, type ServiceContext } from '@eig/platform';
import type { IaflashSettings } from '../settings.ts';
import { iaflashFor } from '../context.ts';
import { IaflashService } from '../service/api.ts';
import { train } from '../ml/train.ts';
import { DEFAULT_MODEL_DIR } from '../ml/paths.ts';
import { readPlateLabelsCsv } from '../io/labels-csv.ts';
import { activePlateReaderDir, tunedPlateReaderDir } from '../plates/api.ts';
import { tunePlateReader } from '../plates/tune-plates.ts';
import { MODEL_CHANNEL } from '../service/jobs.ts';
import { frPercent as pct } from '../core/percent.ts';

type Ctx = ServiceContext<IaflashSettings>;

async function listPhotos(root: string): Promise<{ name: string; full: string }[]> {
  const out: { name: string; full: string }[] = [];
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (/\.(jpe?g|png)$/i.test(e.name)) out.push({ name: path.relative(root, full).split(path.sep).join('/'), full });
    }
  };
  await walk(root);
  return out;
}

/** `eig iaflash analyze`'s options, as commander names them. */
interface AnalyzeOptions {
  plate?: string;
  plateImage?: string;
  registryMake?: string;
  registryModel?: string;
  json: boolean;
}

/** One bar per stage of a long task: a new stage closes the previous stage's bar and opens its own. */
function stagedProgress<S extends string>(labelOf: (stage: S) => string) {
  let bar: Progress | null = null;
  let current: S | null = null;
  return {
    update(stage: S, done: number, total: number, message?: string) {
      if (stage !== current) {
        bar?.stop();
        current = stage;
        bar = createProgress(labelOf(stage), Math.max(1, total));
      }
      bar?.update(done, message);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

export function iaflashCli(program: Command, getContext: () => Promise<Ctx>): void {
  const cmd = program.command('iaflash').description('IA Flash : marque et modèle des véhicules, plaques doublées');

  cmd
    .command('analyze')
    .description('Analyse une photo (rien n’est conservé)')
    .argument('<photo>', 'photo JPEG ou PNG')
    .option('--plate <plaque>', 'plaque du dossier')
    .option('--plate-image <image>', 'image recadrée de la plaque, lue et comparée à la plaque du dossier (qui fait foi)')
    .option('--registry-make <marque>', 'marque inscrite au registre')
    .option('--registry-model <modèle>', 'modèle inscrit au registre')
    .option('--json', 'réponse JSON de l’API', false)
    .action(async (photo: string, opts: AnalyzeOptions) => {
      const ctx = await getContext();
      const ia = iaflashFor(ctx);
      try {
        const api = new IaflashService(ia);
        const t0 = Date.now();
        const out = await api.analyze(
          await readFile(photo),
          { plate: opts.plate, registeredMake: opts.registryMake, registeredModel: opts.registryModel },
          null,
          { plateImage: opts.plateImage ? await readFile(opts.plateImage) : undefined },
        );
        if (opts.json) return console.log(JSON.stringify(out, null, 2));
        console.log(`Modèle : ${out.model.name} — ${Date.now() - t0} ms`);
        if (!out.vehicles.length) console.log('Aucun véhicule détecté.');
        for (const [i, v] of out.vehicles.entries()) {
          console.log(`Véhicule ${i + 1} (${v.label}, ${pct(v.score)}) : [${v.box.map((x) => Math.round(x)).join(', ')}]`);
          for (const c of v.classes) console.log(`  ${c.make} ${c.model} — ${pct(c.prob)}`);
        }
        if (out.plate)
          console.log(
            `Plaque : ${out.plate.text} (${out.plate.format}${out.plate.valid ? '' : ', format invalide'})${out.plate.registryFound ? ', trouvée au registre' : ''}`,
          );
        if (out.plateReading)
          console.log(
            `Lu sur l’image de la plaque : ${out.plateReading.text || '(rien)'} (${pct(out.plateReading.confidence)}) — ${out.plateReading.agreement}`,
          );
        if (out.check) {
          console.log(`Registre : ${out.check.registered.make} ${out.check.registered.model} (${out.check.registered.status})`);
          console.log(`Décision : ${out.check.decision}${out.check.score === null ? '' : ` — score ${out.check.score.toFixed(3)}`}`);
          for (const r of out.check.reasons) console.log(`  - ${r.message}`);
        }
      } finally {
        await ia.close();
      }
    });

  const batch = (name: string, description: string) =>
    cmd
      .command(name)
      .description(description)
      .argument('<photos>', 'dossier de photos ou archive .zip')
      .argument(
        '<dossiers.csv>',
        'CSV file,plate,make,model (marque/modèle du registre ; vides : cherchés par la plaque dans le registre importé)',
      )
      .option(
        '--queue',
        'seulement mettre en file (le serveur ou les « eig worker » analysent) ; sinon analyse ici avec sa progression',
        false,
      )
      .option('--report <fichier.csv>', 'écrit les résultats dans ce fichier CSV')
      .option('--name <nom>', 'nom du lot')
      .action(async (photos: string, casesFile: string, opts: { queue: boolean; report?: string; name?: string }) => {
        const ctx = await getContext();
        const ia = iaflashFor(ctx);
        try {
          const api = new IaflashService(ia);
          const isDir = (await stat(photos)).isDirectory();
          const files = isDir ? (await listPhotos(photos)).map((p) => ({ name: p.name, read: () => readFile(p.full) })) : undefined;
          const out = await api.submitBatch({
            name: opts.name ?? path.basename(photos),
            origin: 'cli',
            user: null,
            casesCsv: await readFile(casesFile),
            zip: isDir ? undefined : await readFile(photos),
            files,
            enqueue: opts.queue,
          });
          for (const p of out.batch.problems) console.error(`  ⚠ ${p}`);
          console.log(`Lot no ${out.batch.id} : ${out.batch.total} dossier(s).`);
          if (opts.queue)
            return console.log(`${out.jobs.length} tâche(s) en file : suivez l’avancement sur /iaflash/lots/${out.batch.id}.`);
          const bar = createProgress('Analyse', out.ids.length);
          const t0 = Date.now();
          await api.processPending(out.ids, {
            onProgress: (d) => bar.update(d, `${((d / Math.max(1, Date.now() - t0)) * 1000).toFixed(2)} photos/s`),
          });
          bar.stop();
          const b = await api.batch(out.batch.id);
          const secs = (Date.now() - t0) / 1000;
          console.log(
            `${b.done} analysée(s), ${b.failed} en échec en ${secs.toFixed(1)} s (${(b.done / Math.max(secs, 0.001)).toFixed(2)} photos/s) : ` +
              `${b.decisions.CONSISTENT} cohérente(s), ${b.decisions.MISMATCH} alerte(s), ${b.decisions.UNDETERMINED} indéterminée(s).`,
          );
          if (opts.report) {
            await writeFile(opts.report, await api.resultsCsv(out.batch.id, {}));
            console.log(`Rapport : ${opts.report}`);
          }
        } finally {
          await ia.close();
        }
      });
  batch('batch', 'Vérifie un lot de dossiers (photos + CSV) avec sa progression');
  batch('check', 'Alias de « batch »');

  cmd
    .command('registry')
    .description('Importe un extrait du registre (CSV plate,make,model)')
    .argument('<registre.csv>')
    .action(async (file: string) => {
      const ctx = await getContext();
      const out = await new IaflashService(iaflashFor(ctx)).importRegistry(await readFile(file));
      console.log(
        `${out.imported} plaque(s) importée(s) ; ${out.undetermined} marque/modèle non reconnu(s) ; ${out.invalidPlates} plaque(s) au format invalide.`,
      );
    });

  cmd
    .command('train')
    .description('Entraîne un modèle sur des photos étiquetées et le rend actif')
    .requiredOption('--labels <fichier.csv>', 'CSV file,make,model[,group] (chemins relatifs au CSV)')
    .option('--name <nom>', 'nom du modèle')
    .option('--no-activate', 'ne pas rendre le modèle actif')
    .option('--target-false-alarm <taux>', 'taux de fausses alertes visé pour le seuil (défaut 0.01)', '0.01')
    .action(async (opts: { labels: string; name?: string; activate: boolean; targetFalseAlarm: string }) => {
      const ctx = await getContext();
      const ia = iaflashFor(ctx);
      const api = new IaflashService(ia);
      const { rows } = await ctx.db.query<{ id: string }>(
        `INSERT INTO iaflash_models (name, status) VALUES ($1, 'training') RETURNING id`,
        [opts.name ?? `Modèle ${path.basename(opts.labels)} du ${new Date().toLocaleDateString('fr-FR')}`],
      );
      const id = Number(rows[0].id);
      const outDir = path.join(ctx.config.dataDir, 'iaflash', 'models', String(id));
      const progress = stagedProgress((stage: string) =>
        stage === 'features' ? 'Photos' : stage === 'save' ? 'Enregistrement' : 'Entraînement',
      );
      try {
        const res = await train({
          labelsCsv: path.resolve(opts.labels),
          outDir,
          workers: ctx.settings.IAFLASH_THREADS,
          cacheDir: path.join(ctx.config.dataDir, 'iaflash', 'features-cache'),
          targetFalseAlarmRate: Number(opts.targetFalseAlarm) || 0.01,
          onProgress: (p) => progress.update(p.stage, p.done, p.total, p.message),
        });
        progress.stop();
        await ctx.db.query(`UPDATE iaflash_models SET status = 'ready', dir = $2, manifest = $3, finished_at = now() WHERE id = $1`, [
          id,
          outDir,
          JSON.stringify(res.manifest),
        ]);
        const v = res.validation;
        console.log(`Modèle no ${id} : ${res.manifest.classes.length} classes, ${res.manifest.trainImages} photos, dans ${outDir}`);
        if (v) {
          console.log(`Validation (${v.images} photos) : top-1 ${pct(v.top1)}, top-5 ${pct(v.top5)}, ECE ${v.ece.toFixed(3)}`);
          for (const f of v.falseAlarm)
            console.log(
              `  fausses alertes visées ${pct(f.target)} : seuil ${f.threshold.toFixed(3)}, mesurées ${pct(f.measuredFalseAlarm)}, plaques échangées détectées ${pct(f.catchRate)}`,
            );
        } else console.log('Pas assez de photos pour une validation : aucun taux mesuré.');
        if (opts.activate) {
          await api.activate(id);
          console.log('Modèle actif.');
        }
      } catch (err) {
        progress.stop();
        await ctx.db.query(`UPDATE iaflash_models SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [
          id,
          err instanceof Error ? err.message.slice(0, 500) : 'échec',
        ]);
        throw err;
      } finally {
        await ia.close();
      }
    });

  cmd
    .command('train-plates')
    .description('Affine le lecteur de plaques sur des plaques réelles étiquetées et le rend actif s’il lit mieux')
    .requiredOption('--labels <fichier.csv>', 'CSV file,text : images recadrées de plaques et leur texte (chemins relatifs au CSV)')
    .option('--from-shipped', 'repartir du lecteur livré avec la suite plutôt que du lecteur actif', false)
    .option('--force', 'rendre le lecteur actif même s’il lit moins bien les plaques de validation', false)
    .action(async (opts: { labels: string; fromShipped: boolean; force: boolean }) => {
      const ctx = await getContext();
      const ia = iaflashFor(ctx);
      const rows = readPlateLabelsCsv(path.resolve(opts.labels));
      const crops = await Promise.all(rows.map(async (r) => ({ bytes: await readFile(r.path), text: r.text })));
      const target = tunedPlateReaderDir(ctx.config.dataDir);
      const baseDir = opts.fromShipped ? DEFAULT_MODEL_DIR : activePlateReaderDir(ctx.config.dataDir, (await ia.model()).dir);
      const outDir = `${target}.new`;
      await rm(outDir, { recursive: true, force: true });
      const labels = {
        crops: 'Plaques',
        replay: 'Plaques de synthèse',
        alignment: 'Alignement',
        epochs: 'Entraînement',
        validation: 'Validation',
      };
      const progress = stagedProgress((stage: keyof typeof labels) => labels[stage]);
      try {
        const res = await tunePlateReader({
          baseDir,
          outDir,
          crops,
          onProgress: (stage, done, total) => progress.update(stage, done, total),
        });
        progress.stop();
        console.log(
          `${res.trainPlates} plaque(s) d’entraînement, ${res.alignedPlates} alignée(s) sur leur texte (${res.glyphs} caractères et non-caractères) ; ${res.skipped} ligne(s) écartée(s) (texte qui n’est pas une plaque ou image illisible).`,
        );
        const v = res.validation;
        if (v) console.log(`Validation (${v.plates} plaques) : lues exactement ${pct(v.before)} avant, ${pct(v.after)} après.`);
        else console.log('Moins de 20 plaques : pas de validation, aucun taux mesuré.');
        if (v && v.after < v.before && !opts.force) {
          await rm(outDir, { recursive: true, force: true });
          console.log('Le lecteur affiné lit moins bien : il n’est pas installé (--force pour l’installer quand même).');
          return;
        }
        await rm(`${target}.old`, { recursive: true, force: true });
        await rename(target, `${target}.old`).catch(() => undefined);
        await rename(outDir, target);
        await rm(`${target}.old`, { recursive: true, force: true });
        await ctx.db.notify(MODEL_CHANNEL, 'plate-reader').catch(() => undefined);
        console.log(`Lecteur de plaques actif : ${target}`);
      } catch (err) {
        progress.stop();
        await rm(outDir, { recursive: true, force: true });
        throw err;
      } finally {
        await ia.close();
      }
    });

  cmd
    .command('purge')
    .description('Efface les photos et les plaques dont la durée de conservation est passée')
    .action(async () => {
      const ctx = await getContext();
      const out = await new IaflashService(iaflashFor(ctx)).purge();
      console.log(`${out.photos} photo(s) et ${out.plates} plaque(s) effacée(s).`);
    });
}
