import type { ReactNode } from 'react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import type { PropsOf } from '@eig/platform/web';
import { Snippet } from '@eig/web/ui';
import type { BrowseThemes, DocType, SearchResponse, SearchResult } from '../../http/schemas.ts';
import { SearchComboboxIsland } from '../islands/index.ts';
import { ExploStatus } from '../status.tsx';
import { DOC_TYPE_LABELS, DOC_TYPE_ORDER, SEARCH_MAX_RESULTS, explocodePaths, lastSearchPage } from '../paths.ts';
import { EXAMPLE_QUESTIONS } from '../../core/examples.ts';
import { fr, frTerm, quoted } from '../typo.ts';
import { SEARCH_INPUT_ID, type views } from '../views.ts';
import { docUrl } from '../links.ts';

/** Groups results by type; groups ordered by their best-ranked result. */
export function groupResults(results: SearchResult[]): { type: DocType; results: SearchResult[] }[] {
  const groups = new Map<DocType, SearchResult[]>();
  for (const r of results) {
    const g = groups.get(r.type);
    if (g) g.push(r);
    else groups.set(r.type, [r]);
  }
  return [...groups.entries()]
    .sort((a, b) => results.indexOf(a[1][0]) - results.indexOf(b[1][0]) || DOC_TYPE_ORDER.indexOf(a[0]) - DOC_TYPE_ORDER.indexOf(b[0]))
    .map(([type, rs]) => ({ type, results: rs }));
}

/** Long paths of the code's plan: keep the last two levels. */
export const shortPath = (path: string[]) => (path.length > 2 ? ['…', ...path.slice(-2)] : path).join(' › ');

const n = (x: number) => x.toLocaleString('fr-FR');

function Explanation({ result, idPrefix }: { result: SearchResult; idPrefix: string }) {
  const e = result.explanation;
  const items: ReactNode[] = [];
  if (e.route) items.push(<li key="route">{e.route}</li>);
  if (e.terms.length)
    items.push(
      <li key="terms">
        Mots de votre recherche retrouvés{'\u00a0:'}{' '}
        {e.terms.map((t, i) => (
          <span key={t}>{`${i > 0 ? ', ' : ''}${quoted(frTerm(t))}`}</span>
        ))}
      </li>,
    );
  if (e.synonyms.length)
    items.push(
      <li key="syn">
        Synonymes utilisés{'\u00a0:'}{' '}
        {e.synonyms.map((s, i) => (
          <span key={`${s.from}-${s.to}`}>{`${i > 0 ? ', ' : ''}${quoted(frTerm(s.from))} → ${quoted(frTerm(s.to))}`}</span>
        ))}
      </li>,
    );
  if (e.themes.length)
    items.push(
      <li key="themes">
        Notions juridiques reconnues{'\u00a0:'} {e.themes.map(frTerm).join(', ')}
      </li>,
    );
  if (e.via.length)
    items.push(
      <li key="via">
        Cité par{'\u00a0:'}{' '}
        {e.via.map((v, i) => (
          <span key={`${v.type}-${v.id}`}>
            {i > 0 && ', '}
            <a href={docUrl(v.type, v.id)}>{fr(v.title)}</a>
          </span>
        ))}
      </li>,
    );
  if (e.semantic > 0)
    items.push(
      <li key="sem">
        Rapproché de votre question par les associations apprises des fiches officielles (contribution {Math.round(e.semantic * 100) / 100}
        ).
      </li>,
    );
  if (items.length === 0) return null;
  return (
    <details className="eig-why">
      <summary id={`${idPrefix}-why`}>{'Pourquoi ce résultat\u202f?'}</summary>
      <ul className="fr-text--sm fr-mb-0">{items}</ul>
    </details>
  );
}

function ResultItem({ result, idcc, index }: { result: SearchResult; idcc: string | null; index: number }) {
  const href =
    result.type === 'contribution' && idcc && !result.url.includes('idcc=')
      ? `${result.url}${result.url.includes('?') ? '&' : '?'}idcc=${encodeURIComponent(idcc)}`
      : result.url;
  return (
    <li className="eig-result">
      <p className="eig-result__meta fr-mb-1v">
        <Badge small noIcon severity={result.type === 'contribution' ? 'new' : undefined} as="span">
          {DOC_TYPE_LABELS[result.type].singular}
        </Badge>
        {result.idcc && idcc && result.idcc === idcc && (
          <Badge small severity="success" as="span">
            Votre convention
          </Badge>
        )}
        {result.breadcrumb.length > 0 && <span className="eig-result__path">{shortPath(result.breadcrumb)}</span>}
      </p>
      <h3 className="fr-h6 fr-mb-1w">
        <a href={href}>
          {fr(
            result.type === 'article' && result.num && !result.title.includes(result.num)
              ? `Article ${result.num} — ${result.title}`
              : result.title,
          )}
        </a>
      </h3>
      {result.snippet && <Snippet snippet={result.snippet} className="fr-text--sm fr-mb-1w" />}
      <Explanation result={result} idPrefix={`r${index}`} />
    </li>
  );
}

/** The side panel's themes: one line per label (the engine tells same-title themes apart; any left are merged). */
export function distinctThemes(themes: SearchResponse['themes']): SearchResponse['themes'] {
  const seen = new Set<string>();
  return themes.filter((t) => {
    const k = (t.label || t.title).toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** "352 résultats", "plus de 1 000 résultats" (beyond what pagination serves). */
export function totalLabel(total: number): string {
  if (total > SEARCH_MAX_RESULTS) return `Plus de ${n(SEARCH_MAX_RESULTS)} résultats`;
  return `${n(total)} résultat${total > 1 ? 's' : ''}`;
}

function ExampleQuestions({ idPrefix }: { idPrefix: string }) {
  return (
    <section aria-labelledby={`${idPrefix}-exemples`} className="fr-mb-4w">
      <h2 id={`${idPrefix}-exemples`} className="fr-h5">
        Exemples de questions
      </h2>
      <ul>
        {EXAMPLE_QUESTIONS.map((q) => (
          <li key={q}>
            <a href={explocodePaths.search({ q })}>{fr(q)}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function BrowseList({ themes, idPrefix }: { themes: BrowseThemes; idPrefix: string }) {
  if (!themes.length) return null;
  return (
    <section aria-labelledby={`${idPrefix}-themes`} className="fr-mb-4w">
      <h2 id={`${idPrefix}-themes`} className="fr-h5">
        Parcourir par thème
      </h2>
      <ul className="fr-tags-group">
        {themes.map((t) => (
          <li key={t.id}>
            <a className="fr-tag" href={explocodePaths.theme(t.id)}>
              {fr(t.title)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** No answer: said plainly, with what to try instead. */
function EmptyState({
  response,
  q,
  base,
  browse,
  filtered,
}: {
  response: SearchResponse;
  q: string;
  base: { q: string; idcc: string | null };
  browse: BrowseThemes;
  filtered: boolean;
}) {
  return (
    <div className="fr-mb-4w eig-empty">
      <h2 className="fr-h4">Aucune réponse trouvée</h2>
      <p>
        {response.outOfScope
          ? `Votre recherche ${quoted(q)} ne semble pas porter sur le droit du travail : ExploCode ne répond qu’aux questions sur le travail (contrat, salaire, congés, rupture…).`
          : q
            ? `Aucun document ne répond à ${quoted(q)}${filtered ? ' avec ces filtres' : ''}.`
            : 'Aucun document avec ces critères.'}
      </p>
      {response.spellingSuggestions.length > 0 && (
        <p>
          Essayez avec cette orthographe{'\u00a0:'}{' '}
          {response.spellingSuggestions.map((sg, i) => (
            <span key={sg}>
              {i > 0 && ', '}
              <a href={explocodePaths.search({ q: sg })}>{sg}</a>
            </span>
          ))}
        </p>
      )}
      {filtered && (
        <p>
          <a href={explocodePaths.search({ q, idcc: base.idcc })}>Relancer la recherche sans filtre</a>
        </p>
      )}
      <ExampleQuestions idPrefix="vide" />
      <BrowseList themes={browse} idPrefix="vide" />
    </div>
  );
}

export function SearchPage({ shared, url, params, pageSize, response, themeTitle, browse }: PropsOf<typeof views.search>) {
  const { q, type, theme, idcc, page } = params;
  const convention = shared.convention;
  const base = { q, type, theme, idcc: convention && convention.idcc === idcc ? null : idcc };
  const pageCount = response && response.total > 0 ? lastSearchPage(response.total, pageSize) : 0;
  const groups = response ? groupResults(response.results) : [];
  const first = (page - 1) * pageSize + 1;
  // "convention 1486": the agreement is the answer; themes matched on the word "convention" are noise.
  const themes = response && !(response.route?.kind === 'convention' && response.route.unambiguous) ? distinctThemes(response.themes) : [];
  const agreements = response && !type && page === 1 ? response.conventions : [];

  return (
    <div className="fr-container fr-py-4w">
      <ExploStatus shared={shared} />
      <h1 className="fr-h2">
        {q ? (
          <>Résultats pour {quoted(q)}</>
        ) : themeTitle ? (
          <>
            Thème{'\u00a0:'} {fr(themeTitle)}
          </>
        ) : (
          'Rechercher'
        )}
      </h1>
      <div className="fr-mb-3w">
        <SearchComboboxIsland inputId={SEARCH_INPUT_ID} defaultValue={q} size="lg" type={type} />
      </div>

      {!response && (
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-8">
            <p>Posez votre question avec vos mots, par exemple{'\u00a0:'}</p>
            <ExampleQuestions idPrefix="accueil" />
            <BrowseList themes={browse} idPrefix="accueil" />
          </div>
        </div>
      )}

      {(theme || convention || (idcc && !convention)) && (
        <ul className="fr-tags-group fr-mb-2w" aria-label="Critères appliqués">
          {theme && (
            <li>
              <a
                className="fr-tag fr-tag--dismiss"
                href={explocodePaths.search({ ...base, theme: null })}
                aria-label={`Retirer le thème ${themeTitle ?? theme}`}
              >
                {`Thème\u00a0: ${fr(themeTitle ?? theme)}`}
              </a>
            </li>
          )}
          {idcc && (
            <li>
              <a
                className="fr-tag fr-tag--dismiss"
                href={convention?.idcc === idcc ? explocodePaths.forgetConvention(url) : explocodePaths.search({ ...base, idcc: '' })}
                aria-label={`Ne plus utiliser la convention collective IDCC ${idcc}`}
              >
                {`Convention\u00a0: IDCC ${idcc}`}
              </a>
            </li>
          )}
        </ul>
      )}

      {response?.route?.kind === 'article' && (
        <div className="fr-callout fr-icon-arrow-right-line fr-mb-3w">
          <p className="fr-callout__text">
            Vous cherchez l’article {response.route.target} du Code du travail{'\u202f'}?{' '}
            <a href={response.route.url}>{`Aller à l’article ${response.route.target}`}</a>
          </p>
        </div>
      )}

      {agreements.length > 0 && (
        <section className="fr-mb-3w eig-box" aria-labelledby="conventions-trouvees">
          <h2 id="conventions-trouvees" className="fr-h5 fr-mb-1w">
            {agreements.length > 1
              ? `Conventions collectives correspondantes (${agreements.length})`
              : 'Convention collective correspondante'}
          </h2>
          <ul className="eig-agreements fr-mb-0">
            {agreements.map((c) => (
              <li key={c.idcc}>
                <a href={c.url}>{fr(c.title)}</a> <span className="fr-text--sm eig-muted">IDCC {c.idcc}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {response && (
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-8">
            {!response.outOfScope && (
              <nav aria-label="Filtrer par type de document" className="fr-mb-2w">
                <ul className="fr-tags-group">
                  {[null, ...(['contribution', 'fiche', 'article', 'convention', 'theme'] as DocType[])].map((t) => (
                    <li key={t ?? 'all'}>
                      <a
                        className="fr-tag"
                        href={explocodePaths.search({ ...base, type: t, direct: false })}
                        aria-current={type === t ? 'page' : undefined}
                      >
                        {t ? DOC_TYPE_LABELS[t].plural : 'Tous les types'}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
            <p className="fr-mb-2w" role="status">
              {response.total === 0
                ? 'Aucun résultat.'
                : `${totalLabel(response.total)}${response.total > pageSize ? ` — ${n(first)} à ${n(Math.min(first + pageSize - 1, response.total))}` : ''}`}
              {type ? ` — ${DOC_TYPE_LABELS[type].plural}` : ''}
            </p>
            {response.total === 0 && <EmptyState response={response} q={q} base={base} browse={browse} filtered={Boolean(type || theme)} />}
            {groups.map((g) => (
              <section key={g.type} className="fr-mb-4w" aria-labelledby={`groupe-${g.type}`}>
                <h2 id={`groupe-${g.type}`} className="fr-h4 fr-mb-2w">
                  {DOC_TYPE_LABELS[g.type].plural}
                </h2>
                <ul className="eig-results">
                  {g.results.map((r) => (
                    <ResultItem key={`${r.type}-${r.id}`} result={r} idcc={idcc} index={response.results.indexOf(r)} />
                  ))}
                </ul>
              </section>
            ))}
            {pageCount > 1 && (
              <Pagination
                count={pageCount}
                defaultPage={Math.min(page, pageCount)}
                showFirstLast
                getPageLinkProps={(p) => ({ href: explocodePaths.search({ ...base, page: p, direct: false }) })}
              />
            )}
          </div>
          <div className="fr-col-12 fr-col-md-4">
            {themes.length > 0 && (
              <section className="eig-box fr-mb-3w" aria-labelledby="notions">
                <h2 id="notions" className="fr-h6 fr-mb-1w">
                  Notions juridiques identifiées
                </h2>
                <p className="fr-text--xs fr-mb-1w">Votre question a été rattachée à ces thèmes{'\u00a0:'}</p>
                <ul className="eig-notions">
                  {themes.map((t) => (
                    <li key={t.id}>
                      <a
                        href={explocodePaths.search({ ...base, theme: t.id, direct: false })}
                        aria-current={t.id === theme ? 'true' : undefined}
                      >
                        {fr(t.label || t.title)}
                      </a>
                      <span className="fr-text--xs eig-muted">
                        {' '}
                        ({n(t.count)} doc.) ·{' '}
                        <a href={explocodePaths.theme(t.id)}>
                          voir le thème<span className="fr-sr-only">{` ${t.label || t.title}`}</span>
                        </a>
                      </span>
                      {t.path.length > 0 && <span className="eig-notions__path">{shortPath(t.path)}</span>}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <section className="eig-box" aria-labelledby="ma-convention">
              <h2 id="ma-convention" className="fr-h6 fr-mb-1w">
                Ma convention collective
              </h2>
              {convention ? (
                <p className="fr-text--sm fr-mb-1w">
                  {convention.shortTitle || convention.title} (IDCC {convention.idcc}){'\u00a0:'} ses réponses apparaissent en premier.{' '}
                  <a href={explocodePaths.conventions()}>Changer</a>
                </p>
              ) : (
                <p className="fr-text--sm fr-mb-1w">
                  <a href={explocodePaths.conventions()}>Choisir ma convention collective</a> pour voir d’abord les réponses qui la
                  concernent.
                </p>
              )}
            </section>
          </div>
        </div>
      )}
    </div>
  );
}
