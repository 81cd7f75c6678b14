/**
 * A pool of vision workers, one per core by default: the wasm backend uses one thread, so this is
 * how inference and training-feature extraction use the machine. Size 0 runs in-process (tests).
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { IaflashError, type IaflashErrorCode } from '../io/errors.ts';
import type { Analyzed, AnalyzeRequest, Extracted, ExtractRequest } from './extract.ts';
import type { WorkerTask } from './worker.ts';

export interface VisionPool {
  extract(req: ExtractRequest): Promise<Extracted>;
  analyze(req: AnalyzeRequest): Promise<Analyzed>;
  /** Forget a cached model (after retraining into the same folder). */
  unload(modelDir: string): Promise<void>;
  readonly size: number;
  close(): Promise<void>;
}

type Reply = { ready?: boolean; error?: { code: string; message: string } | string; id: number; ok: boolean; res: unknown };

export async function createVisionPool(size = Math.max(1, Math.min(availableParallelism(), 4))): Promise<VisionPool> {
  if (size === 0) return inProcessPool();
  const url = new URL(import.meta.url.endsWith('.ts') ? './worker-entry.mjs' : './worker.js', import.meta.url);
  const workers: { w: Worker; busy: number }[] = [];
  const pending = new Map<number, { resolve(r: unknown): void; reject(e: Error): void; entry: { busy: number } }>();
  let nextId = 1;
  await Promise.all(
    Array.from({ length: size }, () => {
      const w = new Worker(url);
      const entry = { w, busy: 0 };
      workers.push(entry);
      return new Promise<void>((resolve, reject) => {
        w.on('message', (m: Reply) => {
          if (m.ready !== undefined) return m.ready ? resolve() : reject(new Error(String(m.error)));
          const p = pending.get(m.id);
          if (!p) return;
          pending.delete(m.id);
          p.entry.busy--;
          if (m.ok) p.resolve(m.res);
          else {
            const e = m.error as { code: string; message: string };
            p.reject(e.code === 'INTERNAL' ? new Error(e.message) : new IaflashError(e.code as IaflashErrorCode, e.message));
          }
        });
        w.on('error', (err) => {
          reject(err);
          for (const [id, p] of pending)
            if (p.entry === entry) {
              pending.delete(id);
              p.reject(err);
            }
        });
      });
    }),
  );
  const send = <T>(task: WorkerTask, entry = workers.reduce((a, b) => (b.busy < a.busy ? b : a))): Promise<T> => {
    const id = nextId++;
    entry.busy++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (r: unknown) => void, reject, entry });
      entry.w.postMessage({ id, task });
    });
  };
  return {
    size,
    extract: (req) => send<Extracted>({ op: 'extract', req }),
    analyze: (req) => send<Analyzed>({ op: 'analyze', req }),
    async unload(modelDir) {
      await Promise.all(workers.map((e) => send({ op: 'unload', modelDir }, e)));
    },
    async close() {
      await Promise.all(workers.map((e) => e.w.terminate()));
    },
  };
}

async function inProcessPool(): Promise<VisionPool> {
  const { Vision } = await import('./vision.ts');
  const { extract, analyzeWith } = await import('./extract.ts');
  const { HeadRecognizer } = await import('./recognizer.ts');
  const vision = await Vision.create();
  const recognizers = new Map<string, Promise<InstanceType<typeof HeadRecognizer>>>();
  return {
    size: 0,
    extract: (req) => extract(vision, req),
    async analyze(req) {
      if (!recognizers.has(req.modelDir)) recognizers.set(req.modelDir, HeadRecognizer.load(vision, req.modelDir));
      return analyzeWith(vision, await recognizers.get(req.modelDir)!, req);
    },
    async unload(dir) {
      recognizers.delete(dir);
    },
    async close() {},
  };
}
