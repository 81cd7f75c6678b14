import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activePlateReaderDir } from './api.ts';
import { readPlateReaderRecord } from './reader.ts';
import { installShippedReaderAsTuned } from '../test-fixtures.ts';
import { DEFAULT_MODEL_DIR } from '../ml/paths.ts';

describe('active plate reader', () => {
  it('is the tuned one once installed, else the model folder’s, else the shipped one', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'plate-reader-'));
    try {
      const modelWithoutReader = join(dataDir, 'models', '1');
      expect(activePlateReaderDir(dataDir, modelWithoutReader)).toBe(DEFAULT_MODEL_DIR);
      expect(readPlateReaderRecord(DEFAULT_MODEL_DIR)).toBeNull();
      const record = { tunedAt: '2026-12-08T10:00:00.000Z', trainPlates: 3, validation: null };
      const dir = installShippedReaderAsTuned(dataDir, record);
      expect(activePlateReaderDir(dataDir, modelWithoutReader)).toBe(dir);
      expect(readPlateReaderRecord(dir)).toEqual(record);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
