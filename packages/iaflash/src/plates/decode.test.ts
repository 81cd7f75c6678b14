import { describe, expect, it } from 'vitest';
import { ALPHABET, decodePlate } from './decode.ts';

/** Probability vectors that favour `ch`, with an optional runner-up. */
function probsFor(text: string, confusions: Record<number, [string, number]> = {}): Float32Array[] {
  return [...text].map((ch, i) => {
    const p = new Float32Array(ALPHABET.length).fill(0.002);
    const c = confusions[i];
    if (c) {
      p[ALPHABET.indexOf(c[0])] = c[1];
      p[ALPHABET.indexOf(ch)] = 0.9 - c[1];
    } else p[ALPHABET.indexOf(ch)] = 0.9;
    return p;
  });
}

describe('decodePlate', () => {
  it('reads a SIV plate and formats it', () => {
    expect(decodePlate(probsFor('AB123CD'))).toMatchObject({ text: 'AB-123-CD', format: 'SIV' });
  });

  it('uses the format to fix position confusions (O read for 0, 8 for B)', () => {
    const r = decodePlate(probsFor('AB1O3CD').map((p, i) => (i === 3 ? probsFor('0', { 0: ['O', 0.6] })[0] : p)));
    expect(r.text).toBe('AB-103-CD');
    const r2 = decodePlate(probsFor('A8123CD', { 1: ['8', 0.55] }).map((p, i) => (i === 1 ? probsFor('B', { 0: ['8', 0.55] })[0] : p)));
    expect(r2.text).toBe('AB-123-CD');
  });

  it('reads FNI plates including Corsica', () => {
    expect(decodePlate(probsFor('1234AB56')).text).toBe('1234 AB 56');
    expect(decodePlate(probsFor('12ABC2A')).text).toBe('12 ABC 2A');
  });

  it('reads temporary WW plates and W garage plates', () => {
    expect(decodePlate(probsFor('WW921MX')).text).toBe('WW-921-MX');
    expect(decodePlate(probsFor('W178JZ'))).toMatchObject({ text: 'W-178-JZ', format: 'SIV' });
  });

  it('returns a non-French plate as read, format UNKNOWN, with a confidence', () => {
    const r = decodePlate(probsFor('M5XSX'));
    expect(r).toMatchObject({ text: 'M5XSX', format: 'UNKNOWN', raw: 'M5XSX' });
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });
});
