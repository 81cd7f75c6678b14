/** Checksums of French identifiers: Luhn (SIREN/SIRET), mod 97 (IBAN), NIR key. Pure, digit strings only. */

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** SIREN (9) or SIRET (14); La Poste SIRETs (SIREN 356000000) use a digit-sum rule instead of Luhn. */
export function sirenSiretValid(raw: string): boolean {
  const d = raw.replace(/[\s.\u00a0]/g, '');
  if (d.length !== 9 && d.length !== 14) return false;
  if (/^0+$/.test(d)) return false;
  if (d.length === 14 && d.startsWith('356000000')) {
    let s = 0;
    for (const c of d) s += c.charCodeAt(0) - 48;
    return s % 5 === 0;
  }
  return luhnValid(d);
}

/** ISO 13616 mod-97 check, on the compact form (letters → 10..35). */
export function ibanValid(raw: string): boolean {
  const s = raw.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return false;
  const r = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of r) {
    const code = ch.charCodeAt(0);
    const v = code >= 65 ? String(code - 55) : ch;
    for (const digit of v) rem = (rem * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return rem === 1;
}

/** French RIB key: 97 - ((89*bank + 15*branch + 3*account) mod 97), letters of the account mapped. */
export function ribValid(bank: string, branch: string, account: string, key: string): boolean {
  const map = (s: string) => s.toUpperCase().replace(/[A-Z]/g, (c) => String('12345678912345678923456789'.charAt(c.charCodeAt(0) - 65)));
  const b = BigInt(map(bank)),
    g = BigInt(map(branch)),
    a = BigInt(map(account));
  const k = 97n - ((89n * b + 15n * g + 3n * a) % 97n);
  return k === BigInt(key);
}

/**
 * NIR (numéro de sécurité sociale): 13 characters + 2-digit key = 97 - (n mod 97); Corsican departments
 * 2A/2B count as 19/18 for the key.
 */
export function nirValid(raw: string): boolean {
  const s = raw.replace(/[\s.\u00a0-]/g, '').toUpperCase();
  const m = /^([12378])(\d{2})(\d{2}|[2-9]\d)?(\d{2}|2A|2B)(\d{3})(\d{3})(\d{2})$/.exec(s);
  if (!m || s.length !== 15) return false;
  const month = Number(s.slice(3, 5));
  if (!(month >= 1 && month <= 12) && !(month >= 20 && month <= 42) && !(month >= 50 && month <= 99)) return false;
  let body = s.slice(0, 13);
  if (body.slice(5, 7) === '2A') body = body.slice(0, 5) + '19' + body.slice(7);
  else if (body.slice(5, 7) === '2B') body = body.slice(0, 5) + '18' + body.slice(7);
  if (!/^\d{13}$/.test(body)) return false;
  const key = 97n - (BigInt(body) % 97n);
  return key === BigInt(s.slice(13));
}
