import { describe, expect, it } from 'vitest';
import { comparePlates, MIN_READING_CONFIDENCE } from './plate-check.ts';
import type { PlateFormat } from './plate-format.ts';

const read = (text: string, confidence = 0.95, format: PlateFormat = 'SIV') => ({ text, confidence, format });

describe('comparePlates', () => {
  it('agrees whatever the separators and case of the case file', () => {
    expect(comparePlates('ab 123cd', read('AB-123-CD')).agreement).toBe('AGREES');
    expect(comparePlates('1234 ab 56', read('1234 AB 56', 0.9, 'FNI')).agreement).toBe('AGREES');
  });

  it('reports a confident reading of another plate, quoting both, without deciding anything', () => {
    const r = comparePlates('AB-123-CD', read('AB-128-CD'));
    expect(r.agreement).toBe('DISAGREES');
    expect(r.reason?.code).toBe('PLATE_DISAGREES');
    expect(r.reason?.message).toContain('AB-128-CD');
    expect(r.reason?.message).toContain('AB-123-CD');
  });

  it('says nothing about a reading that is not confident or not a French plate', () => {
    expect(comparePlates('AB-123-CD', read('AB-128-CD', MIN_READING_CONFIDENCE - 0.01)).agreement).toBe('UNREADABLE');
    expect(comparePlates('AB-123-CD', read('BA12345', 0.99, 'UNKNOWN')).agreement).toBe('UNREADABLE');
    expect(comparePlates('AB-123-CD', read('BA12345', 0.99, 'UNKNOWN')).reason).toBeUndefined();
  });

  it('has nothing to compare with when the case file gives no plate', () => {
    expect(comparePlates(null, read('AB-123-CD')).agreement).toBe('NO_CASE_PLATE');
    expect(comparePlates(' - ', read('AB-123-CD')).agreement).toBe('NO_CASE_PLATE');
  });
});
