/**
 * TensorFlow.js graph → ONNX, for the frozen networks (the MobileNetV2 1.4 feature extractor and the
 * CenterNet detector), so that they run on onnxruntime-node's native CPU kernels instead of tfjs's
 * single-threaded WebAssembly ones (together 83 % of a photo's CPU time before). The conversion runs
 * in memory when a thread loads a network: nothing is written or downloaded, and the weights stay
 * those nsfwjs and the vendored files ship.
 *
 * Hand-written rather than a converter library because none runs offline in Node (tf2onnx and
 * onnx-tensorflow are Python) and the two graphs are small and regular: the op set below is exactly
 * what they use; anything else throws, so a different graph fails loudly instead of converting
 * wrong. The protobuf encoding is protobufjs's, on the subset of onnx.proto it needs.
 */
import protobuf from 'protobufjs';

/** A node of a tfjs graph model's `modelTopology.node`. */
export interface TfNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<
    string,
    { s?: string; b?: boolean; list?: { i?: string[]; s?: string[] }; shape?: { dim?: { size: string }[] } } | undefined
  >;
}

export interface TfWeight {
  shape: number[];
  data: Float32Array;
}

export interface OnnxExportOptions {
  /** Names of the graph's nodes to output (NHWC in TensorFlow; converted to NCHW internally). */
  outputs: string[];
  /** The input's NHWC shape (−1 for a free dimension); the placeholder's by default. */
  inputShape?: number[];
  /**
   * Extra nodes appended after the converted ones (NCHW tensors named after the outputs above), and the
   * final outputs' names: lets a caller finish the computation in the same session (pooling, concat).
   */
  tail?: (b: OnnxBuilder, outputs: string[]) => string[];
}

// The subset of onnx.proto (https://github.com/onnx/onnx, Apache-2.0) the export writes.
const ONNX_PROTO = `
syntax = "proto2";
package onnx;
message AttributeProto {
  optional string name = 1; optional float f = 2; optional int64 i = 3; optional bytes s = 4;
  repeated float floats = 7; repeated int64 ints = 8; optional int32 type = 20;
}
message ValueInfoProto { optional string name = 1; optional TypeProto type = 2; }
message NodeProto {
  repeated string input = 1; repeated string output = 2; optional string name = 3; optional string op_type = 4;
  repeated AttributeProto attribute = 5;
}
message TensorProto { repeated int64 dims = 1; optional int32 data_type = 2; optional string name = 8; optional bytes raw_data = 9; }
message TensorShapeProto { message Dimension { optional int64 dim_value = 1; optional string dim_param = 2; } repeated Dimension dim = 1; }
message TypeProto { message Tensor { optional int32 elem_type = 1; optional TensorShapeProto shape = 2; } optional Tensor tensor_type = 1; }
message GraphProto {
  repeated NodeProto node = 1; optional string name = 2; repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11; repeated ValueInfoProto output = 12;
}
message OperatorSetIdProto { optional string domain = 1; optional int64 version = 2; }
message ModelProto {
  optional int64 ir_version = 1; optional string producer_name = 2; optional GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
}`;
const ModelProto = protobuf.parse(ONNX_PROTO).root.lookupType('onnx.ModelProto');

const FLOAT = 1;
const INT64 = 7;
const ATTR = { INT: 2, STRING: 3, INTS: 7 } as const;
/** ONNX IR version 8 with opset 17: understood by every onnxruntime since 1.14. */
const IR_VERSION = 8;
const OPSET = 17;

type Attribute = { name: string; type: number; i?: number; s?: Uint8Array; ints?: number[] };

/** Accumulates ONNX nodes and initialisers. */
export class OnnxBuilder {
  readonly nodes: { input: string[]; output: string[]; name: string; opType: string; attribute: Attribute[] }[] = [];
  readonly initializers: { name: string; dims: number[]; dataType: number; rawData: Uint8Array }[] = [];
  private readonly names = new Set<string>();
  private n = 0;

  node(opType: string, input: string[], attrs: Record<string, number | number[] | string> = {}, output = `${opType}_${this.n++}`): string {
    const attribute = Object.entries(attrs).map(([name, v]): Attribute => {
      if (typeof v === 'string') return { name, type: ATTR.STRING, s: new TextEncoder().encode(v) };
      if (Array.isArray(v)) return { name, type: ATTR.INTS, ints: v };
      return { name, type: ATTR.INT, i: v };
    });
    this.nodes.push({ input, output: [output], name: output, opType, attribute });
    return output;
  }

  /** A float32 initialiser; one of that name already added is reused (shared constants). */
  floats(name: string, dims: number[], data: Float32Array): string {
    if (this.names.has(name)) return name;
    this.names.add(name);
    this.initializers.push({ name, dims, dataType: FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    return name;
  }

  int64s(name: string, values: number[]): string {
    const data = BigInt64Array.from(values.map(BigInt));
    this.names.add(name);
    this.initializers.push({ name, dims: [values.length], dataType: INT64, rawData: new Uint8Array(data.buffer) });
    return name;
  }
}

const text = (s: string | undefined) => (s === undefined ? undefined : Buffer.from(s, 'base64').toString('utf8'));
const ints = (l: string[] | undefined) => (l ?? []).map(Number);

/** HWIO (TensorFlow conv) → OIHW (ONNX). */
function convWeights(w: TfWeight): { dims: number[]; data: Float32Array } {
  const [kh, kw, ci, co] = w.shape;
  const out = new Float32Array(w.data.length);
  for (let h = 0; h < kh; h++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < ci; i++)
        for (let o = 0; o < co; o++) out[((o * ci + i) * kh + h) * kw + x] = w.data[((h * kw + x) * ci + i) * co + o];
  return { dims: [co, ci, kh, kw], data: out };
}

/** [kh, kw, channels, multiplier] (TensorFlow depthwise) → [channels·multiplier, 1, kh, kw] (ONNX grouped conv). */
function depthwiseWeights(w: TfWeight): { dims: number[]; data: Float32Array } {
  const [kh, kw, c, m] = w.shape;
  const out = new Float32Array(w.data.length);
  for (let h = 0; h < kh; h++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < c; i++) for (let j = 0; j < m; j++) out[((i * m + j) * kh + h) * kw + x] = w.data[((h * kw + x) * c + i) * m + j];
  return { dims: [c * m, 1, kh, kw], data: out };
}

/** NHWC axis → NCHW axis. */
const NCHW_AXIS = [0, 2, 3, 1];

/**
 * Converts the part of a tfjs graph that the outputs depend on. The input placeholder takes NHWC
 * float32 (as the tfjs graph did); outputs are NCHW unless the tail reshapes them.
 */
export function tfGraphToOnnx(nodes: TfNode[], weights: Map<string, TfWeight>, opts: OnnxExportOptions): Uint8Array {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const b = new OnnxBuilder();
  const done = new Map<string, string>();
  /** Each converted tensor's spatial stride relative to the input (resize scales are derived from it). */
  const strides = new Map<string, number>();
  let inputName = '';
  let inputShape: number[] = [];
  /** The spatial side the graph was exported for (its size constants refer to it). */
  let exportedSide = 0;

  const constant = (name: string) => {
    const w = weights.get(name);
    if (!w) throw new Error(`ONNX export: constant ${name} has no value`);
    return w;
  };
  const scalar = (name: string) => {
    const w = constant(name);
    if (w.data.length !== 1) throw new Error(`ONNX export: ${name} is not a scalar constant`);
    return b.floats(name, [], w.data);
  };
  const isConst = (name: string) => byName.get(name)?.op === 'Const';
  const activation = (kind: string | undefined, x: string, name: string): string => {
    if (kind === 'Relu') return b.node('Relu', [x], {}, name);
    if (kind === 'Relu6')
      return b.node('Clip', [x, b.floats(':zero', [], Float32Array.of(0)), b.floats(':six', [], Float32Array.of(6))], {}, name);
    if (kind === 'Sigmoid') return b.node('Sigmoid', [x], {}, name);
    throw new Error(`ONNX export: no activation ${kind}`);
  };

  const visit = (name: string): string => {
    const seen = done.get(name);
    if (seen) return seen;
    const node = byName.get(name);
    if (!node) throw new Error(`ONNX export: no node ${name}`);
    const inputs = node.input ?? [];
    const attr = node.attr ?? {};
    let out: string;
    let stride = 1;
    switch (node.op) {
      case 'Placeholder': {
        inputName = name;
        // The NHWC placeholder becomes the model's input; everything after works in NCHW.
        out = b.node('Transpose', [name], { perm: [0, 3, 1, 2] });
        const exported = (attr.shape?.shape?.dim ?? []).map((d) => Number(d.size));
        if (exported.length !== 4) throw new Error(`ONNX export: input ${name} is not a 4-D tensor`);
        exportedSide = exported[1];
        inputShape = opts.inputShape ?? exported;
        break;
      }
      case 'Mul':
      case 'Sub':
      case 'Add':
      case 'AddV2': {
        // Constants in these graphs are scalars (input scaling, hard-swish); tensors broadcast as in NHWC
        // because the only non-scalar broadcast is a squeeze-excitation's [n,1,1,c] ↔ [n,c,1,1].
        const tensors = inputs.filter((i) => !isConst(i));
        if (!tensors.length) throw new Error(`ONNX export: ${name} has only constant inputs`);
        const args = inputs.map((i) => (isConst(i) ? scalar(i) : visit(i)));
        stride = Math.max(...tensors.map((t) => strides.get(t) ?? 0));
        out = b.node(node.op.startsWith('Add') ? 'Add' : node.op, args, {}, name);
        break;
      }
      case 'Relu':
      case 'Relu6':
      case 'Sigmoid':
      case 'Identity': {
        const x = visit(inputs[0]);
        stride = strides.get(inputs[0])!;
        out = node.op === 'Identity' ? x : activation(node.op, x, name);
        break;
      }
      case 'Mean': {
        if (!attr.keep_dims?.b) throw new Error(`ONNX export: ${name} drops its reduced axes`);
        const axes = Array.from(constant(inputs[1]).data, (a) => NCHW_AXIS[a < 0 ? a + 4 : a]);
        out = b.node('ReduceMean', [visit(inputs[0])], { axes, keepdims: 1 }, name);
        stride = strides.get(inputs[0])!;
        break;
      }
      case 'ConcatV2': {
        const parts = inputs.slice(0, -1);
        const axis = constant(inputs[inputs.length - 1]).data[0];
        out = b.node('Concat', parts.map(visit), { axis: NCHW_AXIS[axis < 0 ? axis + 4 : axis] }, name);
        stride = strides.get(parts[0])!;
        break;
      }
      case 'ResizeBilinear': {
        if (attr.align_corners?.b || attr.half_pixel_centers?.b) throw new Error(`ONNX export: ${name} uses another pixel convention`);
        // The output size is a constant for the exported input side: as a scale, the graph runs at any side.
        const x = visit(inputs[0]);
        const inSide = exportedSide / strides.get(inputs[0])!;
        const [outH, outW] = constant(inputs[1]).data;
        if (outH !== outW || !Number.isInteger(outH / inSide)) throw new Error(`ONNX export: ${name} is not an integer upscale`);
        const scale = outH / inSide;
        stride = strides.get(inputs[0])! / scale;
        // Legacy TensorFlow bilinear (no half-pixel centres) samples at out × in/out: ONNX's asymmetric.
        out = b.node(
          'Resize',
          [x, '', b.floats(`${name}:scales`, [4], Float32Array.of(1, 1, scale, scale))],
          { mode: 'linear', coordinate_transformation_mode: 'asymmetric' },
          name,
        );
        break;
      }
      case 'Conv2D':
      case 'DepthwiseConv2dNative':
      case '_FusedConv2D':
      case 'FusedDepthwiseConv2dNative': {
        if (text(attr.data_format?.s) !== 'NHWC') throw new Error(`ONNX export: ${name} is not NHWC`);
        const fusedOp = node.op.startsWith('_Fused') || node.op.startsWith('Fused');
        const fused = (attr.fused_ops?.list?.s ?? []).map((s) => text(s));
        if (fusedOp && (fused[0] !== 'BiasAdd' || fused.length > 2 || (fused[1] && fused[1] !== 'Relu6' && fused[1] !== 'Relu')))
          throw new Error(`ONNX export: ${name} fuses ${fused.join('+')}`);
        const padding = text(attr.padding?.s);
        if (padding !== 'SAME' && padding !== 'VALID') throw new Error(`ONNX export: ${name} has padding ${padding}`);
        const [x, wName, biasName] = inputs;
        const w = constant(wName);
        const depthwise = node.op.includes('Depthwise');
        const cw = depthwise ? depthwiseWeights(w) : convWeights(w);
        const convStrides = ints(attr.strides?.list?.i).slice(1, 3);
        const dilations = ints(attr.dilations?.list?.i).slice(1, 3);
        const convAttrs: Record<string, number | number[] | string> = {
          kernel_shape: [w.shape[0], w.shape[1]],
          strides: convStrides.length ? convStrides : [1, 1],
          dilations: dilations.length ? dilations : [1, 1],
          // TensorFlow's SAME puts the odd pixel of padding after: ONNX's SAME_UPPER.
          auto_pad: padding === 'SAME' ? 'SAME_UPPER' : 'VALID',
        };
        if (depthwise) convAttrs.group = w.shape[2];
        const args = [visit(x), b.floats(`${wName}:onnx`, cw.dims, cw.data)];
        if (fusedOp) args.push(b.floats(biasName, [constant(biasName).data.length], constant(biasName).data));
        const conv = b.node('Conv', args, convAttrs, fused[1] ? `${name}:conv` : name);
        out = fused[1] ? activation(fused[1], conv, name) : conv;
        stride = strides.get(x)! * (convStrides[0] ?? 1);
        break;
      }
      default:
        throw new Error(`ONNX export: unsupported op ${node.op} (${name})`);
    }
    done.set(name, out);
    strides.set(name, stride);
    return out;
  };

  const converted = opts.outputs.map(visit);
  const finals = opts.tail ? opts.tail(b, converted) : converted;
  const valueInfo = (name: string, dims: number[]) => ({
    name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: { dim: dims.map((d, i) => (d < 0 ? { dimParam: `d${i}` } : { dimValue: d })) },
      },
    },
  });
  const model = ModelProto.create({
    irVersion: IR_VERSION,
    producerName: 'eig-iaflash',
    opsetImport: [{ domain: '', version: OPSET }],
    graph: {
      name: 'graph',
      node: b.nodes,
      initializer: b.initializers,
      input: [valueInfo(inputName, inputShape)],
      output: finals.map((f) => ({ name: f, type: { tensorType: { elemType: FLOAT } } })),
    },
  });
  return ModelProto.encode(model).finish();
}
