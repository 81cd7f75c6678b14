/**
 * Zoning as Judilibre's zones: introduction, exposé du litige, moyens, motivations, dispositif.
 * Headings are matched line by line; a zone runs until the next recognised heading.
 */
export type ZoneName = 'introduction' | 'expose' | 'moyens' | 'motivations' | 'dispositif' | 'moyens_annexes';
export interface Zone {
  zone: ZoneName;
  start: number;
  end: number;
}

const HEADINGS: [ZoneName, RegExp][] = [
  ['moyens_annexes', /^\s*(MOYENS? ANNEX[ÉE]S?|Moyens? annex[ée]s?)\b/u],
  ['dispositif', /^\s*(PAR CES MOTIFS|Par ces motifs|D\s?É\s?C\s?I\s?D\s?E|DÉCIDE|DECIDE|DISPOSITIF)\b/u],
  [
    'motivations',
    /^\s*(MOTIFS( DE LA DÉCISION| DE LA DECISION)?|Motifs( de la décision)?|Réponse de la Cour|SUR CE|Sur ce|DISCUSSION|Discussion|MOTIVATION|Considérant ce qui suit|EXPOSÉ DES MOTIFS)\b/u,
  ],
  [
    'moyens',
    /^\s*(Examen du moyen|Examen des moyens|Enoncé du moyen|Énoncé du moyen|MOYENS DES PARTIES|PRÉTENTIONS ET MOYENS|PRETENTIONS ET MOYENS|Moyens des parties|Prétentions des parties|Sur le moyen|Sur le premier moyen)\b/u,
  ],
  [
    'expose',
    /^\s*(Faits et procédure|FAITS ET PROCÉDURE|FAITS ET PROCEDURE|EXPOSÉ DU LITIGE|EXPOSE DU LITIGE|Exposé du litige|EXPOSÉ DES FAITS|FAITS, PROCÉDURE|RAPPEL DES FAITS|Vu la procédure suivante|FAITS|LES FAITS|Procédure|DÉBATS)\b/u,
  ],
];

export function detectZones(text: string): Zone[] {
  const marks: { zone: ZoneName; at: number }[] = [];
  let pos = 0;
  const seen = new Set<ZoneName>();
  for (const line of text.split('\n')) {
    if (line.length < 120) {
      for (const [zone, re] of HEADINGS) {
        if (re.test(line) && !(seen.has(zone) && zone !== 'motivations')) {
          // zones only move forward (a second "Motifs" heading inside motivations is not a new zone)
          if (!marks.length || marks[marks.length - 1].zone !== zone) marks.push({ zone, at: pos });
          seen.add(zone);
          break;
        }
      }
    }
    pos += line.length + 1;
  }
  const zones: Zone[] = [];
  const first = marks[0]?.at ?? text.length;
  if (first > 0) zones.push({ zone: 'introduction', start: 0, end: first });
  marks.forEach((m, i) => zones.push({ zone: m.zone, start: m.at, end: marks[i + 1]?.at ?? text.length }));
  return zones.filter((z) => z.end > z.start);
}
