import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { PropsOf } from '@eig/platform/web';
import { ExternalLink, PageBreadcrumb, RefList, Snippet, frNumber } from '@eig/web/ui';
import type { Convention } from '../../http/schemas.ts';
import { ExploStatus } from '../status.tsx';
import { explocodePaths } from '../paths.ts';
import type { Shared, views } from '../views.ts';

function ChooseButton({ shared, convention, back }: { shared: Shared; convention: Convention; back: string }) {
  if (shared.convention?.idcc === convention.idcc) {
    return (
      <p className="fr-mb-0">
        <Badge severity="success" small as="span">
          Votre convention
        </Badge>{' '}
        <a className="fr-link fr-text--sm" href={explocodePaths.forgetConvention(back)}>
          Ne plus l’utiliser<span className="fr-sr-only"> ({convention.shortTitle || convention.title})</span>
        </a>
      </p>
    );
  }
  return (
    <a className="fr-btn fr-btn--sm fr-btn--secondary" href={explocodePaths.chooseConvention(convention.idcc, back)}>
      C’est ma convention
      <span className="fr-sr-only">
        {'\u00a0: '}
        {convention.shortTitle || convention.title}
      </span>
    </a>
  );
}

export function ConventionPage({ shared, data, q, articles }: PropsOf<typeof views.convention>) {
  const { convention, answers: contributions } = data;
  const here = explocodePaths.convention(convention.idcc);
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb
        segments={[
          { label: 'ExploCode', href: explocodePaths.home() },
          { label: 'Conventions collectives', href: explocodePaths.conventions() },
        ]}
        current={`IDCC ${convention.idcc}`}
      />
      <ExploStatus shared={shared} />
      <p className="fr-mb-1w">
        <Badge small noIcon as="span">
          IDCC {convention.idcc}
        </Badge>
      </p>
      <h1>{convention.shortTitle || convention.title}</h1>
      {convention.shortTitle && convention.shortTitle !== convention.title && <p className="fr-text--lead">{convention.title}</p>}
      <ul className="eig-facts">
        {convention.effectif !== null && <li>Environ {frNumber(convention.effectif)} salariés couverts</li>}
        <li>
          {convention.hasFullText
            ? `${frNumber(convention.articleCount)} articles consultables`
            : 'Texte intégral non disponible dans ExploCode'}
        </li>
        <li>
          <ExternalLink href={convention.url}>Texte de la convention sur Légifrance</ExternalLink>
        </li>
      </ul>
      <div className="fr-mb-4w">
        <ChooseButton shared={shared} convention={convention} back={here} />
      </div>
      <div className="fr-grid-row fr-grid-row--gutters">
        <section className="fr-col-12 fr-col-md-6" aria-labelledby="qr-convention">
          <h2 id="qr-convention" className="fr-h4">
            Questions-réponses propres à cette convention
          </h2>
          <RefList
            items={contributions.map((c) => ({ href: explocodePaths.contribution(c.id, convention.idcc), label: c.title }))}
            empty="Aucune question-réponse spécifique pour cette convention."
          />
        </section>
        <section className="fr-col-12 fr-col-md-6" aria-labelledby="recherche-convention">
          <h2 id="recherche-convention" className="fr-h4">
            Rechercher dans le texte de la convention
          </h2>
          {convention.hasFullText ? (
            <form action={here} method="get" role="search" aria-labelledby="recherche-convention" className="fr-mb-3w">
              <div className="fr-search-bar">
                <label className="fr-label" htmlFor="q-convention">
                  Mots à rechercher dans la convention
                </label>
                <input
                  className="fr-input"
                  id="q-convention"
                  name="q"
                  type="search"
                  defaultValue={q}
                  placeholder="Ex. : prime d’ancienneté"
                />
                <button className="fr-btn" type="submit" title="Rechercher dans la convention">
                  Rechercher
                </button>
              </div>
            </form>
          ) : (
            <p>Le texte de cette convention n’est pas disponible.</p>
          )}
          {articles && (
            <>
              <p role="status">
                {articles.results.length === 0
                  ? `Aucun article ne correspond à « ${q} ».`
                  : `${articles.results.length} article${articles.results.length > 1 ? 's' : ''} pour « ${q} »`}
              </p>
              <ul className="eig-results">
                {articles.results.map((a) => (
                  <li key={a.id} className="eig-result">
                    <h3 className="fr-text--md fr-mb-1v">{a.num ? `Article ${a.num}` : 'Article'}</h3>
                    {a.path.length > 0 && <p className="fr-text--xs eig-muted fr-mb-1v">{a.path.join(' › ')}</p>}
                    <Snippet snippet={a.snippet} className="fr-text--sm fr-mb-0" />
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
    </div>
  );
}

export function ConventionsPage({ shared, q, results }: PropsOf<typeof views.conventions>) {
  const chosen = shared.convention;
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb segments={[{ label: 'ExploCode', href: explocodePaths.home() }]} current="Conventions collectives" />
      <ExploStatus shared={shared} />
      <h1>Trouver sa convention collective</h1>
      <p className="fr-text--lead">
        Votre convention collective peut prévoir des règles plus favorables que le Code du travail. Indiquez-la : ExploCode affichera
        d’abord les réponses qui la concernent.
      </p>
      {chosen && (
        <div className="eig-box fr-mb-4w">
          <p className="fr-mb-1w">
            Votre convention{'\u00a0:'} <strong>{chosen.shortTitle || chosen.title}</strong> (IDCC {chosen.idcc})
          </p>
          <p className="fr-mb-0">
            <a className="fr-link" href={explocodePaths.convention(chosen.idcc)}>
              Voir ma convention
            </a>{' '}
            ·{' '}
            <a className="fr-link" href={explocodePaths.forgetConvention(explocodePaths.conventions())}>
              Ne plus l’utiliser
            </a>
          </p>
        </div>
      )}
      <form action="/explocode/conventions" method="get" role="search" aria-label="Conventions collectives" className="fr-mb-4w">
        <div className="fr-search-bar fr-search-bar--lg">
          <label className="fr-label" htmlFor="q-conventions">
            Nom de la convention, métier ou numéro IDCC
          </label>
          <input
            className="fr-input"
            id="q-conventions"
            name="q"
            type="search"
            defaultValue={q}
            placeholder="Ex. : Syntec, boulangerie ou 1486"
            aria-describedby="q-conventions-hint"
          />
          <button className="fr-btn" type="submit" title="Rechercher une convention">
            Rechercher
          </button>
        </div>
        <p id="q-conventions-hint" className="fr-hint-text fr-mt-1w">
          Le numéro IDCC (4 chiffres) figure sur votre bulletin de paie ou votre contrat de travail.
        </p>
      </form>
      {results && (
        <section aria-labelledby="resultats-conventions">
          <h2 id="resultats-conventions" className="fr-h4">
            Résultats
          </h2>
          <p role="status">
            {results.length === 0
              ? `Aucune convention ne correspond à « ${q} ».`
              : `${results.length} convention${results.length > 1 ? 's' : ''} pour « ${q} »`}
          </p>
          <ul className="eig-results">
            {results.map((c) => (
              <li key={c.idcc} className="eig-result eig-result--row">
                <div>
                  <h3 className="fr-h6 fr-mb-1v">
                    <a href={explocodePaths.convention(c.idcc)}>{c.shortTitle || c.title}</a>
                  </h3>
                  <p className="fr-text--sm eig-muted fr-mb-0">
                    IDCC {c.idcc}
                    {c.effectif !== null ? ` · environ ${frNumber(c.effectif)} salariés` : ''}
                  </p>
                </div>
                <ChooseButton shared={shared} convention={c} back={explocodePaths.home()} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
