/**
 * French plate formats. SIV (since 2009): AA-123-AA, letters without I, O, U; the letter pairs SS
 * and WW are never issued in the ordinary series, nor 000 as the number. Two SIV series start with
 * W and are on the road too: WW-123-AA, temporary plates (a new or imported car awaiting its
 * registration), and W-123-AA, a dealer's "W garage" plate. FNI (older, still on the road): 1 to 4
 * digits, 1 to 3 letters, then the département (01–95, 2A, 2B, 971–976).
 */
export const PLATE_FORMATS = ['SIV', 'FNI', 'UNKNOWN'] as const;
export type PlateFormat = (typeof PLATE_FORMATS)[number];

const SIV_LETTERS = 'ABCDEFGHJKLMNPQRSTVWXYZ';
const SIV_LETTER_SET = new Set(SIV_LETTERS);

export function isSivLetters(pair: string): boolean {
  return pair.length === 2 && [...pair].every((c) => SIV_LETTER_SET.has(c)) && pair !== 'SS' && pair !== 'WW';
}

export function isDepartement(d: string): boolean {
  if (d === '2A' || d === '2B') return true;
  if (/^\d{2}$/.test(d)) {
    const n = Number(d);
    return n >= 1 && n <= 95 && n !== 20;
  }
  return /^97[1-6]$/.test(d);
}

/** Letters and digits only, uppercase. */
export const plateKey = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]/g, '');

export interface ParsedPlate {
  format: PlateFormat;
  /** Display form: AB-123-CD, 1234 AB 56, or the bare characters. */
  text: string;
  valid: boolean;
}

export function parsePlate(raw: string): ParsedPlate {
  const k = plateKey(raw);
  const siv = k.match(/^([A-Z]{2})(\d{3})([A-Z]{2})$/);
  if (siv) {
    const valid = (isSivLetters(siv[1]) || siv[1] === 'WW') && isSivLetters(siv[3]) && siv[2] !== '000';
    return { format: 'SIV', text: `${siv[1]}-${siv[2]}-${siv[3]}`, valid };
  }
  const garage = k.match(/^W(\d{3})([A-Z]{2})$/);
  if (garage) return { format: 'SIV', text: `W-${garage[1]}-${garage[2]}`, valid: isSivLetters(garage[2]) && garage[1] !== '000' };
  const fni = k.match(/^(\d{1,4})([A-Z]{1,3})(\d{2,3}|2A|2B)$/);
  if (fni) {
    const valid = isDepartement(fni[3]) && !/[IOU]/.test(fni[2]) && Number(fni[1]) > 0;
    return { format: 'FNI', text: `${fni[1]} ${fni[2]} ${fni[3]}`, valid };
  }
  return { format: 'UNKNOWN', text: k, valid: false };
}

/** Same plate, whatever the separators and case. */
export const samePlate = (a: string, b: string) => plateKey(a) === plateKey(b);
