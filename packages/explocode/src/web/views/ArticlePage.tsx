import type { PropsOf } from '@eig/platform/web';
import { ExternalLink, PageBreadcrumb, RefList, SanitizedHtml, frDate } from '@eig/web/ui';
import { ExploStatus } from '../status.tsx';
import { explocodePaths } from '../paths.ts';
import type { views } from '../views.ts';

export function ArticlePage({ shared, data }: PropsOf<typeof views.article>) {
  const { article, breadcrumb, previous, next, citedBy } = data;
  const since = frDate(article.dateDebut);
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb
        segments={[
          { label: 'ExploCode', href: explocodePaths.home() },
          ...breadcrumb.map((b) => ({ label: b.title, href: explocodePaths.theme(b.id) })),
        ]}
        current={`Article ${article.num}`}
      />
      <ExploStatus shared={shared} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <article className="fr-col-12 fr-col-lg-8" aria-labelledby="titre-article">
          <p className="fr-badge fr-badge--sm fr-badge--blue-ecume fr-mb-1w">Code du travail</p>
          <h1 id="titre-article">Article {article.num}</h1>
          {since && <p className="fr-text--sm eig-muted">Version en vigueur depuis le {since}</p>}
          <SanitizedHtml html={article.html || ''} className="eig-article-text fr-mb-4w" headingLevel={1} />
          <p>
            <ExternalLink href={article.legifranceUrl}>Lire l’article sur Légifrance</ExternalLink>
          </p>
          <nav className="eig-prevnext fr-mt-4w" aria-label="Articles voisins dans le Code du travail">
            {previous ? (
              <a
                className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-arrow-left-line"
                href={explocodePaths.article(previous.num)}
                rel="prev"
              >
                Article précédent : {previous.num}
              </a>
            ) : (
              <span />
            )}
            {next && (
              <a
                className="fr-btn fr-btn--secondary fr-btn--icon-right fr-icon-arrow-right-line"
                href={explocodePaths.article(next.num)}
                rel="next"
              >
                Article suivant : {next.num}
              </a>
            )}
          </nav>
        </article>
        <aside className="fr-col-12 fr-col-lg-4" aria-labelledby="cite-par">
          <div className="eig-box">
            <h2 id="cite-par" className="fr-h5">
              Pour aller plus loin
            </h2>
            <h3 className="fr-h6 fr-mb-1w">Fiches qui citent cet article</h3>
            <RefList
              items={citedBy.fiches.map((f) => ({
                href: explocodePaths.fiche(f.id),
                label: f.title,
                detail: f.sections.length ? f.sections.map((x) => x.title).join(' · ') : undefined,
              }))}
              empty="Aucune fiche ne cite cet article."
            />
            <h3 className="fr-h6 fr-mb-1w fr-mt-3w">Questions-réponses qui citent cet article</h3>
            <RefList
              items={citedBy.contributions.map((c) => ({
                href: explocodePaths.contribution(c.id, shared.convention?.idcc),
                label: c.title,
              }))}
              empty="Aucune question-réponse ne cite cet article."
            />
          </div>
        </aside>
      </div>
    </div>
  );
}
