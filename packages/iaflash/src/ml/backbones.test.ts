import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { centernetWeightsForClasses, centernetWeightsForSize, weightLayout } from './backbones.ts';
import { CENTERNET_DIR } from './paths.ts';
import type { tf } from './tf.ts';

type Spec = tf.io.WeightsManifestEntry;

function vendored(): { specs: Spec[]; data: ArrayBuffer } {
  const json = JSON.parse(readFileSync(join(CENTERNET_DIR, 'centernet.json'), 'utf8')) as { weightsManifest: { weights: Spec[] }[] };
  const bin = readFileSync(join(CENTERNET_DIR, 'centernet.bin'));
  return { specs: json.weightsManifest.flatMap((g) => g.weights), data: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) };
}

/** The stored bytes of one weight entry. */
function stored(specs: Spec[], data: ArrayBuffer, name: string): ArrayBuffer {
  const slot = weightLayout(specs).slots.find((s) => s.spec.name === name);
  if (!slot) throw new Error(`no ${name}`);
  return data.slice(slot.offset, slot.offset + slot.byteLength);
}

const int32Of = (specs: Spec[], data: ArrayBuffer, name: string) => Array.from(new Int32Array(stored(specs, data, name)));

describe('CenterNet at another input size', () => {
  it('rewrites the five size constants of the vendored graph for 384×384 and leaves the rest alone', () => {
    const { specs, data } = vendored();
    const out = centernetWeightsForSize(specs, data, 384);
    expect(int32Of(specs, out, 'tower_0/strided_slice_6')).toEqual([96]);
    expect(int32Of(specs, out, 'tower_0/BatchGather/concat')).toEqual([96 * 96, 4]);
    expect(int32Of(specs, out, 'tower_0/CenternetHead/c5_upsample/up_sampling2d/mul')).toEqual([24, 24]);
    expect(int32Of(specs, out, 'tower_0/CenternetHead/c4_upsample/up_sampling2d_1/mul')).toEqual([48, 48]);
    expect(int32Of(specs, out, 'tower_0/CenternetHead/c3_upsample/up_sampling2d_2/mul')).toEqual([96, 96]);
    // The class count and the original buffer are untouched; only 5 × ≤ 2 int32 values differ.
    expect(int32Of(specs, out, 'tower_0/strided_slice_7')).toEqual([80]);
    expect(int32Of(specs, data, 'tower_0/strided_slice_6')).toEqual([128]);
    const a = new Uint8Array(data);
    const b = new Uint8Array(out);
    let diff = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
    expect(diff).toBeGreaterThan(0);
    expect(diff).toBeLessThanOrEqual(9 * 4);
  });

  it('refuses sizes that are not multiples of 32, and graphs without the expected constants', () => {
    const { specs, data } = vendored();
    expect(() => centernetWeightsForSize(specs, data, 400)).toThrow(/multiple of 32/);
    const renamed = specs.map((w) => (w.name === 'tower_0/strided_slice_6' ? { ...w, name: 'other' } : w));
    expect(() => centernetWeightsForSize(renamed, data, 384)).toThrow(/do not match/);
  });
});

describe('CenterNet restricted to vehicle classes', () => {
  /** float16 entries compared by their raw 16-bit patterns. */
  const f16 = (specs: Spec[], data: ArrayBuffer, name: string) => Array.from(new Uint16Array(stored(specs, data, name)));

  it('keeps the chosen columns of the class head, in order, and sets the class count', () => {
    const { specs, data } = vendored();
    const out = centernetWeightsForClasses(specs, data, [2, 5, 7]);
    const W = 'CenternetHead/centernet_cls_output/pointwise_weights';
    const B = 'CenternetHead/centernet_cls_output/biases';
    expect(out.specs.find((w) => w.name === W)?.shape).toEqual([1, 1, 128, 3]);
    expect(int32Of(out.specs, out.data, 'tower_0/strided_slice_7')).toEqual([3]);
    const before = f16(specs, data, W);
    const after = f16(out.specs, out.data, W);
    for (const row of [0, 64, 127]) expect([0, 1, 2].map((j) => after[row * 3 + j])).toEqual([2, 5, 7].map((c) => before[row * 80 + c]));
    expect(f16(out.specs, out.data, B)).toEqual([2, 5, 7].map((c) => f16(specs, data, B)[c]));
    // Everything else is carried over, so the size patch still finds its constants.
    expect(int32Of(out.specs, centernetWeightsForSize(out.specs, out.data, 384), 'tower_0/strided_slice_6')).toEqual([96]);
  });

  it('refuses indices outside COCO and graphs without the class head', () => {
    const { specs, data } = vendored();
    expect(() => centernetWeightsForClasses(specs, data, [80])).toThrow(/COCO/);
    expect(() => centernetWeightsForClasses(specs, data, [])).toThrow(/COCO/);
    const renamed = specs.map((w) => (w.name === 'tower_0/strided_slice_7' ? { ...w, name: 'other' } : w));
    expect(() => centernetWeightsForClasses(renamed, data, [2])).toThrow(/do not match/);
  });
});
