/**
 * The training jitters' photometric change (core/crops.ts ColourJitter) applied to a batch of crops on
 * the tfjs side, where the crops are cut.
 */
import { tf } from './tf.ts';
import type { ColourJitter } from '../core/crops.ts';

const SAME_COLOUR: ColourJitter = { saturation: 1, contrast: 1, brightness: 1 };
/** ITU-R BT.601 luma weights, the usual grey of a colour photo. */
const LUMA = [0.299, 0.587, 0.114];

/** Each crop's colour jitter (crops in [0, 1], NHWC), clipped back to [0, 1]. Call inside tf.tidy. */
export function applyColour(crops: tf.Tensor4D, variants: { colour?: ColourJitter }[]): tf.Tensor4D {
  const perCrop = (pick: (c: ColourJitter) => number) =>
    tf.tensor1d(variants.map((v) => pick(v.colour ?? SAME_COLOUR))).reshape([-1, 1, 1, 1]);
  const grey = crops.mul(tf.tensor1d(LUMA)).sum(-1, true);
  const saturated = grey.add(crops.sub(grey).mul(perCrop((c) => c.saturation)));
  const mean = grey.mean([1, 2, 3], true);
  const contrasted = mean.add(saturated.sub(mean).mul(perCrop((c) => c.contrast)));
  return contrasted.mul(perCrop((c) => c.brightness)).clipByValue(0, 1) as tf.Tensor4D;
}
