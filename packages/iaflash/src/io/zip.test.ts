import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { cleanName, readZip, writeZip } from './zip.ts';

const limits = { maxEntries: 10, maxEntryBytes: 1000, maxTotalBytes: 1500 };
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return 'no error';
};

describe('readZip', () => {
  it('reads stored and deflated entries, with clean names and no folders', () => {
    const deflated = Buffer.from(zipSync({ 'a/../photos/b.jpg': new Uint8Array(300).fill(7), 'dir/': new Uint8Array(0) }, { level: 9 }));
    const entries = readZip(deflated, limits);
    expect(entries.map((e) => e.name)).toEqual(['photos/b.jpg']);
    expect(entries[0].read().equals(Buffer.alloc(300, 7))).toBe(true);
    const stored = readZip(writeZip([{ name: 'x.csv', data: Buffer.from('file,make,model\n') }]), limits);
    expect(stored[0].read().toString()).toBe('file,make,model\n');
  });

  it('refuses what is not a zip, a truncated one, and archives over the limits, before inflating', () => {
    expect(code(() => readZip(Buffer.from('not a zip at all'), limits))).toBe('ARCHIVE_INVALID');
    const ok = writeZip([{ name: 'a.jpg', data: Buffer.alloc(100, 1) }]);
    expect(code(() => readZip(ok.subarray(0, ok.length - 30), limits))).toBe('ARCHIVE_INVALID');
    const big = Buffer.from(zipSync({ 'big.jpg': new Uint8Array(5000) }, { level: 9 }));
    expect(big.length).toBeLessThan(1000);
    expect(code(() => readZip(big, limits))).toBe('ARCHIVE_INVALID');
    const many = writeZip(Array.from({ length: 11 }, (_, i) => ({ name: `${i}.jpg`, data: Buffer.alloc(1) })));
    expect(code(() => readZip(many, limits))).toBe('ARCHIVE_INVALID');
    const total = writeZip(Array.from({ length: 2 }, (_, i) => ({ name: `${i}.jpg`, data: Buffer.alloc(800) })));
    expect(code(() => readZip(total, limits))).toBe('ARCHIVE_INVALID');
  });

  it('never inflates past a declared size that lies (zip bomb)', () => {
    const bomb = Buffer.from(zipSync({ 'a.jpg': new Uint8Array(100_000) }, { level: 9 }));
    // the declared uncompressed size, in the central directory (offset 24 of its header) and the local header (22)
    const cd = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(500, cd + 24);
    bomb.writeUInt32LE(500, 22);
    // fflate inflates into a buffer of the declared size: the entry comes out cut at 500 bytes
    expect(readZip(bomb, limits)[0].read().length).toBeLessThanOrEqual(500);
  });
});

describe('cleanName', () => {
  it('keeps names inside the archive and drops macOS metadata', () => {
    expect(cleanName('a/../b\\c.jpg')).toBe('b/c.jpg');
    expect(cleanName('/../../etc/passwd')).toBe('etc/passwd');
    expect(cleanName('__MACOSX/a.jpg')).toBeNull();
    expect(cleanName('photos/._a.jpg')).toBeNull();
  });
});
