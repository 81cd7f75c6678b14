/**
 * How each category looks in the review: a DSFR illustrative colour, a border style and a short
 * abbreviation (the cue that does not rely on colour, RGAA 3.1). Browser-safe.
 */
import { CATEGORIES, CATEGORY_LABELS_FR, type Category } from '../core/categories.ts';

export { CATEGORIES, CATEGORY_LABELS_FR, type Category };

export const CATEGORY_STYLE: Record<Category, { colour: string; abbr: string; border: 'solid' | 'dashed' | 'dotted' | 'double' }> = {
  personnePhysiquePrenom: { colour: 'yellow-tournesol', abbr: 'PRÉ', border: 'solid' },
  personnePhysiqueNom: { colour: 'orange-terre-battue', abbr: 'NOM', border: 'solid' },
  dateNaissance: { colour: 'pink-macaron', abbr: 'NAIS', border: 'dashed' },
  dateMariage: { colour: 'pink-tuile', abbr: 'MAR', border: 'dashed' },
  dateDeces: { colour: 'brown-opera', abbr: 'DÉC', border: 'dashed' },
  numeroIdentifiant: { colour: 'purple-glycine', abbr: 'NIR', border: 'double' },
  personneMorale: { colour: 'blue-cumulus', abbr: 'PM', border: 'solid' },
  etablissement: { colour: 'blue-ecume', abbr: 'ÉTAB', border: 'dotted' },
  numeroSiretSiren: { colour: 'purple-glycine', abbr: 'SIR', border: 'dotted' },
  adresse: { colour: 'green-emeraude', abbr: 'ADR', border: 'solid' },
  localite: { colour: 'green-menthe', abbr: 'LOC', border: 'dashed' },
  telephoneFax: { colour: 'green-archipel', abbr: 'TÉL', border: 'dotted' },
  email: { colour: 'green-bourgeon', abbr: 'MÉL', border: 'dotted' },
  siteWebSensible: { colour: 'green-tilleul-verveine', abbr: 'WEB', border: 'dotted' },
  compteBancaire: { colour: 'brown-caramel', abbr: 'IBAN', border: 'double' },
  cadastre: { colour: 'brown-cafe-creme', abbr: 'CAD', border: 'double' },
  plaqueImmatriculation: { colour: 'yellow-moutarde', abbr: 'IMM', border: 'double' },
  professionnelMagistratGreffier: { colour: 'beige-gris-galet', abbr: 'MAG', border: 'dotted' },
  professionnelAvocat: { colour: 'beige-gris-galet', abbr: 'AVO', border: 'dashed' },
};

export const categoryLabel = (c: string) => CATEGORY_LABELS_FR[c as Category] ?? c;

/** The review's own styles (the suite's stylesheet has none for it); DSFR tokens, so dark mode follows. */
export const REVIEW_CSS = [
  '.oj-text{white-space:pre-wrap;line-height:2rem;padding:1rem;border:1px solid var(--border-default-grey);background:var(--background-default-grey);max-height:70vh;overflow:auto;font-size:1rem}',
  '.oj-text[contenteditable]{caret-color:var(--text-action-high-blue-france)}',
  '.oj-text:focus{outline:2px solid #0a76f6;outline-offset:2px}',
  '.oj-mark{color:var(--text-default-grey);padding:0 .1rem;border-bottom-width:3px}',
  '.oj-mark::after{content:attr(data-abbr);font-size:.625rem;font-weight:700;vertical-align:super;margin-left:.125rem;color:var(--text-default-grey)}',
  '.oj-mark--current{outline:2px solid var(--border-active-blue-france)}',
  '.oj-swatch{display:inline-block;min-width:2.75rem;text-align:center;font-size:.75rem;font-weight:700;border-bottom-width:3px;margin-right:.5rem;color:var(--text-default-grey)}',
  '.oj-layout{display:grid;grid-template-columns:minmax(0,2fr) minmax(18rem,1fr);gap:1.5rem}',
  '@media (max-width:62em){.oj-layout{grid-template-columns:1fr}}',
  '.oj-panel{max-height:75vh;overflow:auto}',
  '.oj-entity{border-bottom:1px solid var(--border-default-grey);padding:.5rem 0}',
  '.oj-entity form{display:inline-flex;gap:.25rem;align-items:center;flex-wrap:wrap;margin:.25rem .5rem 0 0}',
  '.oj-toolbar{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin-bottom:1rem}',
  '.oj-toolbar .fr-select-group,.oj-toolbar .fr-checkbox-group{margin-bottom:0}',
  '.oj-actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}',
  '.oj-actions form{display:inline}',
  '.oj-preview{white-space:pre-wrap;line-height:1.75rem;padding:1rem;background:var(--background-alt-grey)}',
  ...Object.entries(CATEGORY_STYLE).map(
    ([c, s]) =>
      `.oj-cat--${c}{background:var(--background-contrast-${s.colour});border-bottom:3px ${s.border} var(--border-plain-${s.colour})}`,
  ),
].join('\n');
