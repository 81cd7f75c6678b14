import { describe, expect, it } from 'vitest';
import { initTf, tf } from './tf.ts';
import { applyColour } from './colour.ts';

describe('applyColour', () => {
  const pixel = (r: number, g: number, b: number) => tf.tensor4d([r, g, b, r, g, b], [1, 1, 2, 3]);

  it('leaves a crop without jitter unchanged and greys a crop with saturation 0', async () => {
    await initTf();
    const crops = tf.concat([pixel(0.8, 0.2, 0.1), pixel(0.8, 0.2, 0.1)]) as tf.Tensor4D;
    const out = applyColour(crops, [{}, { colour: { saturation: 0, contrast: 1, brightness: 1 } }]);
    const [same, grey] = (await out.array()) as number[][][][];
    expect(same[0][0][0]).toBeCloseTo(0.8, 5);
    expect(same[0][0][2]).toBeCloseTo(0.1, 5);
    const luma = 0.299 * 0.8 + 0.587 * 0.2 + 0.114 * 0.1;
    for (const c of grey[0][0]) expect(c).toBeCloseTo(luma, 5);
  });

  it('scales contrast around the crop mean and clips brightness to [0, 1]', async () => {
    await initTf();
    const crops = tf.tensor4d([0.2, 0.2, 0.2, 0.6, 0.6, 0.6], [1, 1, 2, 3]);
    const [flat] = (await applyColour(crops, [{ colour: { saturation: 1, contrast: 0, brightness: 1 } }]).array()) as number[][][][];
    expect(flat[0][0][0]).toBeCloseTo(0.4, 5);
    expect(flat[0][1][0]).toBeCloseTo(0.4, 5);
    const [bright] = (await applyColour(crops, [{ colour: { saturation: 1, contrast: 1, brightness: 2 } }]).array()) as number[][][][];
    expect(bright[0][0][0]).toBeCloseTo(0.4, 5);
    expect(bright[0][1][0]).toBe(1);
  });
});
