/**
 * Open Justice's engine threads on the platform's worker pool: the engine runs in another thread with
 * the configured model, input errors come back as values, warm-up loads the engine, and a full queue
 * is refused at once and becomes a 503 with Retry-After.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { HttpError, WorkerPoolOverloadedError } from '@eig/platform';
import { createEnginePool, engineOverloadedHttpError } from './pool.ts';
import type { EngineRunner } from './types.ts';

const TEXT = 'Madame Joséphine Kowalczyk, née le 3 mars 1971, demeurant 12 rue des Lilas à Lyon.';

describe('engine pool (platform worker pool)', () => {
  const runners: EngineRunner[] = [];
  afterAll(async () => {
    for (const r of runners) await r.close();
  });

  it('starts no thread before use, warms up, then pseudonymizes in a thread', async () => {
    const engine = createEnginePool({ model: 'local', threads: 1, maxQueue: 4 });
    runners.push(engine);
    expect(engine.ready).toBe(false);
    await engine.warm();
    expect(engine.ready).toBe(true);
    const out = await engine.pseudonymize(TEXT);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.value.pseudonymized).not.toContain('Kowalczyk');
    expect(out.value.entities.map((e) => e.category)).toContain('personnePhysiqueNom');
    // an input error crosses the thread as a value with its code
    const bad = await engine.pseudonymize('\u0000\u0001\u0002\u0003binary\u0000\u0000\u0000\u0000');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.code).toBe('BINARY_INPUT');
  });

  it('refuses at once when the thread is busy and the queue is full: 503 + Retry-After', async () => {
    const engine = createEnginePool({ model: 'local', threads: 1, maxQueue: 0 });
    runners.push(engine);
    await engine.warm();
    const long = TEXT.repeat(4000); // ≈ 340 000 characters: the thread is busy for a while
    const running = engine.pseudonymize(long);
    const refused = await engine.pseudonymize(TEXT).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkerPoolOverloadedError);
    const http = engineOverloadedHttpError(refused) as HttpError;
    expect(http).toBeInstanceOf(HttpError);
    expect(http).toMatchObject({ statusCode: 503, code: 'overloaded', retryAfterSeconds: 2 });
    const other = new Error('x');
    expect(engineOverloadedHttpError(other)).toBe(other);
    expect((await running).ok).toBe(true);
  });
});
