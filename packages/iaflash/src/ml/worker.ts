/** Worker thread: one wasm runtime (single-threaded) running the frozen networks and the head. */
import { parentPort } from 'node:worker_threads';
import { Vision } from './vision.ts';
import { analyzeWith, extract, type AnalyzeRequest, type ExtractRequest } from './extract.ts';
import { HeadRecognizer } from './recognizer.ts';
import { IaflashError } from '../io/errors.ts';

const port = parentPort!;
const visionReady = Vision.create();
const recognizers = new Map<string, Promise<HeadRecognizer>>();

export type WorkerTask =
  { op: 'extract'; req: ExtractRequest } | { op: 'analyze'; req: AnalyzeRequest } | { op: 'unload'; modelDir: string };

async function run(task: WorkerTask): Promise<{ res: unknown; transfer: ArrayBuffer[] }> {
  const vision = await visionReady;
  if (task.op === 'extract') {
    const res = await extract(vision, task.req);
    return {
      res,
      transfer: [...res.features.map((f) => f.buffer as ArrayBuffer), ...(res.baseline ? [res.baseline.buffer as ArrayBuffer] : [])],
    };
  }
  if (task.op === 'unload') {
    recognizers.delete(task.modelDir);
    return { res: null, transfer: [] };
  }
  const dir = task.req.modelDir;
  if (!recognizers.has(dir)) recognizers.set(dir, HeadRecognizer.load(vision, dir));
  const recognizer = await recognizers.get(dir)!.catch((err) => {
    recognizers.delete(dir);
    throw err;
  });
  const res = await analyzeWith(vision, recognizer, task.req);
  return { res, transfer: [] };
}

port.on('message', async (msg: { id: number; task: WorkerTask }) => {
  try {
    const { res, transfer } = await run(msg.task);
    port.postMessage({ id: msg.id, ok: true, res }, transfer);
  } catch (err) {
    const e =
      err instanceof IaflashError
        ? { code: err.code, message: err.message }
        : { code: 'INTERNAL', message: String((err as Error)?.message ?? err) };
    port.postMessage({ id: msg.id, ok: false, error: e });
  }
});
visionReady.then(
  () => port.postMessage({ ready: true }),
  (err) => port.postMessage({ ready: false, error: String(err) }),
);
