import type { PropsOf } from '@eig/platform/web';
import { PageBreadcrumb } from '@eig/web/ui';
import { ReviewStyles } from '../styles.tsx';
import { CATEGORY_STYLE, categoryLabel, type Category } from '../categories.ts';
import type { views } from '../views.ts';

/** Presentation and a public trial: paste a text, get it pseudonymised (nothing is stored). */
export function HomePage({ viewer, text, result, error, maxChars }: PropsOf<typeof views.home>) {
  return (
    <div className="fr-container fr-pb-6w">
      <ReviewStyles />
      <PageBreadcrumb segments={[]} current="Open Justice" />
      <h1>Open Justice : publier les décisions sans exposer les personnes</h1>
      <p className="fr-text--lead">
        Le moteur repère les noms, prénoms, adresses, dates de naissance, numéros d’identification et autres mentions identifiantes ; les
        agents de juridiction relisent et valident ; les décisions validées partent en open data.
      </p>
      {viewer?.isAgent && (
        <ul className="fr-btns-group fr-btns-group--inline">
          <li>
            <a className="fr-btn" href="/openjustice/decisions">
              Relire les décisions
            </a>
          </li>
          {viewer.isAdmin && (
            <li>
              <a className="fr-btn fr-btn--secondary" href="/openjustice/admin">
                Administration
              </a>
            </li>
          )}
        </ul>
      )}
      <h2>Essayer sur un texte</h2>
      <p>Collez un extrait de décision : il est pseudonymisé aussitôt. Rien n’est conservé.</p>
      <form method="post" action="/openjustice">
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="oj-essai">
            Texte de la décision
            <span className="fr-hint-text">{maxChars.toLocaleString('fr-FR')} caractères au plus ; au-delà, importez la décision.</span>
          </label>
          <textarea className="fr-input" id="oj-essai" name="text" rows={10} defaultValue={text} required />
        </div>
        <button className="fr-btn" type="submit">
          Pseudonymiser
        </button>
      </form>
      {error && (
        <div className="fr-alert fr-alert--error fr-mt-3w" role="alert">
          <p>{error}</p>
        </div>
      )}
      {result && (
        <section className="fr-mt-4w" aria-labelledby="oj-resultat">
          <h2 id="oj-resultat">Résultat</h2>
          <div className="oj-preview" tabIndex={0} role="region" aria-label="Texte pseudonymisé">
            {result.pseudonymized}
          </div>
          <h3 className="fr-mt-3w">Risque de réidentification : {Math.round(result.risk.score * 100)} / 100</h3>
          <ul>
            {result.risk.reasons.map((r) => (
              <li key={r.code}>{r.message}</li>
            ))}
            {result.risk.reasons.length === 0 && <li>Aucun facteur de risque relevé.</li>}
          </ul>
          {result.checklist.length > 0 && (
            <>
              <h3>Points de doute</h3>
              <ul>
                {result.checklist.map((c, i) => (
                  <li key={i}>{c.message}</li>
                ))}
              </ul>
            </>
          )}
          <h3>Occultations ({result.entities.length})</h3>
          <ul className="fr-raw-list">
            {result.entities.slice(0, 500).map((e, i) => (
              <li key={i}>
                <span className={`oj-swatch oj-cat--${e.category}`} aria-hidden="true">
                  {CATEGORY_STYLE[e.category as Category]?.abbr ?? '?'}
                </span>
                {categoryLabel(e.category)} : « {e.text} » {e.replacement ? `→ ${e.replacement}` : '(laissé en clair)'}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
