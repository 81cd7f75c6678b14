import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import type { PropsOf } from '@eig/platform/web';
import { PageBreadcrumb, RefList, frNumber } from '@eig/web/ui';
import { ExploStatus } from '../status.tsx';
import { explocodePaths } from '../paths.ts';
import type { views } from '../views.ts';
import { fr } from '../typo.ts';

export function ThemePage({ shared, data, pageNum, pageSize }: PropsOf<typeof views.theme>) {
  const { theme, ancestors, children } = data;
  const articles = data.articles.items;
  const fiches = data.fiches.items;
  const contributions = data.contributions.items;
  const totals = { articles: data.articles.total, fiches: data.fiches.total, contributions: data.contributions.total };
  const pageCount = Math.ceil(Math.max(totals.articles, totals.fiches, totals.contributions) / pageSize);
  const label = (n: number, shown: number) => (n > shown ? ` (${frNumber(n)}, page ${pageNum})` : ` (${frNumber(n)})`);
  const idcc = shared.convention?.idcc;
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb
        segments={[
          { label: 'ExploCode', href: explocodePaths.home() },
          ...ancestors.map((a) => ({ label: a.title, href: explocodePaths.theme(a.id) })),
        ]}
        current={theme.title}
      />
      <ExploStatus shared={shared} />
      <p className="fr-mb-1w">
        <Badge small noIcon as="span">
          {theme.source === 'code' ? 'Plan du Code du travail' : 'Thème service-public.fr'}
        </Badge>
      </p>
      <h1>{fr(theme.title)}</h1>
      <p className="eig-muted">
        {frNumber(theme.counts.articles)} article{theme.counts.articles > 1 ? 's' : ''} · {frNumber(theme.counts.fiches)} fiche
        {theme.counts.fiches > 1 ? 's' : ''} · {frNumber(theme.counts.contributions)} question
        {theme.counts.contributions > 1 ? 's' : ''}-réponse{theme.counts.contributions > 1 ? 's' : ''}
      </p>
      <form action="/explocode/recherche" method="get" className="eig-inline-form fr-mb-4w" role="search" aria-label="Dans ce thème">
        <input type="hidden" name="theme" value={theme.id} />
        <div className="fr-input-group fr-mb-0">
          <label className="fr-label" htmlFor="q-theme">
            Rechercher dans ce thème
          </label>
          <div className="fr-input-wrap eig-inline-form__row">
            <input className="fr-input" id="q-theme" name="q" type="search" />
            <button className="fr-btn" type="submit">
              Rechercher
            </button>
          </div>
        </div>
      </form>
      {children.length > 0 && (
        <section aria-labelledby="sous-themes" className="fr-mb-4w">
          <h2 id="sous-themes" className="fr-h4">
            Sous-thèmes
          </h2>
          <ul className="eig-reflist eig-columns">
            {children.map((c) => (
              <li key={c.id}>
                <a href={explocodePaths.theme(c.id)}>{fr(c.title)}</a> <span className="fr-text--sm eig-muted">({frNumber(c.count)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        {(fiches.length > 0 || contributions.length > 0) && (
          <div className="fr-col-12 fr-col-md-5">
            {contributions.length > 0 && (
              <section aria-labelledby="qr" className="fr-mb-4w">
                <h2 id="qr" className="fr-h5">
                  Questions-réponses{label(totals.contributions, contributions.length)}
                </h2>
                <RefList items={contributions.map((c) => ({ href: explocodePaths.contribution(c.id, idcc), label: c.title }))} />
              </section>
            )}
            {fiches.length > 0 && (
              <section aria-labelledby="fiches" className="fr-mb-4w">
                <h2 id="fiches" className="fr-h5">
                  Fiches pratiques{label(totals.fiches, fiches.length)}
                </h2>
                <RefList items={fiches.map((f) => ({ href: explocodePaths.fiche(f.id), label: f.title }))} />
              </section>
            )}
          </div>
        )}
        {articles.length > 0 && (
          <section aria-labelledby="articles" className="fr-col-12 fr-col-md-7">
            <h2 id="articles" className="fr-h5">
              Articles du Code du travail{label(totals.articles, articles.length)}
            </h2>
            <ul className="eig-results">
              {articles.map((a) => (
                <li key={a.id} className="eig-result">
                  <a href={explocodePaths.article(a.num)}>Article {a.num}</a>
                  {a.title && <p className="fr-text--sm fr-mb-0">{a.title}</p>}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
      {pageCount > 1 && (
        <Pagination
          className="fr-mt-4w"
          count={pageCount}
          defaultPage={Math.min(pageNum, pageCount)}
          getPageLinkProps={(p) => ({ href: `${explocodePaths.theme(theme.id)}${p > 1 ? `?page=${p}` : ''}` })}
        />
      )}
    </div>
  );
}
