/**
 * An ensemble of recognition heads saved as ONE tfjs layers model: the members share the input and
 * their logits are averaged by an `average` layer, so the model directory format, its loading and
 * inference code are unchanged (a single-member ensemble is the plain head). Why: heads trained on
 * the same features with different seeds (weight init, shuffling, dropout) differ by up to ±0.05
 * top-1 on a 168-photo validation split; averaging a few removes most of that run-to-run spread.
 */
import { tf } from './tf.ts';
import { buildHead, trainHead, type EpochInfo, type HeadConfig, type TrainSet } from './head.ts';

/** Layers of one member that carry weights (the rest are pooling, concatenation, dropout). */
const WEIGHTED = ['proj', 'logits'];

/** One model averaging the members' logits; members must share the input shape and classes. */
export function combineHeads(members: tf.LayersModel[], cfg: HeadConfig, numClasses: number): tf.LayersModel {
  if (members.length === 1) return members[0];
  const input = tf.input({ shape: [cfg.grid, cfg.channels] });
  const outs = members.map((_, k) => buildHead(cfg, numClasses, `m${k}_`, input));
  const avg = tf.layers.average({ name: 'ensemble' }).apply(outs) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: avg });
  members.forEach((m, k) => {
    for (const name of WEIGHTED) model.getLayer(`m${k}_${name}`).setWeights(m.getLayer(name).getWeights());
  });
  return model;
}

/** Trains `cfg.members` heads with seeds seed, seed + 1, … and combines them. */
export async function trainEnsemble(
  set: TrainSet,
  numClasses: number,
  cfg: HeadConfig,
  onEpoch?: (e: EpochInfo) => void,
  signal?: AbortSignal,
): Promise<tf.LayersModel> {
  const n = Math.max(1, cfg.members);
  const members: tf.LayersModel[] = [];
  for (let k = 0; k < n; k++)
    members.push(
      await trainHead(
        set,
        numClasses,
        { ...cfg, seed: cfg.seed + k },
        (e) => onEpoch?.({ ...e, epoch: k * cfg.epochs + e.epoch, epochs: n * cfg.epochs }),
        signal,
      ),
    );
  if (n === 1) return members[0];
  const model = combineHeads(members, cfg, numClasses);
  members.forEach((m) => m.dispose());
  return model;
}
