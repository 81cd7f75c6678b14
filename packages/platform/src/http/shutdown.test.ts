import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { createServer } from './server.ts';
import { installShutdown } from './shutdown.ts';

describe('installShutdown', () => {
  it('lets in-flight requests finish, then closes services, then exits 0', async () => {
    const app = createServer({ config: loadConfig({}), log: createLogger({ level: 'silent' }) });
    let release!: () => void;
    const started = new Promise<void>((ok) => {
      app.get('/slow', async () => {
        ok();
        await new Promise<void>((r) => (release = r));
        return { done: true };
      });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };

    const steps: string[] = [];
    const exit = vi.fn((code: number) => void steps.push(`exit ${code}`));
    const shutdown = installShutdown(app, async () => void steps.push('services closed'), { exit, signals: ['SIGUSR2'] });

    const inflight = fetch(`http://127.0.0.1:${port}/slow`).then((r) => r.json());
    await started;
    const closing = shutdown('test');
    expect(shutdown('again')).toBe(closing); // idempotent
    release();
    expect(await inflight).toEqual({ done: true });
    await closing;
    expect(steps).toEqual(['services closed', 'exit 0']);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    expect(process.listenerCount('SIGUSR2')).toBe(0);
  });

  it('exits 1 when closing fails', async () => {
    const app = createServer({ config: loadConfig({}), log: createLogger({ level: 'silent' }) });
    await app.ready();
    const exit = vi.fn();
    await installShutdown(app, () => Promise.reject(new Error('db stuck')), { exit, signals: ['SIGUSR2'] })('test');
    expect(exit).toHaveBeenCalledWith(1);
  });
});
