import { Tag } from '@codegouvfr/react-dsfr/Tag';
import { Tile } from '@codegouvfr/react-dsfr/Tile';
import type { PropsOf } from '@eig/platform/web';
import { SearchComboboxIsland } from '../islands/index.ts';
import { ExploStatus } from '../status.tsx';
import { explocodePaths } from '../paths.ts';
import { SEARCH_INPUT_ID, type views } from '../views.ts';
import { POPULAR_QUERIES } from '../../core/examples.ts';
import { fr } from '../typo.ts';

export function ExploHomePage({ shared, themes }: PropsOf<typeof views.home>) {
  const convention = shared.convention;
  return (
    <>
      <section className="eig-hero">
        <div className="fr-container fr-py-6w">
          <ExploStatus shared={shared} />
          <h1 className="fr-mb-2w">ExploCode : le droit du travail à partir de votre question</h1>
          <p className="fr-text--lead">
            Posez votre question avec vos mots. ExploCode trouve les articles du Code du travail, les fiches pratiques, les
            questions-réponses officielles et les dispositions de votre convention collective qui s’appliquent.
          </p>
          <div className="eig-search-home">
            <SearchComboboxIsland inputId={SEARCH_INPUT_ID} size="lg" />
          </div>
          {convention ? (
            <p className="fr-text--sm fr-mt-2w fr-mb-0">
              Les réponses propres à votre convention collective ({convention.shortTitle || convention.title}, IDCC {convention.idcc}) sont
              affichées en premier. <a href={explocodePaths.conventions()}>Changer de convention</a>
            </p>
          ) : (
            <p className="fr-text--sm fr-mt-2w fr-mb-0">
              Vous connaissez votre convention collective ? <a href={explocodePaths.conventions()}>Indiquez-la</a> pour voir d’abord les
              réponses qui vous concernent.
            </p>
          )}
        </div>
      </section>
      <div className="fr-container fr-py-6w">
        <section aria-labelledby="questions-frequentes" className="fr-mb-6w">
          <h2 id="questions-frequentes" className="fr-h4">
            Recherches fréquentes
          </h2>
          <ul className="fr-tags-group">
            {POPULAR_QUERIES.map((q) => (
              <li key={q}>
                <Tag linkProps={{ href: explocodePaths.search({ q }) }}>{q}</Tag>
              </li>
            ))}
          </ul>
        </section>
        {themes.length > 0 && (
          <section aria-labelledby="themes-principaux" className="fr-mb-6w">
            <h2 id="themes-principaux" className="fr-h4">
              Parcourir par thème
            </h2>
            <p className="fr-text--sm">Les thèmes du droit du travail les plus recherchés.</p>
            <ul className="fr-grid-row fr-grid-row--gutters eig-reset-list">
              {themes.map((t) => (
                <li key={t.id} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
                  <Tile
                    title={fr(t.title)}
                    titleAs="h3"
                    small
                    orientation="horizontal"
                    desc={`${t.count.toLocaleString('fr-FR')} document${t.count > 1 ? 's' : ''}`}
                    linkProps={{ href: explocodePaths.theme(t.id) }}
                    enlargeLinkOrButton
                  />
                </li>
              ))}
            </ul>
          </section>
        )}
        <section aria-labelledby="outils" className="fr-mb-6w">
          <h2 id="outils" className="fr-h4">
            Simulateurs
          </h2>
          <ul className="fr-grid-row fr-grid-row--gutters eig-reset-list">
            <li className="fr-col-12 fr-col-md-6">
              <Tile
                title="Indemnité de licenciement"
                titleAs="h3"
                small
                orientation="horizontal"
                desc="Calculer l’indemnité légale de licenciement, étape par étape, avec les articles du Code."
                linkProps={{ href: explocodePaths.severanceTool() }}
                enlargeLinkOrButton
              />
            </li>
            <li className="fr-col-12 fr-col-md-6">
              <Tile
                title="Préavis de licenciement ou de démission"
                titleAs="h3"
                small
                orientation="horizontal"
                desc="Connaître la durée du préavis prévue par la loi et, quand elle répond, par votre convention collective."
                linkProps={{ href: explocodePaths.noticeTool() }}
                enlargeLinkOrButton
              />
            </li>
          </ul>
        </section>
        <section aria-labelledby="comprendre" className="fr-callout">
          <h2 id="comprendre" className="fr-callout__title fr-h4">
            Comment ExploCode choisit-il les résultats{'\u202f'}?
          </h2>
          <p className="fr-callout__text">
            Chaque résultat est accompagné d’une explication : mots retrouvés, synonymes, notions juridiques reconnues, fiches qui citent
            l’article.
          </p>
          <a className="fr-btn fr-btn--secondary" href={explocodePaths.how()}>
            Comprendre le classement des résultats
          </a>
        </section>
      </div>
    </>
  );
}
