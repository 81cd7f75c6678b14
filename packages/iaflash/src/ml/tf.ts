/**
 * One TensorFlow.js runtime per process, on the WebAssembly backend (tfjs-node cannot install here:
 * it downloads a binary). The wasm backend is single-threaded, so parallelism comes from one
 * worker_thread per core (see pool.ts), each with its own runtime. The default feature extractor runs
 * on onnxruntime-node instead (onnx-backbone.ts); tfjs keeps the detector, the heads and training.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

let ready: Promise<typeof tf> | null = null;

export type Backend = 'wasm' | 'cpu';

/** Initialises tfjs once; 'cpu' (pure JS) is only for kernels wasm lacks (conv gradients). */
export function initTf(backend: Backend = 'wasm'): Promise<typeof tf> {
  ready ??= (async () => {
    if (backend === 'wasm') {
      const require = createRequire(import.meta.url);
      // The .wasm binaries ship inside the npm package: point the loader at them (no network).
      setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + '/');
    }
    // tfjs prints a "looks like you are running TensorFlow.js in Node.js" hint on the first op.
    tf.env().set('IS_NODE', true);
    tf.env().set('PROD', true);
    await tf.setBackend(backend);
    await tf.ready();
    return tf;
  })();
  return ready;
}

export { tf };
