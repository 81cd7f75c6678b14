/**
 * A pool of vision workers, one per core by default: the wasm backend uses one thread, so this is
 * how inference and training-feature extraction use the machine. Size 0 runs in-process (tests).
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { IaflashError, type IaflashErrorCode } from '../io/errors.ts';
import type { Extracted, ExtractRequest } from './extract.ts';
import type { Vision } from './vision.ts';

interface Pending {
  resolve(r: Extracted): void;
  reject(e: Error): void;
}

export interface VisionPool {
  extract(req: ExtractRequest): Promise<Extracted>;
  readonly size: number;
  close(): Promise<void>;
}

export async function createVisionPool(size = Math.max(1, Math.min(availableParallelism(), 4))): Promise<VisionPool> {
  if (size === 0) return inProcessPool();
  const url = new URL(import.meta.url.endsWith('.ts') ? './worker-entry.mjs' : './worker.js', import.meta.url);
  const workers: { w: Worker; busy: number }[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 1;
  await Promise.all(
    Array.from({ length: size }, () => {
      const w = new Worker(url);
      const entry = { w, busy: 0 };
      workers.push(entry);
      return new Promise<void>((resolve, reject) => {
        w.on('message', (m: { ready?: boolean; id: number; ok: boolean; res: Extracted; error: { code: string; message: string } }) => {
          if (m.ready) return resolve();
          const p = pending.get(m.id);
          if (!p) return;
          pending.delete(m.id);
          entry.busy--;
          if (m.ok) p.resolve(m.res);
          else p.reject(m.error.code === 'INTERNAL' ? new Error(m.error.message) : new IaflashError(m.error.code as IaflashErrorCode, m.error.message));
        });
        w.once('error', reject);
      });
    }),
  );
  return {
    size,
    extract(req) {
      const id = nextId++;
      const entry = workers.reduce((a, b) => (b.busy < a.busy ? b : a));
      entry.busy++;
      return new Promise<Extracted>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        entry.w.postMessage({ id, req });
      });
    },
    async close() {
      await Promise.all(workers.map((e) => e.w.terminate()));
    },
  };
}

async function inProcessPool(): Promise<VisionPool> {
  const { Vision } = await import('./vision.ts');
  const { extract } = await import('./extract.ts');
  const vision: Vision = await Vision.create();
  return { size: 0, extract: (req) => extract(vision, req), async close() {} };
}
