/**
 * The refugee's personal journey: a checklist of démarches (and dispositifs) with notes, kept without
 * an account. It is shared with a caregiver by an unguessable link token; whoever holds the link can
 * read it, and only the holder of the separate edit token can change it.
 */
import { z } from 'zod';
import { slugSchema } from './schemas.ts';

/** 128 bits of randomness, base64url: unguessable, and short enough for a QR code. */
export const TOKEN_BYTES = 16;
export const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'lien de parcours invalide');

export function newToken(random: (n: number) => Uint8Array = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n))): string {
  const bytes = random(TOKEN_BYTES);
  if (bytes.length !== TOKEN_BYTES) throw new Error('random source returned the wrong number of bytes');
  return Buffer.from(bytes).toString('base64url');
}

export const MAX_JOURNEY_ITEMS = 100;
export const journeyItemSchema = z.object({
  fiche: slugSchema,
  done: z.boolean(),
  /** Personal note ("rendez-vous le 12"); never logged. */
  note: z.string().max(500).nullable(),
  addedAt: z.iso.datetime(),
  doneAt: z.iso.datetime().nullable(),
});
export type JourneyItem = z.infer<typeof journeyItemSchema>;

export const journeySchema = z.object({
  /** Read token: the share link (/karfur/<lang>/parcours/<token>). */
  token: tokenSchema,
  /** Edit token: kept by the owner's browser only. */
  editToken: tokenSchema,
  title: z.string().max(120).nullable(),
  items: z.array(journeyItemSchema).max(MAX_JOURNEY_ITEMS),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Journey = z.infer<typeof journeySchema>;

export class JourneyError extends Error {
  constructor(
    readonly code: 'forbidden' | 'invalid_input' | 'too_many',
    message: string,
  ) {
    super(message);
    this.name = 'JourneyError';
  }
}

export function createJourney(now: Date, random?: (n: number) => Uint8Array): Journey {
  const iso = now.toISOString();
  return { token: newToken(random), editToken: newToken(random), title: null, items: [], createdAt: iso, updatedAt: iso };
}

/** Constant-time comparison of tokens (a journey's edit token is a secret). */
export function sameToken(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export type JourneyEdit =
  | { op: 'add'; fiche: string }
  | { op: 'remove'; fiche: string }
  | { op: 'check'; fiche: string; done: boolean }
  | { op: 'note'; fiche: string; note: string | null }
  | { op: 'move'; fiche: string; to: number }
  | { op: 'title'; title: string | null };

export function editJourney(j: Journey, editToken: string, edit: JourneyEdit, now: Date): Journey {
  if (!sameToken(j.editToken, editToken)) throw new JourneyError('forbidden', 'Ce lien permet de lire le parcours, pas de le modifier.');
  const iso = now.toISOString();
  const items = [...j.items];
  const idx = 'fiche' in edit ? items.findIndex((i) => i.fiche === edit.fiche) : -1;
  const need = () => {
    if (idx < 0) throw new JourneyError('invalid_input', "Cette fiche n'est pas dans le parcours.");
    return items[idx];
  };
  switch (edit.op) {
    case 'add':
      if (!slugSchema.safeParse(edit.fiche).success) throw new JourneyError('invalid_input', 'Fiche inconnue.');
      if (idx >= 0) return j; // adding twice is harmless
      if (items.length >= MAX_JOURNEY_ITEMS)
        throw new JourneyError('too_many', `Un parcours contient au plus ${MAX_JOURNEY_ITEMS} étapes.`);
      items.push({ fiche: edit.fiche, done: false, note: null, addedAt: iso, doneAt: null });
      break;
    case 'remove':
      need();
      items.splice(idx, 1);
      break;
    case 'check':
      items[idx] = { ...need(), done: edit.done, doneAt: edit.done ? iso : null };
      break;
    case 'note': {
      const note = edit.note?.trim() || null;
      if (note && note.length > 500) throw new JourneyError('invalid_input', 'La note est trop longue (500 caractères au plus).');
      items[idx] = { ...need(), note };
      break;
    }
    case 'move': {
      const item = need();
      items.splice(idx, 1);
      items.splice(Math.max(0, Math.min(items.length, Math.trunc(edit.to))), 0, item);
      break;
    }
    case 'title': {
      const title = edit.title?.trim() || null;
      if (title && title.length > 120) throw new JourneyError('invalid_input', 'Le titre est trop long (120 caractères au plus).');
      return { ...j, title, updatedAt: iso };
    }
  }
  return { ...j, items, updatedAt: iso };
}

/** What a caregiver sees through the share link: no edit token. */
export function sharedView(j: Journey): Omit<Journey, 'editToken'> & { progress: { done: number; total: number } } {
  const { editToken: _secret, ...rest } = j;
  return { ...rest, progress: { done: j.items.filter((i) => i.done).length, total: j.items.length } };
}
