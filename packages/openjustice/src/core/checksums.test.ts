import { describe, expect, it } from 'vitest';
import { luhnValid, sirenSiretValid, ibanValid, nirValid, ribValid } from './checksums.ts';

describe('checksums', () => {
  it('Luhn / SIREN / SIRET', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(sirenSiretValid('732 829 320')).toBe(true); // Luhn-valid SIREN
    expect(sirenSiretValid('732 829 321')).toBe(false);
    expect(sirenSiretValid('73282932000074')).toBe(true);
    expect(sirenSiretValid('73282932000075')).toBe(false);
    expect(sirenSiretValid('35600000000007')).toBe(false); // La Poste rule: digit sum must be a multiple of 5
    expect(sirenSiretValid('35600000000006')).toBe(true);
    expect(sirenSiretValid('000000000')).toBe(false);
    expect(sirenSiretValid('12345')).toBe(false);
  });
  it('IBAN mod 97', () => {
    expect(ibanValid('FR76 3000 6000 0112 3456 7890 189')).toBe(true);
    expect(ibanValid('FR76 3000 6000 0112 3456 7890 188')).toBe(false);
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('not an iban')).toBe(false);
  });
  it('RIB key', () => {
    expect(ribValid('30006', '00001', '12345678901', '89')).toBe(true);
    expect(ribValid('30006', '00001', '12345678901', '88')).toBe(false);
  });
  it('NIR key', () => {
    expect(nirValid('1 85 05 78 006 084 91')).toBe(true); // key = 97 - (1850578006084 mod 97)
    expect(nirValid('1 85 05 78 006 084 90')).toBe(false);
    expect(nirValid('185057800608')).toBe(false);
  });
  it('NIR of people born in Corsica (2A counts as 19, 2B as 18 for the key)', () => {
    expect(nirValid('1 85 05 2A 006 084 35')).toBe(true);
    expect(nirValid('2 85 05 2B 006 084 12')).toBe(true);
    expect(nirValid('1 85 05 2A 006 084 36')).toBe(false);
    expect(nirValid('1 85 13 78 006 084 91')).toBe(false); // month 13 does not exist
  });
});
