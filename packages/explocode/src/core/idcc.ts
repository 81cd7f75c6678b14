/** An IDCC as stored and compared everywhere: trimmed, without leading zeros ("0016" → "16", "0" stays "0"). */
export function normaliseIdcc(idcc: string | number): string {
  return String(idcc)
    .trim()
    .replace(/^0+(?=\d)/, '');
}
