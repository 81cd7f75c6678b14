// The entry of Open Justice's engine threads (src/engine/pool.ts): loads the thread module named in
// workerData, then runs its exported functions as tasks. Plain JavaScript outside src/, so that the
// same file serves the compiled suite (dist/engine/thread.js) and its TypeScript sources (tests,
// benches: the `.ts` module is loaded through tsx, which a worker thread cannot get from execArgv on
// Node 20). Same design as the platform's coming worker pool; see pool.ts.
import { workerData } from 'node:worker_threads';

const href = workerData?.module;
if (!href) throw new Error('engine-thread.mjs: no module in workerData');
if (href.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
const mod = await import(href);
await mod.init?.(workerData.options);

/** Piscina calls this for every task: `{ task, payload }` → the module's `task(payload)`. */
export default function dispatch({ task, payload }) {
  const fn = mod[task];
  if (typeof fn !== 'function') throw new Error(`engine thread: no task named ${task}`);
  return fn(payload);
}
