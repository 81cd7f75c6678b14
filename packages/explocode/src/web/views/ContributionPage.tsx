import type { PropsOf } from '@eig/platform/web';
import { PageBreadcrumb, SanitizedHtml } from '@eig/web/ui';
import type { ContributionResponse } from '../../http/schemas.ts';
import { ExploStatus } from '../status.tsx';
import { explocodePaths } from '../paths.ts';
import type { views } from '../views.ts';
import { fr } from '../typo.ts';

type ContributionAnswer = ContributionResponse['contribution']['generic'];

function Answer({ answer, id, title, highlight }: { answer: ContributionAnswer; id: string; title: string; highlight?: boolean }) {
  return (
    <section aria-labelledby={id} className={highlight ? 'eig-answer eig-answer--specific fr-mb-4w' : 'eig-answer fr-mb-4w'}>
      {/* h2 at its own size: the answer's embedded h3 must not look bigger */}
      <h2 id={id}>{fr(title)}</h2>
      <SanitizedHtml html={answer.html || ''} />
      {answer.citedArticles.length > 0 && (
        <p className="fr-text--sm">
          Articles cités :{' '}
          {answer.citedArticles.map((num, i) => (
            <span key={num}>
              {i > 0 && ', '}
              <a href={explocodePaths.article(num)}>{num}</a>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}

export function ContributionPage({
  shared,
  contribution,
  answer,
  generic,
  convention,
  agreementsWithAnswer,
  idcc,
}: PropsOf<typeof views.contribution>) {
  const conventionName =
    convention && convention.idcc === idcc ? `${convention.shortTitle || convention.title} (IDCC ${idcc})` : `IDCC ${idcc}`;
  const specificCount = agreementsWithAnswer;
  const here = explocodePaths.contribution(contribution.id);
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb segments={[{ label: 'ExploCode', href: explocodePaths.home() }]} current={contribution.title} />
      <ExploStatus shared={shared} />
      <div className="fr-grid-row">
        <article className="fr-col-12 fr-col-lg-9" aria-labelledby="question">
          <p className="fr-badge fr-badge--sm fr-badge--new fr-mb-1w">Question-réponse</p>
          <h1 id="question">{fr(contribution.title)}</h1>
          {idcc && answer && (
            <Answer
              answer={answer}
              id="reponse-convention"
              title={`Ce que prévoit votre convention collective : ${conventionName}`}
              highlight
            />
          )}
          {idcc && !answer && (
            <div className="fr-notice fr-notice--info fr-mb-4w">
              <div className="fr-container">
                <div className="fr-notice__body">
                  <p className="fr-notice__title">
                    Pas de réponse spécifique pour la convention {conventionName} : la réponse générale ci-dessous s’applique.
                  </p>
                </div>
              </div>
            </div>
          )}
          <Answer answer={generic} id="reponse-generale" title={idcc ? 'Réponse générale (Code du travail)' : 'Réponse'} />
          <form action={here} method="get" className="eig-box eig-inline-form" aria-labelledby="choix-idcc">
            <h2 id="choix-idcc" className="fr-h6">
              {idcc ? 'Voir la réponse pour une autre convention collective' : 'Voir la réponse pour votre convention collective'}
            </h2>
            {specificCount > 0 && (
              <p className="fr-text--sm">
                Cette question a une réponse spécifique pour {specificCount} convention{specificCount > 1 ? 's' : ''} collective
                {specificCount > 1 ? 's' : ''}.
              </p>
            )}
            <div className="fr-input-group fr-mb-0">
              <label className="fr-label" htmlFor="idcc">
                Numéro IDCC de la convention
                <span className="fr-hint-text">4 chiffres maximum, indiqué sur votre bulletin de paie. Exemple : 1486</span>
              </label>
              <div className="eig-inline-form__row">
                <input className="fr-input" id="idcc" name="idcc" inputMode="numeric" pattern="[0-9]{1,5}" defaultValue={idcc ?? ''} />
                <button className="fr-btn" type="submit">
                  Afficher
                </button>
              </div>
            </div>
            <p className="fr-text--sm fr-mt-2w fr-mb-0">
              Vous ne connaissez pas votre IDCC ? <a href={explocodePaths.conventions()}>Trouver ma convention collective</a>
            </p>
          </form>
        </article>
      </div>
    </div>
  );
}
