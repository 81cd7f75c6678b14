/**
 * From per-character probabilities to a plate reading. The French formats constrain each position
 * (SIV: letters, digits, letters, without I/O/U; FNI: digits, letters, département), which resolves
 * the classic confusions (0/O, 1/I, 8/B, 5/S) by position. A reading that fits no French format is
 * returned as read, with format UNKNOWN.
 */
import { isDepartement, parsePlate, type PlateFormat } from '../core/plate-format.ts';

export const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const SIV_LETTERS = 'ABCDEFGHJKLMNPQRSTVWXYZ';
const FNI_LETTERS = 'ABCDEFGHJKLMNPQRSTVWXYZ';

export interface PlateReading {
  /** Display form (AB-123-CD, 1234 AB 56) or the bare characters. */
  text: string;
  /** Probability that every character is right (product of the character probabilities). */
  confidence: number;
  format: PlateFormat;
  /** Characters as read, without format constraints. */
  raw: string;
}

function bestIn(p: ArrayLike<number>, allowed: string): { ch: string; p: number } {
  let best = allowed[0];
  let bp = -1;
  for (const ch of allowed) {
    const v = p[ALPHABET.indexOf(ch)];
    if (v > bp) {
      bp = v;
      best = ch;
    }
  }
  return { ch: best, p: bp };
}

function constrained(probs: ArrayLike<number>[], pattern: string[]): { text: string; logp: number } {
  let text = '';
  let logp = 0;
  probs.forEach((p, i) => {
    const b = bestIn(p, pattern[i]);
    text += b.ch;
    logp += Math.log(Math.max(1e-9, b.p));
  });
  return { text, logp };
}

/** Every FNI layout for n characters: 1–4 digits, 1–3 letters, département of 2 or 3. */
function fniPatterns(n: number): string[][] {
  const out: string[][] = [];
  for (let d = 1; d <= 4; d++)
    for (let l = 1; l <= 3; l++) {
      const dep = n - d - l;
      if (dep === 2) {
        out.push([...Array(d).fill(DIGITS), ...Array(l).fill(FNI_LETTERS), DIGITS, DIGITS]);
        out.push([...Array(d).fill(DIGITS), ...Array(l).fill(FNI_LETTERS), '2', 'AB']); // Corsica
      }
      if (dep === 3) out.push([...Array(d).fill(DIGITS), ...Array(l).fill(FNI_LETTERS), '9', '7', '123456']);
    }
  return out;
}

/** How much less likely (in log-probability) a French reading may be than the free reading. */
const FORMAT_MARGIN = Math.log(1e-4);

export function decodePlate(probs: ArrayLike<number>[]): PlateReading {
  const free = constrained(
    probs,
    probs.map(() => ALPHABET),
  );
  const candidates: { text: string; logp: number }[] = [];
  if (probs.length === 7) candidates.push(constrained(probs, [SIV_LETTERS, SIV_LETTERS, DIGITS, DIGITS, DIGITS, SIV_LETTERS, SIV_LETTERS]));
  // A dealer's W garage plate, W-123-AB.
  if (probs.length === 6) candidates.push(constrained(probs, ['W', DIGITS, DIGITS, DIGITS, SIV_LETTERS, SIV_LETTERS]));
  for (const pattern of fniPatterns(probs.length)) candidates.push(constrained(probs, pattern));
  const valid = candidates.filter((c) => parsePlate(c.text).valid).sort((a, b) => b.logp - a.logp);
  const french = valid[0];
  if (french && french.logp >= free.logp + FORMAT_MARGIN) {
    const parsed = parsePlate(french.text);
    return { text: parsed.text, confidence: Math.exp(french.logp), format: parsed.format, raw: free.text };
  }
  return { text: free.text, confidence: Math.exp(free.logp), format: 'UNKNOWN', raw: free.text };
}

export { isDepartement };
