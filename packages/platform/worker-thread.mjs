// The entry of every worker thread of the platform's pools (src/workers/pool.ts): loads the worker
// module named after `--eig-worker-module` on the thread's argv, then runs its exported functions as
// tasks. Plain JavaScript, outside src/, so that the same file serves the compiled suite and its
// TypeScript sources: a `.ts` module (tests, benches) is loaded through tsx, which a worker thread
// cannot get from execArgv on Node 20.
const at = process.argv.indexOf('--eig-worker-module');
const href = at >= 0 ? process.argv[at + 1] : undefined;
if (!href) throw new Error('worker-thread.mjs: no --eig-worker-module');
if (href.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
const mod = await import(href);

/** Piscina calls this for every task: `{ task, payload }` → the module's `task(payload)`. */
export default function dispatch({ task, payload }) {
  const fn = mod[task];
  if (typeof fn !== 'function') throw new Error(`${href}: no task named ${task}`);
  return fn(payload);
}
