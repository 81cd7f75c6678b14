import { describe, expect, it } from 'vitest';
import { analyseStructure, isSignatureHeading } from './structure.ts';

const blockOf = (text: string, needle: string) => analyseStructure(text).blockAt(text.indexOf(needle));

describe('decision layout', () => {
  const text = `DUPONT

C/

SAS OPTIMEA

COUR D'APPEL DE LYON

APPELANT :
M. Jean DUPONT
12 rue des Lilas

INTIMÉE :
SAS OPTIMEA

COMPOSITION DE LA COUR :
Sophie MARTIN, présidente
Paul BERNARD, conseiller

DÉBATS : à l'audience du 3 mai 2024

EXPOSÉ DU LITIGE
M. Dupont a été engagé.

LE GREFFIER LE PRÉSIDENT
Anne BUREL Sophie MARTIN`;
  it('reads caption, party, bench and signature blocks', () => {
    expect(blockOf(text, 'DUPONT\n')).toBe('caption');
    expect(blockOf(text, 'M. Jean DUPONT')).toBe('party');
    expect(blockOf(text, '12 rue')).toBe('party');
    expect(blockOf(text, 'Sophie MARTIN, présidente')).toBe('bench');
    expect(blockOf(text, 'Paul BERNARD')).toBe('bench');
    expect(blockOf(text, 'M. Dupont a été')).toBe('none');
    expect(blockOf(text, 'Anne BUREL')).toBe('signature');
  });
  it('recognises signature headings made of role words only', () => {
    expect(isSignatureHeading('LE GREFFIER LE PRÉSIDENT')).toBe(true);
    expect(isSignatureHeading('La greffière, Le conseiller délégué,')).toBe(true);
    expect(isSignatureHeading('Le greffier a notifié la décision')).toBe(false);
  });
  it('stays linear on one huge line', () => {
    const s = analyseStructure('APPELANT : '.repeat(50000));
    expect(s.lines.length).toBe(1);
  });
});
