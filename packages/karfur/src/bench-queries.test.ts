import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LANGUAGE_CODES } from './core/languages.ts';
import { loadStarterContent } from './content.ts';

const rowSchema = z.object({ q: z.string().min(2).max(200), expected: z.array(z.string()).min(1).max(5) }).strict();

describe('search benchmark questions', () => {
  it('has at least 100 valid, distinct questions per language, naming existing fiches', async () => {
    const { fiches } = await loadStarterContent();
    const ids = new Set(fiches.map((f) => f.id));
    const covered = new Set<string>();
    for (const lang of LANGUAGE_CODES) {
      const text = await readFile(fileURLToPath(new URL(`../bench/queries/${lang}.jsonl`, import.meta.url)), 'utf8');
      const rows = text
        .split('\n')
        .filter(Boolean)
        .map((l) => rowSchema.parse(JSON.parse(l)));
      expect(rows.length, lang).toBeGreaterThanOrEqual(100);
      expect(new Set(rows.map((r) => r.q.toLowerCase())).size, `${lang}: duplicates`).toBe(rows.length);
      for (const r of rows)
        for (const id of r.expected) {
          expect(ids.has(id), `${lang}: ${r.q} -> ${id}`).toBe(true);
          covered.add(id);
        }
    }
    // The questions exercise nearly every fiche, not a handful.
    expect(covered.size).toBeGreaterThanOrEqual(fiches.length - 3);
  });
});
