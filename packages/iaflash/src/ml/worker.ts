/** Worker thread: one wasm runtime (single-threaded) running the frozen networks. */
import { parentPort } from 'node:worker_threads';
import { Vision } from './vision.ts';
import { extract, type ExtractRequest } from './extract.ts';
import { IaflashError } from '../io/errors.ts';

const port = parentPort!;
const visionReady = Vision.create();

port.on('message', async (msg: { id: number; req: ExtractRequest }) => {
  try {
    const vision = await visionReady;
    const res = await extract(vision, msg.req);
    const transfer = [...res.features.map((f) => f.buffer as ArrayBuffer), ...(res.baseline ? [res.baseline.buffer as ArrayBuffer] : [])];
    port.postMessage({ id: msg.id, ok: true, res }, transfer);
  } catch (err) {
    const e = err instanceof IaflashError ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: String((err as Error)?.message ?? err) };
    port.postMessage({ id: msg.id, ok: false, error: e });
  }
});
port.postMessage({ ready: true });
