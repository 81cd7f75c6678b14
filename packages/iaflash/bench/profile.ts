/**
 * Profiles one photo at a time through the pipeline, stage by stage, in-process (one wasm thread):
 * decode (sharp), text band, detector (coarse to fine, as extract.ts runs it), crops + backbone (the
 * crop and its mirror in one batch), head. Wall and CPU milliseconds (medians over the photos, after a
 * warm-up pass); CPU time is less sensitive to other jobs on the machine. `npm run profile:iaflash`.
 * Env: PROFILE_N photos of cars/ (default 24), PROFILE_DETECTOR (detector input side at full size,
 * default the pipeline's), PROFILE_JS_HEAD=1 (the former JavaScript standardisation + PCA, for
 * comparison), IAFLASH_DATA.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { readLabelsCsv } from '../src/io/labels-csv.ts';
import { decodeImage, toGray } from '../src/io/decode.ts';
import { detectTextBand } from '../src/core/text-band.ts';
import { Vision } from '../src/ml/vision.ts';
import { HeadRecognizer } from '../src/ml/recognizer.ts';
import { loadModel } from '../src/ml/model-dir.ts';
import { headLogits, standardize } from '../src/ml/head.ts';
import { findVehicles } from '../src/ml/extract.ts';
import { inferenceCrops } from '../src/core/crops.ts';
import { DEFAULT_MODEL_DIR, defaultDataDir } from '../src/ml/paths.ts';

const N = Number(process.env.PROFILE_N ?? 24);
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const rows = readLabelsCsv(join(defaultDataDir(), 'cars/labels.csv')).slice(0, N);
  const vision = await Vision.create({ detectorSize: process.env.PROFILE_DETECTOR ? Number(process.env.PROFILE_DETECTOR) : undefined });
  const rec = await HeadRecognizer.load(vision, DEFAULT_MODEL_DIR);
  const model = await loadModel(DEFAULT_MODEL_DIR);
  const jsHead = process.env.PROFILE_JS_HEAD === '1';
  const stages = ['decode', 'band', 'detect', 'embed', 'head'] as const;
  const wall: Record<string, number[]> = Object.fromEntries([...stages, 'total'].map((k) => [k, []]));
  const cpu: Record<string, number[]> = Object.fromEntries([...stages, 'total'].map((k) => [k, []]));
  for (let pass = 0; pass < 2; pass++)
    for (const r of rows) {
      const bytes = readFileSync(r.path);
      const w: number[] = [performance.now()];
      const c: number[] = [cpuMs()];
      const mark = () => {
        w.push(performance.now());
        c.push(cpuMs());
      };
      const img = await decodeImage(bytes, { cropTextBand: false });
      mark();
      detectTextBand(toGray(img.data, img.width, img.height), img.width, img.height);
      mark();
      const { vehicles: vs, main } = await findVehicles(vision, img);
      mark();
      const feats = await vision.embed(img, inferenceCrops(main.index >= 0 ? vs[main.index].box : null, img.width, img.height));
      mark();
      if (jsHead)
        await headLogits(
          model.head,
          feats.map((f) => standardize(f, model.standardizer)),
          model.manifest.grid,
          model.manifest.channels,
        );
      else await rec.logits(feats);
      mark();
      if (pass === 0) continue; // warm-up
      stages.forEach((s, k) => {
        wall[s].push(w[k + 1] - w[k]);
        cpu[s].push(c[k + 1] - c[k]);
      });
      wall.total.push(w[w.length - 1] - w[0]);
      cpu.total.push(c[c.length - 1] - c[0]);
    }
  console.log(
    `${rows.length} photos, detector up to ${vision.detectorSize}×${vision.detectorSize} (coarse to fine), detector on ${await vision.detectorRuntime()}, backbone on ${await vision.extractorRuntime()}, ${jsHead ? 'JavaScript' : 'tfjs'} standardisation; median ms a photo (load average ${loadavg()[0].toFixed(1)})`,
  );
  console.log('stage      wall ms   CPU ms  CPU share');
  const total = med(cpu.total);
  for (const k of [...stages, 'total'])
    console.log(
      `${k.padEnd(8)} ${med(wall[k]).toFixed(1).padStart(8)} ${med(cpu[k]).toFixed(1).padStart(8)} ${((100 * med(cpu[k])) / total).toFixed(0).padStart(6)} %`,
    );
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
