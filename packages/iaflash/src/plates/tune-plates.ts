/**
 * Trains the plate reader further on the operator's own labelled plate crops. Why: a reader trained
 * on synthetic plates alone reads 0.545 of 211 real French crops exactly (docs/model.md), and most of
 * its errors are glyphs misread (W as V, F as P, G as C) on crops it cut right: the real plate font,
 * wear, blur and cameras are what synthetic plates only approximate. An operator has such crops in
 * quantity, each with its plate from the case file.
 *
 * Each crop's known text is aligned to the reader's candidate cuts (alignedGlyphs, as in training),
 * the aligned glyphs (and augmented copies) are learned together with synthetic glyphs replayed so
 * the reader does not forget the plates it has not seen, and the alignment is redone once with the
 * tuned reader, which aligns more crops. A share of the crops is held out to measure the reader
 * before and after.
 */
import { initTf, tf } from '../ml/tf.ts';
import { plateKey } from '../core/plate-format.ts';
import { mulberry32, shuffle } from '../core/random.ts';
import { PlateReader, readingViews, writePlateReaderRecord, type ReadingView } from './reader.ts';
import { alignedGlyphs, augmentGlyph, collectGlyphs, glyphTensors } from './train-plates.ts';

export interface LabelledPlate {
  /** The crop's bytes (JPEG or PNG). */
  bytes: Uint8Array;
  /** The plate as written: AB-123-CD, 1234 AB 56; separators are ignored. */
  text: string;
}

export interface PlateTuneOptions {
  /** Folder of the reader to start from (plate-chars.json and .bin). */
  baseDir: string;
  /** Folder the tuned reader is written to. */
  outDir: string;
  crops: readonly LabelledPlate[];
  /** Share of the crops held out to measure the reader before and after (0.2; none under 20 crops). */
  validationShare?: number;
  /** Epochs per round (10). */
  epochs?: number;
  /** Align-then-learn rounds (2). */
  rounds?: number;
  /** Synthetic plates whose glyphs are replayed with the real ones (300). */
  replayPlates?: number;
  seed?: number;
  onProgress?: (stage: 'crops' | 'replay' | 'alignment' | 'epochs' | 'validation', done: number, total: number) => void;
}

/** What a tuned reader's folder records about its tuning (plate-reader.json), shown on the model page. */
export interface PlateTuneReport {
  trainPlates: number;
  /** Crops whose text could be aligned to the reader's cuts (in one of its views at least) in the last round. */
  alignedPlates: number;
  glyphs: number;
  /** Rows left out: text that is not a plate, or bytes that are not a readable image. */
  skipped: number;
  /** Exact reading rate on the held-out crops before and after, or null when too few crops were given. */
  validation: { plates: number; before: number; after: number } | null;
}

const MIN_CROPS_FOR_VALIDATION = 20;
/**
 * Real crops are aligned even when the reader gives their characters a mean probability of only
 * 0.05: it is still the best cut for the known text, and the crops the reader reads worst are the
 * ones worth learning from (at 0.2, the synthetic training's bar, a third of the real crops were
 * left out).
 */
const MIN_REAL_ALIGNED_P = 0.05;
const AUGMENTED_COPIES = 3;
const LEARNING_RATE = 3e-4;

/** A plate's characters when `text` can be one: 4 to 10 letters and digits, with spaces, hyphens or dots between. */
export function plateTextForTraining(text: string): string | null {
  if (!/^[A-Za-z0-9 .-]+$/.test(text.trim())) return null;
  const k = plateKey(text);
  return k.length >= 4 && k.length <= 10 ? k : null;
}

async function exactRate(reader: PlateReader, crops: readonly { bytes: Uint8Array; chars: string }[], tick: () => void) {
  let ok = 0;
  for (const c of crops) {
    if (plateKey((await reader.read(c.bytes)).text) === c.chars) ok++;
    tick();
  }
  return ok / crops.length;
}

export async function tunePlateReader(opts: PlateTuneOptions): Promise<PlateTuneReport> {
  await initTf('wasm');
  const seed = opts.seed ?? 1;
  const progress = opts.onProgress ?? (() => undefined);
  const usable: { bytes: Uint8Array; chars: string; views: ReadingView[] }[] = [];
  for (const [i, c] of opts.crops.entries()) {
    progress('crops', i + 1, opts.crops.length);
    const chars = plateTextForTraining(c.text);
    if (!chars) continue;
    try {
      usable.push({ bytes: c.bytes, chars, views: await readingViews(c.bytes) });
    } catch {
      // Not an image, or too large: counted as skipped below.
    }
  }
  if (!usable.length) throw new Error('Aucune image de plaque exploitable (texte de plaque et image JPEG ou PNG).');
  const shuffled = shuffle(usable, mulberry32(seed));
  const held = usable.length >= MIN_CROPS_FOR_VALIDATION ? Math.round(shuffled.length * (opts.validationShare ?? 0.2)) : 0;
  const validation = shuffled.slice(0, held);
  const train = shuffled.slice(held);

  const replay = await collectGlyphs(opts.replayPlates ?? 300, seed * 7_000_003, { fonts: 'all', camera: false }, (d, n) =>
    progress('replay', d, n),
  );
  const reader = await PlateReader.load(opts.baseDir);
  const trainer = tf.model({
    inputs: reader.model.inputs,
    outputs: tf.layers.activation({ activation: 'softmax' }).apply(reader.model.outputs[0]) as tf.SymbolicTensor,
  });
  trainer.compile({ optimizer: tf.train.adam(LEARNING_RATE), loss: 'categoricalCrossentropy' });

  let before = NaN;
  let tick = 0;
  const ticks = validation.length * 2;
  if (validation.length) before = await exactRate(reader, validation, () => progress('validation', ++tick, ticks));

  const rounds = Math.max(1, opts.rounds ?? 2);
  const epochs = opts.epochs ?? 10;
  // Every view a crop is read in (readingViews) is aligned: the tuned reader learns the glyphs as it will cut them.
  const views = train.flatMap((c, crop) => c.views.map((v) => ({ img: v.im, ink: v.inks[0], chars: c.chars, crop })));
  let aligned = { xs: [] as Float32Array[], ys: [] as number[], alignedIndexes: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    aligned = await alignedGlyphs(
      reader,
      views,
      seed + r,
      2,
      (d, n) => progress('alignment', r * n + d, rounds * n),
      Math.log(MIN_REAL_ALIGNED_P),
    );
    const rnd = mulberry32(seed + 31 * r);
    const xs = [
      ...aligned.xs,
      ...aligned.xs.flatMap((g) => Array.from({ length: AUGMENTED_COPIES }, () => augmentGlyph(g, rnd))),
      ...replay.xs,
    ];
    const ys = [...aligned.ys, ...aligned.ys.flatMap((y) => Array<number>(AUGMENTED_COPIES).fill(y)), ...replay.ys];
    const { x, y } = glyphTensors(xs, ys, seed + r);
    try {
      await trainer.fit(x, y, {
        epochs,
        batchSize: 64,
        verbose: 0,
        callbacks: { onEpochEnd: async (e) => progress('epochs', r * epochs + e + 1, rounds * epochs) },
      });
    } finally {
      x.dispose();
      y.dispose();
    }
  }
  await reader.save(opts.outDir);
  const after = validation.length ? await exactRate(reader, validation, () => progress('validation', ++tick, ticks)) : NaN;
  reader.dispose();
  const report: PlateTuneReport = {
    trainPlates: train.length,
    alignedPlates: new Set(aligned.alignedIndexes.map((i) => views[i].crop)).size,
    glyphs: aligned.xs.length,
    skipped: opts.crops.length - usable.length,
    validation: validation.length ? { plates: validation.length, before, after } : null,
  };
  writePlateReaderRecord(opts.outDir, { tunedAt: new Date().toISOString(), ...report });
  return report;
}
