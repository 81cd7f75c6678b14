import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addResources, t } from './i18n.ts';

describe('i18n', () => {
  it('speaks French by default and interpolates without HTML escaping', () => {
    expect(t('errors.notFound', { method: 'GET', route: "/api/l'article" })).toBe("Ressource introuvable : GET /api/l'article.");
  });

  it('falls back to English, then to the key', () => {
    addResources('demo', 'en', { onlyEnglish: 'Only in English' });
    addResources('demo', 'fr', { greeting: 'Bonjour {{name}}' });
    expect(t('demo:greeting', { name: 'Camille' })).toBe('Bonjour Camille');
    expect(t('demo:onlyEnglish')).toBe('Only in English');
    expect(t('demo:missing')).toBe('missing');
  });

  it('makes zod messages French', () => {
    const r = z.string().min(3).safeParse('a');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/Trop petit/);
  });
});
