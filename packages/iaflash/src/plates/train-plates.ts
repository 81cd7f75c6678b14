/**
 * Trains the plate character classifier on synthetic plates (synth.ts) segmented by the same code as
 * at reading time, so the classifier learns exactly the glyphs the reader will give it. A plate is
 * used only when segmentation finds as many characters as the plate has.
 */
import { initTf, tf } from '../ml/tf.ts';
import { renderPlate, type PlateFonts, type PlateStyle } from './synth.ts';
import { plateGray, segmentations, PlateReader } from './reader.ts';
import { glyph, GLYPH_H, GLYPH_W, type Gray } from './segment.ts';
import { bestSequences } from './oversegment.ts';
import { ALPHABET } from './decode.ts';
import { mulberry32, shuffle } from '../core/random.ts';
import { iou } from '../core/boxes.ts';

export interface PlateTrainOptions {
  outDir: string;
  plates?: number;
  epochs?: number;
  seed?: number;
  /** MLPs trained apart and averaged (3 by default). */
  members?: number;
  /** "Not a character" crops kept from each aligned plate (4 by default; 0 trains without them). */
  negativesPerPlate?: number;
  /** Fresh synthetic plates read end to end after training (200 by default). */
  evaluationPlates?: number;
  /** Fonts the synthetic plates are drawn with ('all' by default; 'system' only for comparisons). */
  fonts?: PlateFonts;
  /**
   * Draw a roadside camera's effects on the synthetic plates (synth.ts `plateCameraEffects`). Off by
   * default: at full scale they traded plain plates for camera-like ones and real non-French glyphs
   * (docs/model.md, 2026-12-06), and drawn only on crops of 45 px and more they moved no figure
   * beyond noise (2026-12-07), so the shipped reader is trained without them.
   */
  camera?: PlateStyle['camera'];
  onProgress?: (stage: string, done: number, total: number) => void;
}

interface RenderedPlate {
  img: Gray;
  chars: string;
  /** The ink mask to cut it by (the reader's own choice when absent). */
  ink?: { invert: boolean; mask: Uint8Array };
}

/**
 * Renders `count` synthetic plates and keeps the glyphs of the component segmentation where it finds
 * as many characters as the plate has (the plates themselves are kept for the alignment stage).
 */
export async function collectGlyphs(count: number, seed: number, style: PlateStyle, onProgress?: (d: number, n: number) => void) {
  const xs: Float32Array[] = [];
  const ys: number[] = [];
  const plates: RenderedPlate[] = [];
  let used = 0;
  for (let i = 0; i < count; i++) {
    const p = await renderPlate(seed + i, style);
    const img = await plateGray(p.png);
    plates.push({ img, chars: p.chars });
    const segs = segmentations(img).filter((s) => s.glyphs.length === p.chars.length);
    if (segs.length) {
      used++;
      segs[0].glyphs.forEach((g, k) => {
        xs.push(g);
        ys.push(ALPHABET.indexOf(p.chars[k]));
      });
    }
    onProgress?.(i + 1, count);
  }
  return { xs, ys, used, plates };
}

/** An alignment is kept only when its characters are, on average, this likely under the first model. */
const MIN_ALIGNED_LOGP = Math.log(0.2);

/**
 * The reader's classes: ALPHABET, then "not a character". Why the extra class: the recognition-driven
 * segmentation asks the classifier to score crops that are half a glyph, two glyphs, a hyphen or the
 * blue band; a classifier that only knows characters gives some of them a confident letter, and the
 * dynamic programme then prefers a wrong cut (a thin-stroke M read as "PM").
 */
export const NOT_A_CHARACTER = ALPHABET.length;
const CLASSES = ALPHABET.length + 1;
/** Candidates this far from every aligned character (overlap of their column spans) are "not a character". */
const MAX_NEGATIVE_OVERLAP = 0.4;

type Span = { x1: number; x2: number };

/** Intersection over union of two column spans: the boxes' IoU with the rows left out. */
export function spanOverlap(a: Span, b: Span): number {
  return iou([a.x1, 0, a.x2, 1], [b.x1, 0, b.x2, 1]);
}

/**
 * The candidates that may be labelled "not a character": far from every aligned character. Those
 * that overlap one a little (a glyph with a sliver of its neighbour) are left out, being neither.
 */
export function negativeCandidates<C extends { box: Span }>(candidates: readonly C[], characters: readonly Span[]): C[] {
  return candidates.filter((c) => characters.every((b) => spanOverlap(c.box, b) < MAX_NEGATIVE_OVERLAP));
}

/**
 * Glyphs of the recognition-driven segmentation (oversegment.ts), labelled by aligning each plate's
 * known text to its candidates with a first model: the reader reads those crops too, and they include
 * the plates the component segmentation could not split (broken, touching or wide glyphs). A few of
 * the plate's other candidates, far from every aligned character, are kept as "not a character".
 */
export async function alignedGlyphs(
  reader: PlateReader,
  plates: RenderedPlate[],
  seed: number,
  negativesPerPlate: number,
  onProgress?: (d: number, n: number) => void,
  minAlignedLogP = MIN_ALIGNED_LOGP,
) {
  const xs: Float32Array[] = [];
  const ys: number[] = [];
  const rnd = mulberry32(seed);
  let aligned = 0;
  let negatives = 0;
  /** Indexes in `plates` of the plates aligned. */
  const alignedIndexes: number[] = [];
  for (const [i, p] of plates.entries()) {
    onProgress?.(i + 1, plates.length);
    const found = await reader.candidates(p.img, p.ink);
    if (!found) continue;
    const labels = [...p.chars].map((c) => ALPHABET.indexOf(c));
    const logp = (ci: number, k: number) => Math.log(Math.max(1e-9, found.probs[ci][labels[k]]));
    const path = bestSequences(found.seg, logp, labels.length).get(labels.length);
    if (!path || path.reduce((a, ci, k) => a + logp(ci, k), 0) / path.length < minAlignedLogP) continue;
    aligned++;
    alignedIndexes.push(i);
    path.forEach((ci, k) => {
      xs.push(glyph(p.img, found.seg.candidates[ci].box, found.invert));
      ys.push(labels[k]);
    });
    const others = negativeCandidates(
      found.seg.candidates,
      path.map((ci) => found.seg.candidates[ci].box),
    );
    for (const c of shuffle(others, rnd).slice(0, negativesPerPlate)) {
      xs.push(glyph(p.img, c.box, found.invert));
      ys.push(NOT_A_CHARACTER);
      negatives++;
    }
  }
  return { xs, ys, aligned, negatives, alignedIndexes };
}

/**
 * Glyph-level augmentation: horizontal squeeze or stretch (condensed and wide plate fonts), stroke
 * thickening or thinning (3×1 max/min filter), a one-pixel shift. Cheap, and covers fonts the
 * machine does not have (the French plate font is not installed anywhere here).
 */
export function augmentGlyph(g: Float32Array, rnd: () => number): Float32Array {
  const W = GLYPH_W;
  const H = GLYPH_H;
  const sx = 0.75 + rnd() * 0.45;
  const dx = Math.round((rnd() - 0.5) * 2);
  const dy = Math.round((rnd() - 0.5) * 2);
  let out = new Float32Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const srcX = (x - W / 2 - dx) / sx + W / 2;
      const srcY = y - dy;
      const x0 = Math.floor(srcX);
      const f = srcX - x0;
      if (srcY < 0 || srcY >= H || x0 < 0 || x0 + 1 >= W) continue;
      out[y * W + x] = g[srcY * W + x0] * (1 - f) + g[srcY * W + x0 + 1] * f;
    }
  const r = rnd();
  if (r < 0.5) {
    const morph = new Float32Array(W * H);
    const pickMax = r < 0.25;
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const a = out[y * W + Math.max(0, x - 1)];
        const b = out[y * W + x];
        const c = out[y * W + Math.min(W - 1, x + 1)];
        morph[y * W + x] = pickMax ? Math.max(a, b, c) : Math.min(a, b, c) * 0.5 + b * 0.5;
      }
    out = morph;
  }
  return out;
}

/**
 * One glyph MLP on the flat glyph vector; `prefix` names its layers so that several live in one
 * model. (A small CNN would suit glyphs better, but the wasm backend has no convolution gradient and
 * the pure-JS backend trains it ≈ 100 times slower.)
 */
function glyphMlp(input: tf.SymbolicTensor, prefix: string): tf.SymbolicTensor {
  let h = tf.layers.dense({ units: 384, activation: 'relu', name: `${prefix}hidden1` }).apply(input) as tf.SymbolicTensor;
  h = tf.layers.dropout({ rate: 0.25, name: `${prefix}dropout` }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.dense({ units: 192, activation: 'relu', name: `${prefix}hidden2` }).apply(h) as tf.SymbolicTensor;
  return tf.layers.dense({ units: CLASSES, name: `${prefix}logits` }).apply(h) as tf.SymbolicTensor;
}

/** Glyphs, shuffled, as one input matrix and their one-hot classes (the reader's classes). */
export function glyphTensors(xs: readonly Float32Array[], ys: readonly number[], seed: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const dim = GLYPH_W * GLYPH_H;
  const order = shuffle(
    xs.map((_, i) => i),
    mulberry32(seed),
  );
  const xb = new Float32Array(order.length * dim);
  order.forEach((i, k) => xb.set(xs[i], k * dim));
  const labels = tf.tensor1d(
    order.map((i) => ys[i]),
    'int32',
  );
  const y = tf.oneHot(labels, CLASSES) as tf.Tensor2D;
  labels.dispose();
  return { x: tf.tensor2d(xb, [order.length, dim]), y };
}

/** Glyphs (each also twice augmented) → one layers model averaging `members` MLPs' logits. */
async function fitMembers(
  glyphs: Float32Array[],
  labels: number[],
  members: number,
  epochs: number,
  seed: number,
  onEpoch?: (done: number, total: number) => void,
): Promise<tf.LayersModel> {
  const augRnd = mulberry32(seed + 17);
  const xs = [...glyphs, ...glyphs.flatMap((g) => [augmentGlyph(g, augRnd), augmentGlyph(g, augRnd)])];
  const ys = [...labels, ...labels.flatMap((y) => [y, y])];
  const { x, y } = glyphTensors(xs, ys, seed);
  const dim = GLYPH_W * GLYPH_H;
  // Why an ensemble: MLPs trained on the same glyphs from different random starts disagree on real
  // plates far more than on synthetic ones (character accuracy 0.84 to 0.89 from run to run);
  // averaging their logits removes most of that spread for a few extra milliseconds a plate.
  const input = tf.input({ shape: [dim] });
  const heads = Array.from({ length: Math.max(1, members) }, (_, k) => glyphMlp(input, `m${k}_`));
  for (const [k, logits] of heads.entries()) {
    const train = tf.model({ inputs: input, outputs: tf.layers.activation({ activation: 'softmax' }).apply(logits) as tf.SymbolicTensor });
    train.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
    await train.fit(x, y, {
      epochs,
      batchSize: 128,
      verbose: 0,
      callbacks: { onEpochEnd: async (e) => onEpoch?.(k * epochs + e + 1, heads.length * epochs) },
    });
  }
  x.dispose();
  y.dispose();
  const output = heads.length > 1 ? (tf.layers.average({ name: 'ensemble' }).apply(heads) as tf.SymbolicTensor) : heads[0];
  return tf.model({ inputs: input, outputs: output });
}

export async function trainPlateReader(
  opts: PlateTrainOptions,
): Promise<{ segmentedRate: number; alignedRate: number; glyphs: number; negatives: number; syntheticExact: number }> {
  await initTf('wasm');
  const seed = opts.seed ?? 1;
  const n = opts.plates ?? 3000;
  const epochs = opts.epochs ?? 25;
  const style = { fonts: opts.fonts ?? 'all', camera: opts.camera ?? false };
  const collected = await collectGlyphs(n, seed * 1_000_003, style, (d, t) => opts.onProgress?.('plates', d, t));
  // Stage 1: one MLP on the component glyphs, only to align the recognition-driven candidates.
  const first = new PlateReader(
    await fitMembers(collected.xs, collected.ys, 1, Math.ceil(epochs / 2), seed + 101, (d, t) =>
      opts.onProgress?.('alignment model', d, t),
    ),
  );
  const dp = await alignedGlyphs(first, collected.plates, seed + 202, opts.negativesPerPlate ?? 4, (d, t) =>
    opts.onProgress?.('alignment', d, t),
  );
  first.dispose();
  collected.plates.length = 0;
  // Stage 2: the reader on both kinds of crops.
  const xs = [...collected.xs, ...dp.xs];
  const ys = [...collected.ys, ...dp.ys];
  const model = await fitMembers(xs, ys, opts.members ?? 3, epochs, seed, (d, t) => opts.onProgress?.('epochs', d, t));
  await new PlateReader(model).save(opts.outDir);
  // End-to-end exact match on fresh synthetic plates (not a real-plate figure).
  const reader = await PlateReader.load(opts.outDir);
  let exact = 0;
  const test = opts.evaluationPlates ?? 200;
  for (let i = 0; i < test; i++) {
    const p = await renderPlate(987_654_321 + i, style);
    const r = await reader.read(p.png);
    if (r.text.replace(/[^A-Z0-9]/g, '') === p.chars) exact++;
  }
  return {
    segmentedRate: collected.used / n,
    alignedRate: dp.aligned / n,
    glyphs: xs.length * 3,
    negatives: dp.negatives,
    syntheticExact: test ? exact / test : NaN,
  };
}
