/**
 * onnxruntime-node, for the frozen networks (feature extractor and detector, converted in memory from
 * their tfjs graphs by onnx-export.ts): its native CPU kernels run them about four times faster than
 * tfjs's single-threaded WebAssembly backend (docs/model.md). tfjs keeps the trainable heads and
 * training, and runs the frozen networks where the native binary does not load.
 */
import type * as OnnxRuntimeNode from 'onnxruntime-node';
import type { InferenceSession } from 'onnxruntime-node';

export type Ort = typeof OnnxRuntimeNode;

let runtime: Promise<Ort | null> | null = null;

/** onnxruntime-node, or null where its native binary does not load (a platform it ships none for). */
export function onnxRuntime(): Promise<Ort | null> {
  runtime ??= import('onnxruntime-node').then(
    (m) => ((m as unknown as { default?: Ort }).default ?? m) as Ort,
    () => null,
  );
  return runtime;
}

/** A session on one thread: the pool already runs one worker per core. */
export function createSession(ort: Ort, model: Uint8Array): Promise<InferenceSession> {
  return ort.InferenceSession.create(model, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
}
