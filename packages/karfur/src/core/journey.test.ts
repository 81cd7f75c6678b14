import { describe, expect, it } from 'vitest';
import {
  JourneyError,
  MAX_JOURNEY_ITEMS,
  createJourney,
  editJourney,
  journeySchema,
  newToken,
  sharedView,
  tokenSchema,
} from './journey.ts';

const t0 = new Date('2025-05-01T08:00:00Z');
const t1 = new Date('2025-05-02T08:00:00Z');

describe('journey', () => {
  it('creates unguessable, distinct tokens', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newToken()));
    expect(tokens.size).toBe(200);
    for (const t of tokens) expect(tokenSchema.safeParse(t).success).toBe(true);
    const j = createJourney(t0);
    expect(j.token).not.toBe(j.editToken);
    expect(journeySchema.parse(j)).toEqual(j);
    expect(() => newToken(() => new Uint8Array(4))).toThrow();
  });
  it('adds, checks, notes, moves and removes démarches', () => {
    let j = createJourney(t0);
    const e = j.editToken;
    j = editJourney(j, e, { op: 'add', fiche: 'domiciliation' }, t1);
    j = editJourney(j, e, { op: 'add', fiche: 'ada' }, t1);
    j = editJourney(j, e, { op: 'add', fiche: 'ada' }, t1);
    expect(j.items.map((i) => i.fiche)).toEqual(['domiciliation', 'ada']);
    j = editJourney(j, e, { op: 'check', fiche: 'ada', done: true }, t1);
    expect(j.items[1]).toMatchObject({ done: true, doneAt: t1.toISOString() });
    j = editJourney(j, e, { op: 'note', fiche: 'ada', note: '  RDV OFII mardi  ' }, t1);
    expect(j.items[1].note).toBe('RDV OFII mardi');
    j = editJourney(j, e, { op: 'move', fiche: 'ada', to: 0 }, t1);
    expect(j.items.map((i) => i.fiche)).toEqual(['ada', 'domiciliation']);
    j = editJourney(j, e, { op: 'remove', fiche: 'domiciliation' }, t1);
    expect(j.items).toHaveLength(1);
    expect(j.updatedAt).toBe(t1.toISOString());
  });
  it('refuses edits through the read link, unknown fiches and overflow', () => {
    const j = createJourney(t0);
    expect(() => editJourney(j, j.token, { op: 'add', fiche: 'ada' }, t1)).toThrow(JourneyError);
    expect(() => editJourney(j, j.editToken, { op: 'check', fiche: 'ada', done: true }, t1)).toThrow(/pas dans le parcours/);
    expect(() => editJourney(j, j.editToken, { op: 'add', fiche: '../etc' }, t1)).toThrow(/inconnue/);
    let full = j;
    for (let i = 0; i < MAX_JOURNEY_ITEMS; i++) full = editJourney(full, j.editToken, { op: 'add', fiche: `fiche-${i}` }, t1);
    expect(() => editJourney(full, j.editToken, { op: 'add', fiche: 'une-de-trop' }, t1)).toThrow(/au plus/);
  });
  it('shares a read-only view without the edit token', () => {
    let j = createJourney(t0);
    j = editJourney(j, j.editToken, { op: 'add', fiche: 'ada' }, t1);
    j = editJourney(j, j.editToken, { op: 'check', fiche: 'ada', done: true }, t1);
    const v = sharedView(j);
    expect(v).not.toHaveProperty('editToken');
    expect(JSON.stringify(v)).not.toContain(j.editToken);
    expect(v.progress).toEqual({ done: 1, total: 1 });
  });
});
