/**
 * Inference copy of a Keras MobileNet-style layers model with every batch normalisation folded into
 * the convolution before it, and the ReLU6 after it fused in too: one wasm (XNNPACK) kernel per
 * convolution instead of convolution, normalisation and activation as three passes over memory.
 * Same function as the layers model up to float32 rounding (checked in fused.test.ts).
 */
import { tf } from './tf.ts';

type Op =
  | {
      kind: 'conv' | 'depthwise';
      input: string;
      output: string;
      filter: tf.Tensor4D;
      bias: tf.Tensor1D;
      strides: [number, number];
      pad: 'same' | 'valid';
      relu6: boolean;
    }
  | { kind: 'pad'; input: string; output: string; padding: [[number, number], [number, number]] }
  | { kind: 'add'; inputs: string[]; output: string };

export interface FusedModel {
  /** Outputs in the order of the `outputs` names given to fuseBatchNorm. Call inside tf.tidy. */
  predict(x: tf.Tensor4D): tf.Tensor4D[];
  dispose(): void;
}

type LayerConfig = Record<string, unknown>;

/**
 * Folds the model's Conv2D/DepthwiseConv2D → BatchNormalization (→ ReLU with max 6) chains. Throws
 * on any other layer kind, so a model outside this family is never silently mis-run.
 */
export function fuseBatchNorm(model: tf.LayersModel, outputs: string[]): FusedModel {
  const consumers = new Map<string, string[]>();
  for (const l of model.layers)
    for (const node of l.inboundNodes)
      for (const src of node.inboundLayers) consumers.set(src.name, [...(consumers.get(src.name) ?? []), l.name]);
  const byName = new Map(model.layers.map((l) => [l.name, l]));
  const inputsOf = (l: tf.layers.Layer) => l.inboundNodes[0].inboundLayers.map((x) => x.name);
  const only = (name: string) => {
    const c = consumers.get(name) ?? [];
    return c.length === 1 ? byName.get(c[0]) : undefined;
  };
  const ops: Op[] = [];
  const folded = new Set<string>();
  let inputName = '';
  for (const l of model.layers) {
    const cls = l.getClassName();
    const cfg = l.getConfig() as LayerConfig;
    if (folded.has(l.name)) continue;
    if (cls === 'InputLayer') inputName = l.name;
    else if (cls === 'ZeroPadding2D')
      ops.push({ kind: 'pad', input: inputsOf(l)[0], output: l.name, padding: cfg.padding as [[number, number], [number, number]] });
    else if (cls === 'Add') ops.push({ kind: 'add', inputs: inputsOf(l), output: l.name });
    else if (cls === 'Conv2D' || cls === 'DepthwiseConv2D') {
      const bn = only(l.name);
      if (!bn || bn.getClassName() !== 'BatchNormalization') throw new Error(`${l.name}: no batch normalisation to fold`);
      const bnCfg = bn.getConfig() as LayerConfig;
      const relu = only(bn.name);
      const relu6 = relu?.getClassName() === 'ReLU' && (relu.getConfig() as LayerConfig).maxValue === 6 && !outputs.includes(bn.name);
      if ((cfg.dilationRate as number[]).some((d) => d !== 1) || (cfg.activation !== 'linear' && cfg.activation !== undefined))
        throw new Error(`${l.name}: unsupported configuration`);
      const w = l.getWeights();
      const [gamma, beta, mean, variance] = bn.getWeights();
      const [filter, bias] = tf.tidy(() => {
        const scale = gamma.div(variance.add(bnCfg.epsilon as number).sqrt());
        const kernel = w[0] as tf.Tensor4D;
        const f = cls === 'Conv2D' ? kernel.mul(scale) : kernel.mul(scale.reshape([1, 1, -1, 1]));
        const b0 = w[1] ? w[1].mul(scale) : tf.zerosLike(scale);
        return [f as tf.Tensor4D, beta.sub(mean.mul(scale)).add(b0) as tf.Tensor1D];
      });
      const output = relu6 ? relu!.name : bn.name;
      folded.add(bn.name);
      if (relu6) folded.add(relu!.name);
      ops.push({
        kind: cls === 'Conv2D' ? 'conv' : 'depthwise',
        input: inputsOf(l)[0],
        output,
        filter,
        bias,
        strides: cfg.strides as [number, number],
        pad: cfg.padding as 'same' | 'valid',
        relu6,
      });
    } else throw new Error(`${l.name}: layer ${cls} not supported by fuseBatchNorm`);
  }
  const produced = new Set([inputName, ...ops.map((o) => o.output)]);
  for (const o of outputs) if (!produced.has(o)) throw new Error(`output ${o} is folded away or missing`);
  return {
    predict(x) {
      const t = new Map<string, tf.Tensor4D>([[inputName, x]]);
      for (const op of ops) {
        if (op.kind === 'pad') t.set(op.output, tf.pad(t.get(op.input)!, [[0, 0], ...op.padding, [0, 0]]));
        else if (op.kind === 'add') t.set(op.output, tf.addN(op.inputs.map((i) => t.get(i)!)) as tf.Tensor4D);
        else {
          const args = {
            x: t.get(op.input)!,
            bias: op.bias,
            strides: op.strides,
            pad: op.pad,
            activation: op.relu6 ? ('relu6' as const) : ('linear' as const),
          };
          t.set(
            op.output,
            op.kind === 'conv' ? tf.fused.conv2d({ ...args, filter: op.filter }) : tf.fused.depthwiseConv2d({ ...args, filter: op.filter }),
          );
        }
      }
      return outputs.map((o) => t.get(o)!);
    },
    dispose() {
      for (const op of ops) if (op.kind === 'conv' || op.kind === 'depthwise') tf.dispose([op.filter, op.bias]);
    },
  };
}
