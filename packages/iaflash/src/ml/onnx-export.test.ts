/**
 * The tfjs → ONNX conversion, on a small graph with every op it supports (input scaling, strided and
 * depthwise convolutions with SAME padding and their fused ReLU6, a plain 1×1 projection, a residual
 * add), run on onnxruntime and compared with the same ops on tfjs; and its refusals.
 */
import { describe, expect, it } from 'vitest';
import { initTf, tf } from './tf.ts';
import { onnxRuntime } from './onnx-runtime.ts';
import { tfGraphToOnnx, type TfNode, type TfWeight } from './onnx-export.ts';
import { mulberry32 } from '../core/random.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const list = (xs: number[]) => ({ list: { i: xs.map(String) } });

function conv(name: string, op: string, input: string, stride: number, fused: string[]): TfNode {
  return {
    name,
    op,
    input: [input, `${name}/w`, `${name}/b`],
    attr: {
      strides: list([1, stride, stride, 1]),
      dilations: list([1, 1, 1, 1]),
      padding: { s: b64('SAME') },
      data_format: { s: b64('NHWC') },
      fused_ops: { list: { s: fused.map(b64) } },
    },
  };
}

const NODES: TfNode[] = [
  { name: 'input', op: 'Placeholder', attr: { shape: { shape: { dim: [{ size: '-1' }, { size: '8' }, { size: '8' }, { size: '3' }] } } } },
  { name: 'scale', op: 'Const' },
  { name: 'shift', op: 'Const' },
  { name: 'mul', op: 'Mul', input: ['scale', 'input'] },
  { name: 'sub', op: 'Sub', input: ['mul', 'shift'] },
  conv('c1', '_FusedConv2D', 'sub', 2, ['BiasAdd', 'Relu6']),
  conv('dw', 'FusedDepthwiseConv2dNative', 'c1', 1, ['BiasAdd', 'Relu6']),
  conv('proj', '_FusedConv2D', 'dw', 1, ['BiasAdd']),
  { name: 'add', op: 'AddV2', input: ['c1', 'proj'] },
];

function weights(): Map<string, TfWeight> {
  const rnd = mulberry32(5);
  const w = (shape: number[]) => ({ shape, data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rnd() * 2 - 1) });
  return new Map([
    ['scale', { shape: [], data: Float32Array.of(2) }],
    ['shift', { shape: [], data: Float32Array.of(1) }],
    ['c1/w', w([3, 3, 3, 4])],
    ['c1/b', w([4])],
    ['dw/w', w([3, 3, 4, 1])],
    ['dw/b', w([4])],
    ['proj/w', w([1, 1, 4, 4])],
    ['proj/b', w([4])],
  ]);
}

/** The same computation on tfjs ops, NHWC. */
function reference(x: tf.Tensor4D, ws: Map<string, TfWeight>): tf.Tensor4D {
  const t = (k: string) => tf.tensor(ws.get(k)!.data, ws.get(k)!.shape);
  return tf.tidy(() => {
    const s = x.mul(2).sub(1) as tf.Tensor4D;
    const c1 = tf
      .conv2d(s, t('c1/w') as tf.Tensor4D, 2, 'same')
      .add(t('c1/b'))
      .clipByValue(0, 6) as tf.Tensor4D;
    const dw = tf
      .depthwiseConv2d(c1, t('dw/w') as tf.Tensor4D, 1, 'same')
      .add(t('dw/b'))
      .clipByValue(0, 6) as tf.Tensor4D;
    const proj = tf.conv2d(dw, t('proj/w') as tf.Tensor4D, 1, 'same').add(t('proj/b'));
    return c1.add(proj);
  });
}

describe('tfjs graph → ONNX', () => {
  it('computes what tfjs computes, NCHW out, an odd padding placed as TensorFlow places it', async () => {
    await initTf('wasm');
    const ort = await onnxRuntime();
    expect(ort).not.toBeNull();
    const ws = weights();
    const model = tfGraphToOnnx(NODES, ws, { outputs: ['add'] });
    const session = await ort!.InferenceSession.create(model, { intraOpNumThreads: 1 });
    const rnd = mulberry32(9);
    const input = Float32Array.from({ length: 2 * 8 * 8 * 3 }, () => rnd());
    const out = await session.run({ input: new ort!.Tensor('float32', input, [2, 8, 8, 3]) });
    const got = out[session.outputNames[0]];
    // 8 → 4 with SAME and stride 2: one pixel of padding, which TensorFlow puts after (ONNX SAME_UPPER).
    expect(got.dims).toEqual([2, 4, 4, 4]);
    const want = reference(tf.tensor4d(input, [2, 8, 8, 3]), ws).transpose([0, 3, 1, 2]);
    const expected = want.dataSync();
    want.dispose();
    const data = got.data as Float32Array;
    let maxDiff = 0;
    for (let i = 0; i < expected.length; i++) maxDiff = Math.max(maxDiff, Math.abs(expected[i] - data[i]));
    expect(maxDiff).toBeLessThan(1e-4);
    // Not a constant output: the comparison means something.
    expect(Math.max(...data) - Math.min(...data)).toBeGreaterThan(0.5);
  });

  it('refuses ops, fusions and layouts it does not convert instead of converting them wrong', () => {
    const ws = weights();
    const withNode = (n: TfNode) => [...NODES, n];
    expect(() => tfGraphToOnnx(withNode({ name: 'sm', op: 'Softmax', input: ['add'] }), ws, { outputs: ['sm'] })).toThrow(
      /unsupported op Softmax/,
    );
    const leaky = conv('c1', '_FusedConv2D', 'sub', 2, ['BiasAdd', 'LeakyRelu']);
    expect(() => tfGraphToOnnx([...NODES.filter((n) => n.name !== 'c1'), leaky], ws, { outputs: ['add'] })).toThrow(
      /fuses BiasAdd\+LeakyRelu/,
    );
    const nchw = { ...NODES[5], attr: { ...NODES[5].attr, data_format: { s: b64('NCHW') } } };
    expect(() => tfGraphToOnnx([...NODES.filter((n) => n.name !== 'c1'), nchw], ws, { outputs: ['add'] })).toThrow(/not NHWC/);
    expect(() => tfGraphToOnnx(NODES, ws, { outputs: ['missing'] })).toThrow(/no node missing/);
  });
});
