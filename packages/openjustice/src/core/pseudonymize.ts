/**
 * The engine's entry point: pseudonymize(text, options) runs the layers (patterns → rules → lexicons
 * → sequence model → document consistency), resolves overlaps, links first names and surnames into
 * persons, assigns Label's replacements and computes the checklist, risk, zones and metadata.
 */
import { type Category, type OutputCategory, isMasked, isPerson, PROFESSIONAL_CATEGORIES } from './categories.ts';
import { resolveOverlaps, type Source, type Span } from './span.ts';
import { fold, tokenize, foldSameLength, type Token } from './text.ts';
import { HARD_STOP } from './names.ts';
import { detectPatterns } from './patterns.ts';
import { detectAddresses, detectDates } from './rules.ts';
import { detectOrganisations, companiesInClear, namesCompanyInClear, companyAlias } from './organisations.ts';
import { applySirenPolicy, personNamedCompany } from './siren.ts';
import { detectPeople, type PersonResult } from './persons.ts';
import { analyseStructure } from './structure.ts';
import { detectLexiconLocalities } from './lexicon-layer.ts';
import { EMPTY_LEXICONS, type Lexicons } from './lexicon.ts';
import { localNer, type NerModel } from './ner.ts';
import { propagate, personConsistency, releaseWordIndex, type KeyInfo } from './consistency.ts';
import { ReplacementAllocator } from './replacement.ts';
import { buildChecklist, type ChecklistItem } from './checklist.ts';
import { assessRisk, type Risk } from './risk.ts';
import { detectZones, type Zone } from './zoning.ts';
import { extractMetadata, type DecisionMetadata } from './metadata.ts';
import { prepareText } from './input.ts';

export interface Layers {
  patterns: boolean;
  rules: boolean;
  lexicons: boolean;
  model: boolean;
  consistency: boolean;
}
export const ALL_LAYERS: Layers = { patterns: true, rules: true, lexicons: true, model: true, consistency: true };

export interface PseudonymizeOptions {
  /** restrict the returned (and masked) categories; professionals are returned when listed or when unset */
  categories?: Category[];
  /** extra terms a judge asked to mask (every occurrence, case/accent-insensitive) */
  additionalTerms?: string[];
  /** known parties of the case (Label's `parties`): their names are masked wherever they appear */
  parties?: { firstName?: string; lastName?: string; name?: string; type?: 'PP' | 'PM' }[];
  /** output Label's merged `personnePhysique` category instead of the Prénom/Nom split */
  mergePersons?: boolean;
  lexicons?: Lexicons;
  model?: NerModel;
  layers?: Partial<Layers>;
  /** refuse longer texts (UTF-16 units); default 5 MiB worth of characters */
  maxLength?: number;
}

export interface Entity {
  start: number;
  end: number;
  category: OutputCategory;
  text: string;
  entityId: string;
  /** one id per individual: shared by first name and surname spans */
  personId?: string;
  replacement: string | null;
  score: number;
  source: Source;
}

export interface PseudonymizeResult {
  entities: Entity[];
  pseudonymized: string;
  checklist: ChecklistItem[];
  risk: Risk;
  zones: Zone[];
  metadata: DecisionMetadata;
}

const PRIORITY: Record<Source, number> = {
  additionalTerm: 9,
  party: 8,
  pattern: 7,
  rule: 5,
  model: 3,
  lexicon: 2.5,
  consistency: 2,
};
function priority(s: Span): number {
  let p = PRIORITY[s.source];
  if (s.source === 'rule') {
    if (s.category === 'adresse' || s.category === 'dateNaissance' || s.category === 'dateMariage' || s.category === 'dateDeces') p += 0.6;
    else if (PROFESSIONAL_CATEGORIES.includes(s.category)) p += 0.4;
    else if (s.category === 'personneMorale' || s.category === 'etablissement') p -= 1.5;
  }
  return p + s.score * 0.1;
}

export function pseudonymize(input: string, options: PseudonymizeOptions = {}): PseudonymizeResult {
  const text = prepareText(input, options.maxLength);
  const layers = { ...ALL_LAYERS, ...options.layers };
  const lex = options.lexicons ?? EMPTY_LEXICONS;
  const model = options.model ?? localNer;
  const tokens = tokenize(text.analysis);
  const t = text.analysis;

  let spans: Span[] = [];
  let people: PersonResult | null = null;
  if (layers.patterns) spans.push(...detectPatterns(t));
  if (layers.rules) {
    const structure = analyseStructure(t);
    people = detectPeople(t, tokens, { lexicons: lex, structure });
    spans.push(...people.spans);
    spans.push(...detectDates(t), ...detectAddresses(t));
    spans.push(...detectOrganisations(t, (f) => lex.communes.has(f)));
  }
  if (layers.lexicons) spans.push(...detectLexiconLocalities(t, tokens, lex));
  if (layers.model && model.kind !== 'local') {
    spans.push(...model.predict({ text: t, tokens, lexicons: lex, hints: spans }));
  }
  const folded = foldSameLength(t);
  const extraKeys = new Map<string, KeyInfo>();
  for (const term of options.additionalTerms ?? []) {
    const k = foldSameLength(term.trim());
    if (k.length >= 2) extraKeys.set(k, { category: 'personneMorale', score: 1 });
  }
  for (const p of options.parties ?? []) {
    const key = `party:${p.lastName ?? p.name ?? ''}`;
    if (p.type === 'PM' && p.name) extraKeys.set(foldSameLength(p.name.trim()), { category: 'personneMorale', score: 1 });
    if (p.lastName) extraKeys.set(foldSameLength(p.lastName.trim()), { category: 'personnePhysiqueNom', score: 1, personKey: key });
    if (p.firstName) extraKeys.set(foldSameLength(p.firstName.trim()), { category: 'personnePhysiquePrenom', score: 1, personKey: key });
  }
  if (extraKeys.size) {
    for (const s of propagate(t, folded, extraKeys, [])) {
      s.source = options.parties?.length && s.personKey?.startsWith('party:') ? 'party' : 'additionalTerm';
      spans.push(s);
    }
  }

  spans = resolveOverlaps(spans, priority);
  if (layers.consistency) spans = applyConsistency(t, folded, tokens, spans, people, lex);
  releaseWordIndex();
  // register numbers follow their owner: a company's in clear, a sole trader's or a person-named company's masked
  if (layers.patterns && layers.rules) spans = applySirenPolicy(t, spans);

  return finish(input, t, spans, options);
}

/** Re-mentions: professionals first (kept), then party names, then legal persons, everywhere in the text. */
function applyConsistency(t: string, folded: string, tokens: Token[], spans: Span[], people: PersonResult | null, lex: Lexicons): Span[] {
  let withPeople = personConsistency(t, folded, tokens, spans, people, lex);
  // companies described with their corporate identity stay in clear with their re-mentions, unless named after a person
  const surnames = new Set<string>();
  for (const s of withPeople) if (s.category === 'personnePhysiqueNom') surnames.add(fold(t.slice(s.start, s.end)));
  const clear = companiesInClear(
    t,
    withPeople,
    (name, lead) => personNamedCompany(name, lead, surnames),
    (f) => lex.words.has(f),
  );
  const isClear = (s: Span) => s.category === 'personneMorale' && namesCompanyInClear(t.slice(s.start, s.end), clear);
  if (clear.size) withPeople = withPeople.filter((s) => !isClear(s));
  const orgKeys = new Map<string, KeyInfo>();
  const keyOf = (s: Span) => foldSameLength(t.slice(s.start, s.end));
  for (const s of withPeople) {
    if ((s.category === 'personneMorale' || s.category === 'etablissement') && s.source !== 'consistency') {
      const k = keyOf(s);
      if (k.length >= 4 && !orgKeys.has(k)) orgKeys.set(k, { category: s.category, score: 0.6 });
      // "la société Groupe Isolex" … "la Isolex": the distinctive word of a company name (not an everyday word,
      // not a town or a region) also names it
      if (s.category === 'personneMorale') {
        for (const w of t.slice(s.start, s.end).split(/[\s'’&,.]+/)) {
          const fw = fold(w);
          if (w.length < 4 || !/^\p{Lu}/u.test(w) || lex.words.has(fw) || HARD_STOP.has(fw) || lex.communes.has(fw) || lex.areas.has(fw))
            continue;
          const kw = foldSameLength(w);
          if (!orgKeys.has(kw)) orgKeys.set(kw, { category: 'personneMorale', score: 0.5, cap: true });
        }
      }
    }
  }
  const orgs = propagate(t, folded, orgKeys, withPeople).filter((s) => !isClear(s));
  // "la société Isolex (la Sogefra, la caisse)": a short name defined right after a masked legal person names it too
  const aliasKeys = new Map<string, KeyInfo>();
  for (const s of [...withPeople, ...orgs]) {
    if (s.category !== 'personneMorale') continue;
    const alias = companyAlias(t, s.end);
    if (!alias || fold(alias) === fold(t.slice(s.start, s.end))) continue;
    const fa = fold(alias);
    if (
      fa.length < 3 ||
      lex.words.has(fa) ||
      HARD_STOP.has(fa) ||
      lex.communes.has(fa) ||
      lex.areas.has(fa) ||
      namesCompanyInClear(alias, clear)
    )
      continue;
    aliasKeys.set(foldSameLength(alias), { category: 'personneMorale', score: 0.5, cap: true });
  }
  const taken = [...withPeople, ...orgs];
  let aliases: Span[] = [];
  if (aliasKeys.size) {
    const used = new Uint8Array(t.length + 1);
    for (const x of taken) used.fill(1, x.start, x.end);
    aliases = propagate(t, folded, aliasKeys, taken).filter((a) => !used.subarray(a.start, a.end).includes(1));
  }
  return [...withPeople, ...orgs, ...aliases].sort((a, b) => a.start - b.start);
}

function finish(input: string, t: string, spans: Span[], options: PseudonymizeOptions): PseudonymizeResult {
  const filter = options.categories ? new Set<Category>(options.categories) : null;
  const kept = spans.filter((s) => !filter || filter.has(s.category));
  // persons: one letter per individual; surname key decides identity, first names follow their surname
  const personOfKey = new Map<string, string>();
  const personByRuleKey = new Map<string, string>();
  const keyOf = (s: Span) => foldSameLength(t.slice(s.start, s.end));
  let nextPerson = 0;
  const byRuleKey = new Map<string, Span[]>();
  for (const x of kept) if (x.personKey) (byRuleKey.get(x.personKey) ?? byRuleKey.set(x.personKey, []).get(x.personKey)!).push(x);
  const personId = (s: Span): string => {
    if (s.personKey && personByRuleKey.has(s.personKey)) return personByRuleKey.get(s.personKey)!;
    const k = `${s.category === 'personnePhysiqueNom' ? 'n' : 'p'}:${keyOf(s)}`;
    let id = personOfKey.get(k);
    if (!id && s.personKey) {
      // first time this rule mention is seen: its surname decides the identity
      const sur = byRuleKey.get(s.personKey)?.find((x) => x.category === 'personnePhysiqueNom');
      if (sur) id = personOfKey.get(`n:${keyOf(sur)}`);
    }
    if (!id) id = `P${++nextPerson}`;
    personOfKey.set(k, id);
    if (s.personKey) {
      personByRuleKey.set(s.personKey, id);
      for (const x of byRuleKey.get(s.personKey) ?? [])
        personOfKey.set(`${x.category === 'personnePhysiqueNom' ? 'n' : 'p'}:${keyOf(x)}`, id);
    }
    return id;
  };
  const alloc = new ReplacementAllocator();
  const entityIds = new Map<string, string>();
  const counters = new Map<string, number>();
  const entities: Entity[] = [];
  for (const s of kept) {
    const text = input.slice(s.start, s.end);
    const key = `${s.category}|${keyOf(s)}`;
    let entityId = entityIds.get(key);
    if (!entityId) {
      const n = (counters.get(s.category) ?? 0) + 1;
      counters.set(s.category, n);
      entityId = `${s.category}_${n}`;
      entityIds.set(key, entityId);
    }
    const pid = isPerson(s.category) ? personId(s) : undefined;
    const replacement = isMasked(s.category) ? alloc.replacementFor(s.category, entityId, pid) : null;
    entities.push({
      start: s.start,
      end: s.end,
      category: options.mergePersons && isPerson(s.category) ? 'personnePhysique' : s.category,
      text,
      entityId,
      personId: pid,
      replacement,
      score: round(s.score),
      source: s.source,
    });
  }
  let pseudonymized = '';
  let last = 0;
  for (const e of entities) {
    if (e.replacement === null) continue;
    pseudonymized += input.slice(last, e.start) + e.replacement;
    last = e.end;
  }
  pseudonymized += input.slice(last);
  const checklist = buildChecklist(t, entities);
  return {
    entities,
    pseudonymized,
    checklist,
    risk: assessRisk(t, entities, checklist),
    zones: detectZones(t),
    metadata: extractMetadata(t),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
