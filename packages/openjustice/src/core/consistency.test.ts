import { describe, expect, it } from 'vitest';
import { propagate, type KeyInfo } from './consistency.ts';
import { foldSameLength } from './text.ts';

const run = (text: string, keys: Record<string, Partial<KeyInfo>>) => {
  const m = new Map<string, KeyInfo>(
    Object.entries(keys).map(([k, v]) => [foldSameLength(k), { category: 'personnePhysiqueNom', score: 0.8, cap: true, ...v } as KeyInfo]),
  );
  return propagate(text, foldSameLength(text), m, []).map((s) => [text.slice(s.start, s.end), s.category]);
};

describe('document-level propagation', () => {
  it('matches accents, case and line breaks inside names, at word boundaries', () => {
    expect(run('DUPONT, Dupônt et dupont-moreau ; Dupontel', { dupont: {} })).toEqual([
      ['DUPONT', 'personnePhysiqueNom'],
      ['Dupônt', 'personnePhysiqueNom'],
    ]);
    expect(run('M. Jean\nDUPONT est venu', { 'jean dupont': { surnameLen: 6 } })).toEqual([
      ['Jean', 'personnePhysiquePrenom'],
      ['DUPONT', 'personnePhysiqueNom'],
    ]);
  });
  it('ignores lowercase words and month names inside dates', () => {
    expect(run('la rose du jardin, Mme Rose', { rose: {} })).toEqual([['Rose', 'personnePhysiqueNom']]);
    expect(run('le 22 Mai 2024, M. Mai', { mai: {} })).toEqual([['Mai', 'personnePhysiqueNom']]);
  });
  it('prefers the longest key and skips taken places', () => {
    const text = 'Le Goff et Goff';
    expect(run(text, { goff: {}, 'le goff': {} })).toEqual([
      ['Le Goff', 'personnePhysiqueNom'],
      ['Goff', 'personnePhysiqueNom'],
    ]);
  });
  it('stays linear with many keys on a large text', () => {
    const keys: Record<string, Partial<KeyInfo>> = {};
    for (let i = 0; i < 3000; i++) keys[`Nom${i} Prenom${i}`] = {};
    const text = 'Nom12 Prenom12 a dit. '.repeat(20000);
    expect(run(text, keys).length).toBe(20000);
  });
});
