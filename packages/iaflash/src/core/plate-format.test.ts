import { describe, expect, it } from 'vitest';
import { isDepartement, isSivLetters, parsePlate, samePlate } from './plate-format.ts';

describe('French plate formats', () => {
  it('parses SIV plates whatever the separators', () => {
    expect(parsePlate('ab123cd')).toEqual({ format: 'SIV', text: 'AB-123-CD', valid: true });
    expect(parsePlate('AB 123 CD').text).toBe('AB-123-CD');
  });

  it('rejects SIV letters never issued', () => {
    expect(parsePlate('AI-123-CD').valid).toBe(false); // I
    expect(parsePlate('AB-123-OU').valid).toBe(false); // O, U
    expect(parsePlate('SS-123-AB').valid).toBe(false);
    expect(parsePlate('AB-123-WW').valid).toBe(false);
    expect(parsePlate('AB-000-CD').valid).toBe(false);
    expect(isSivLetters('HJ')).toBe(true);
  });

  it("accepts the two SIV series that start with W: temporary plates and dealers' W garage plates", () => {
    expect(parsePlate('ww921mx')).toEqual({ format: 'SIV', text: 'WW-921-MX', valid: true });
    expect(parsePlate('W 178 JZ')).toEqual({ format: 'SIV', text: 'W-178-JZ', valid: true });
    expect(parsePlate('W-000-JZ').valid).toBe(false);
    expect(parsePlate('W-178-JO').valid).toBe(false);
  });

  it('parses FNI plates with their département', () => {
    expect(parsePlate('1234 AB 56')).toEqual({ format: 'FNI', text: '1234 AB 56', valid: true });
    expect(parsePlate('12 ABC 2A').valid).toBe(true);
    expect(parsePlate('999 AA 974').valid).toBe(true);
    expect(parsePlate('1234 AB 99').valid).toBe(false);
    expect(isDepartement('20')).toBe(false);
  });

  it('flags anything else as UNKNOWN', () => {
    expect(parsePlate('BA302OZ')).toMatchObject({ format: 'SIV', valid: false }); // O is never issued
    expect(parsePlate('RK8781AC').format).toBe('UNKNOWN');
    expect(parsePlate('').valid).toBe(false);
    expect(samePlate('ab-123-cd', 'AB123CD')).toBe(true);
  });
});
