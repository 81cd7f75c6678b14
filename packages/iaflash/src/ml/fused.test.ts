import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from './tf.ts';
import { loadMobileNetV2 } from './backbones.ts';
import { fuseBatchNorm } from './fused.ts';

const FEATURE_LAYERS = ['block_13_expand_relu', 'block_16_project_BN'];

describe('fuseBatchNorm (MobileNetV2 with batch norms folded into the convolutions)', () => {
  beforeAll(async () => {
    await initTf('wasm');
  });

  it('gives the layers model’s outputs at the tapped layers', async () => {
    const model = await loadMobileNetV2([...FEATURE_LAYERS]);
    const fused = fuseBatchNorm(model, [...FEATURE_LAYERS]);
    const x = tf.randomUniform([2, 224, 224, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
    const want = model.predict(x) as tf.Tensor4D[];
    const got = fused.predict(x);
    for (let i = 0; i < want.length; i++) {
      expect(got[i].shape).toEqual(want[i].shape);
      const scale = (await want[i].abs().max().data())[0];
      const err = (await got[i].sub(want[i]).abs().max().data())[0];
      expect(err / scale).toBeLessThan(1e-3);
    }
    tf.dispose([x, ...want, ...got]);
    fused.dispose();
  });

  it('refuses layers it does not know', () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const out = tf.layers.dense({ units: 2 }).apply(input) as tf.SymbolicTensor;
    expect(() => fuseBatchNorm(tf.model({ inputs: input, outputs: out }), [])).toThrow(/not supported/);
  });
});
