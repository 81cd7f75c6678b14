import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { openDb } from './index.ts';
import type { Db } from './types.ts';

const waitFor = <T>(fn: () => T | Promise<T>) => vi.waitFor(fn, { timeout: 15_000, interval: 20 });

describe.each(testDatabases())('LISTEN/NOTIFY on $name', (target) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(() => target.cleanup());

  it('delivers a notification with its payload to every listener of the channel, and only to them', async () => {
    const a: string[] = [];
    const b: string[] = [];
    const other: string[] = [];
    const stopA = await db.listen('dataset_ready', (p) => a.push(p));
    const stopB = await db.listen('dataset_ready', (p) => b.push(p));
    const stopOther = await db.listen('something_else', (p) => other.push(p));
    await db.notify('dataset_ready', '42');
    await db.notify('dataset_ready');
    await waitFor(() => expect(b).toEqual(['42', '']));
    expect(a).toEqual(['42', '']);
    expect(other).toEqual([]);
    await stopA();
    await db.notify('dataset_ready', 'after');
    await waitFor(() => expect(b).toEqual(['42', '', 'after']));
    expect(a).toEqual(['42', '']);
    await stopB();
    await stopOther();
  });

  it('sends a notification of a transaction when it commits, never when it rolls back', async () => {
    const got: string[] = [];
    const stop = await db.listen('tx_channel', (p) => got.push(p));
    await expect(
      db.transaction(async (tx) => {
        await tx.query('SELECT pg_notify($1, $2)', ['tx_channel', 'rolled back']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_notify($1, $2)', ['tx_channel', 'committed']);
    });
    await db.notify('tx_channel', 'marker');
    // Notifications arrive in commit order: once the marker is here, a rolled-back one would be too.
    await waitFor(() => expect(got).toContain('marker'));
    expect(got).toEqual(['committed', 'marker']);
    await stop();
  });

  it('keeps going when a listener throws', async () => {
    const got: string[] = [];
    const stopBad = await db.listen('fragile', () => {
      throw new Error('listener bug');
    });
    const stop = await db.listen('fragile', (p) => got.push(p));
    await db.notify('fragile', '1');
    await db.notify('fragile', '2');
    await waitFor(() => expect(got).toEqual(['1', '2']));
    await stopBad();
    await stop();
  });

  it('rejects channel names that are not plain lowercase identifiers, and oversized payloads', async () => {
    for (const bad of ['', 'Upper', 'semi;colon', 'a b', '1abc', 'x'.repeat(64), 'quote"d']) {
      await expect(
        db.listen(bad, () => {}),
        bad,
      ).rejects.toThrow(/Canal de notification invalide/);
      await expect(db.notify(bad, 'x'), bad).rejects.toThrow(/Canal de notification invalide/);
    }
    await expect(db.notify('big', 'é'.repeat(4000))).rejects.toThrow(/trop longue/);
    await db.notify('big', 'x'.repeat(7000));
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('LISTEN/NOTIFY on postgres, across connections', () => {
  const target = testDatabases().find((t) => t.name === 'postgres')!;
  const others: Db[] = [];
  afterAll(async () => {
    for (const d of others) await d.close();
    await target?.cleanup();
  });

  it('lets one process react to what another one sends', async () => {
    const sender = await target.open();
    const receiver = await openDb(sender.config);
    others.push(receiver);
    const got: string[] = [];
    await receiver.listen('catalog_updated', (p) => got.push(p));
    await sender.notify('catalog_updated', '7');
    await waitFor(() => expect(got).toEqual(['7']));
  });

  it('reconnects and listens again when its connection is killed', async () => {
    const sender = await target.open();
    const receiver = await openDb(sender.config);
    others.push(receiver);
    const got: string[] = [];
    await receiver.listen('survives', (p) => got.push(p));
    await sender.notify('survives', 'before');
    await waitFor(() => expect(got).toEqual(['before']));
    const killed = await sender.query<{ ok: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'eig-listen'`,
    );
    expect(killed.rows.length).toBeGreaterThan(0);
    // Sent again until one arrives: the ones sent while the listener reconnects are lost (documented).
    await waitFor(async () => {
      await sender.notify('survives', 'after');
      expect(got).toContain('after');
    });
  });
});
