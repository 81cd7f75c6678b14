import type { PropsOf } from '@eig/platform/web';
import { CECRL_LEVELS, FICHE_KINDS, LEGAL_STATUSES } from '../../core/schemas.ts';
import { karfurPaths } from '../paths.ts';
import type { views } from '../views.ts';
import { FicheCards, Frame, useT } from './common.tsx';

export function SearchPage({ shared, form, themes, response, placeError, pageSize }: PropsOf<typeof views.search>) {
  const t = useT(shared);
  const l = shared.lang;
  const pages = response ? Math.min(25, Math.ceil(response.total / pageSize)) : 0;
  const needs = themes.themes.flatMap((th) => th.needs.map((n) => ({ ...n, theme: th.label })));
  return (
    <Frame shared={shared}>
      <h1>{form.q ? t('search.resultsFor', { query: form.q }) : t('search.label')}</h1>
      <form method="get" action={karfurPaths.search(l)} className="karfur-search-form" role="search">
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="karfur-q">
            {t('search.label')}
          </label>
          <div className="karfur-search-row">
            <input
              className="fr-input"
              id="karfur-q"
              name="q"
              type="search"
              defaultValue={form.q}
              placeholder={t('search.placeholder')}
              maxLength={200}
              autoComplete="off"
            />
            <button className="fr-btn" type="submit">
              {t('search.submit')}
            </button>
          </div>
        </div>
        <fieldset className="fr-fieldset karfur-filters" aria-labelledby="karfur-filters-legend">
          <legend className="fr-fieldset__legend" id="karfur-filters-legend">
            {t('filters.title')}
          </legend>
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="karfur-theme">
              {t('filters.theme')}
            </label>
            <select className="fr-select" id="karfur-theme" name="theme" defaultValue={form.theme ?? ''}>
              <option value="">{t('filters.all')}</option>
              {themes.themes.map((th) => (
                <option key={th.id} value={th.id}>
                  {th.label}
                </option>
              ))}
            </select>
          </div>
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="karfur-need">
              {t('filters.need')}
            </label>
            <select className="fr-select" id="karfur-need" name="need" defaultValue={form.need ?? ''}>
              <option value="">{t('filters.all')}</option>
              {needs.map((n) => (
                <option key={n.id} value={n.id}>
                  {`${n.theme} — ${n.label}`}
                </option>
              ))}
            </select>
          </div>
          <div className={`fr-input-group${placeError ? ' fr-input-group--error' : ''}`}>
            <label className="fr-label" htmlFor="karfur-lieu">
              {t('filters.departement')}
              <span className="fr-hint-text">{t('filters.departementHint')}</span>
            </label>
            <input
              className={`fr-input${placeError ? ' fr-input--error' : ''}`}
              id="karfur-lieu"
              name="lieu"
              defaultValue={form.lieu}
              maxLength={80}
              autoComplete="postal-code"
              aria-describedby={placeError ? 'karfur-lieu-error' : undefined}
            />
            {placeError && (
              <p id="karfur-lieu-error" className="fr-error-text">
                {placeError}
              </p>
            )}
          </div>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="karfur-age">
              {t('filters.age')}
            </label>
            <input
              className="fr-input"
              id="karfur-age"
              name="age"
              type="number"
              min={0}
              max={120}
              inputMode="numeric"
              defaultValue={form.age ?? ''}
            />
          </div>
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="karfur-niveau">
              {t('filters.frenchLevel')}
            </label>
            <select className="fr-select" id="karfur-niveau" name="niveau" defaultValue={form.niveau ?? ''}>
              <option value="">{t('filters.all')}</option>
              <option value="none">{t('filters.frenchLevelNone')}</option>
              {CECRL_LEVELS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="karfur-statut">
              {t('filters.status')}
            </label>
            <select className="fr-select" id="karfur-statut" name="statut" defaultValue={form.statut ?? ''}>
              <option value="">{t('filters.all')}</option>
              {[...LEGAL_STATUSES, 'french'].map((x) => (
                <option key={x} value={x}>
                  {t(`status.${x}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="karfur-type">
              {t('filters.kind')}
            </label>
            <select className="fr-select" id="karfur-type" name="type" defaultValue={form.type ?? ''}>
              <option value="">{t('filters.all')}</option>
              {FICHE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="karfur-inline-list">
            <button className="fr-btn fr-btn--secondary" type="submit">
              {t('filters.apply')}
            </button>
            <a className="fr-btn fr-btn--tertiary" href={karfurPaths.search(l, { q: form.q })}>
              {t('filters.reset')}
            </a>
          </div>
        </fieldset>
      </form>
      {!response && <p>{t('search.noQuery')}</p>}
      {response && (
        <section aria-labelledby="karfur-results" className="fr-mt-4w">
          <h2 id="karfur-results" className="fr-h4">
            {t('search.results', { count: response.total })}
            {response.place
              ? ` — ${response.place.commune ? `${response.place.commune}, ` : ''}${response.place.name} (${response.place.departement})`
              : ''}
          </h2>
          {!response.searchReady && <p className="fr-text--sm">{t('search.indexPreparing')}</p>}
          {response.corrections.length > 0 && (
            <p className="fr-text--sm">{t('search.corrections', { words: response.corrections.map((c) => c.to).join(', ') })}</p>
          )}
          {response.total === 0 && response.suggestions && (
            <div className="fr-callout">
              <p className="fr-callout__text">{t('search.empty')}</p>
              <p>{t('search.tryOtherWords')}</p>
              {response.suggestions.nearby.length > 0 && (
                <>
                  <p>{t('search.emptyNearby')}</p>
                  <ul>
                    {response.suggestions.nearby.map((n) => (
                      <li key={n.departement}>
                        <a
                          href={karfurPaths.search(l, { ...form, lieu: n.departement, page: 1 })}
                        >{`${n.name} (${n.departement}) — ${t('search.results', { count: n.count })}`}</a>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <p>{t('search.emptyThemes')}</p>
              <ul className="karfur-inline-list">
                {response.suggestions.themes.map((th) => (
                  <li key={th.id}>
                    <a className="fr-tag" href={karfurPaths.theme(l, th.id)}>
                      {th.label}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <FicheCards fiches={response.results} shared={shared} />
          {pages > 1 && (
            <nav aria-label={t('search.page', { page: form.page })} className="karfur-inline-list karfur-pager">
              {form.page > 1 && (
                <a className="fr-link" href={karfurPaths.search(l, { ...form, page: form.page - 1 })} rel="prev">
                  {t('search.previous')}
                </a>
              )}
              <span>{t('search.page', { page: form.page })}</span>
              {form.page < pages && (
                <a className="fr-link" href={karfurPaths.search(l, { ...form, page: form.page + 1 })} rel="next">
                  {t('search.next')}
                </a>
              )}
            </nav>
          )}
        </section>
      )}
    </Frame>
  );
}
