import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from './tf.ts';
import { buildHead, DEFAULT_HEAD, type HeadConfig } from './head.ts';
import { combineHeads } from './ensemble.ts';

const cfg: HeadConfig = { ...DEFAULT_HEAD, grid: 4, channels: 5, hidden: 6 };

describe('combineHeads (ensemble saved as one layers model)', () => {
  beforeAll(async () => {
    await initTf('wasm');
  });

  it('outputs the mean of the members’ logits, and survives a save/load round trip', async () => {
    const members = [0, 1, 2].map((k) => buildHead({ ...cfg, seed: 30 + k }, 3));
    const x = tf.randomNormal([2, cfg.grid, cfg.channels], 0, 1, 'float32', 4);
    const want = tf.tidy(() => tf.addN(members.map((m) => m.predict(x) as tf.Tensor)).div(members.length));
    const model = combineHeads(members, cfg, 3);
    const got = model.predict(x) as tf.Tensor;
    Array.from(await got.data()).forEach((v, i) => expect(v).toBeCloseTo((want.dataSync() as Float32Array)[i], 5));

    let saved: tf.io.ModelArtifacts | null = null;
    await model.save(
      tf.io.withSaveHandler(async (art) => ((saved = art), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const again = loaded.predict(x) as tf.Tensor;
    Array.from(await again.data()).forEach((v, i) => expect(v).toBeCloseTo((want.dataSync() as Float32Array)[i], 5));
    tf.dispose([x, want, got, again]);
    [model, loaded, ...members].forEach((m) => m.dispose());
  });

  it('seeded initialisers: the same seed builds the same head', async () => {
    const a = buildHead({ ...cfg, seed: 5 }, 3);
    const b = buildHead({ ...cfg, seed: 5 }, 3);
    const wa = await a.getLayer('proj').getWeights()[0].data();
    const wb = await b.getLayer('proj').getWeights()[0].data();
    expect(Array.from(wa)).toEqual(Array.from(wb));
    a.dispose();
    b.dispose();
  });
});
