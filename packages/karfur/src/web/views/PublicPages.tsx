import type { PropsOf } from '@eig/platform/web';
import { karfurPaths } from '../paths.ts';
import type { views } from '../views.ts';
import { Crumbs, FicheCards, Frame, useT } from './common.tsx';

const AUDIENCES = [
  { key: 'forRefugees', theme: 'droits-demarches' },
  { key: 'forCaregivers', href: 'annuaire' },
  { key: 'forCitizens', theme: 'citoyennete' },
] as const;

export function SearchBar({ shared, value, big }: { shared: PropsOf<typeof views.home>['shared']; value?: string; big?: boolean }) {
  const t = useT(shared);
  return (
    <form
      role="search"
      method="get"
      action={karfurPaths.search(shared.lang)}
      className={`fr-search-bar karfur-search${big ? ' fr-search-bar--lg' : ''}`}
    >
      <label className="fr-label" htmlFor="karfur-q">
        {t('search.label')}
      </label>
      <input
        className="fr-input"
        id="karfur-q"
        name="q"
        type="search"
        defaultValue={value}
        placeholder={t('search.placeholder')}
        maxLength={200}
        autoComplete="off"
      />
      <button className={`fr-btn${big ? ' fr-btn--lg' : ''}`} type="submit" title={t('search.submit')}>
        {t('search.submit')}
      </button>
    </form>
  );
}

export function HomePage({ shared, themes, total }: PropsOf<typeof views.home>) {
  const t = useT(shared);
  const l = shared.lang;
  return (
    <Frame shared={shared}>
      <section className="karfur-hero" aria-labelledby="karfur-title">
        <h1 id="karfur-title">{t('app.name')}</h1>
        <p className="fr-text--lead">{t('app.tagline')}</p>
        <h2 className="fr-h5">{t('home.searchTitle')}</h2>
        <SearchBar shared={shared} big />
        <p className="fr-text--sm fr-mt-1w karfur-muted">{t('home.fichesCount', { count: total })}</p>
      </section>
      <section aria-labelledby="karfur-themes" className="fr-mt-6w">
        <h2 id="karfur-themes">{t('home.themesTitle')}</h2>
        <ul className="karfur-tiles">
          {themes.themes.map((th) => (
            <li key={th.id}>
              <a className="karfur-tile" href={karfurPaths.theme(l, th.id)}>
                <span className={`karfur-ti karfur-ti--${th.id} karfur-tile__icon`} aria-hidden="true" />
                <span className="karfur-tile__title">{th.label}</span>
                <span className="karfur-tile__desc">{th.description}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="karfur-audiences" className="fr-mt-6w">
        <h2 id="karfur-audiences">{t('home.audienceTitle')}</h2>
        <ul className="karfur-tiles karfur-tiles--three">
          {AUDIENCES.map((a) => (
            <li key={a.key}>
              <a className="karfur-tile" href={'theme' in a ? karfurPaths.theme(l, a.theme) : karfurPaths.structures(l)}>
                <span className="karfur-tile__title">{t(`home.${a.key}`)}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </Frame>
  );
}

export function ThemePage({ shared, theme, fiches }: PropsOf<typeof views.theme>) {
  const t = useT(shared);
  const l = shared.lang;
  return (
    <Frame shared={shared}>
      <Crumbs shared={shared} items={[]} current={theme.label} />
      <h1>
        <span className={`karfur-ti karfur-ti--${theme.id} karfur-h1-icon`} aria-hidden="true" /> {theme.label}
      </h1>
      <p className="fr-text--lead">{theme.description}</p>
      <p>
        <a className="fr-link fr-icon-search-line fr-link--icon-left" href={karfurPaths.search(l, { theme: theme.id })}>
          {t('search.submit')} — {theme.label}
        </a>
      </p>
      {theme.needs.map((n) => (
        <section key={n.id} aria-labelledby={`besoin-${n.id}`} className="fr-mt-4w">
          <h2 id={`besoin-${n.id}`} className="fr-h4">
            <a href={karfurPaths.need(l, n.id)}>{n.label}</a>
          </h2>
          <p className="karfur-muted">{n.description}</p>
          {(fiches[n.id] ?? []).length > 0 ? (
            <FicheCards fiches={fiches[n.id]} shared={shared} />
          ) : (
            <p className="fr-text--sm">{t('search.empty')}</p>
          )}
        </section>
      ))}
    </Frame>
  );
}

export function NeedPage({ shared, theme, need, fiches, structures }: PropsOf<typeof views.need>) {
  const t = useT(shared);
  const l = shared.lang;
  return (
    <Frame shared={shared}>
      <Crumbs shared={shared} items={[{ label: theme.label, href: karfurPaths.theme(l, theme.id) }]} current={need.label} />
      <h1>{need.label}</h1>
      <p className="fr-text--lead">{need.description}</p>
      <ul className="karfur-inline-list karfur-actions">
        <li>
          <a className="fr-btn fr-btn--secondary" href={karfurPaths.search(l, { need: need.id })}>
            {t('filters.title')}
          </a>
        </li>
        {structures > 0 && (
          <li>
            <a className="fr-btn fr-btn--tertiary" href={karfurPaths.structures(l, { besoin: need.id })}>
              {t('nav.structures')} ({structures})
            </a>
          </li>
        )}
      </ul>
      {fiches.length > 0 ? <FicheCards fiches={fiches} shared={shared} headingLevel={2} /> : <p>{t('search.empty')}</p>}
    </Frame>
  );
}

export function OfflinePage({ shared }: PropsOf<typeof views.offline>) {
  const t = useT(shared);
  return (
    <Frame shared={shared}>
      <h1>{t('notice.offlineTitle')}</h1>
      <p>{t('error.offlineUnavailable')}</p>
      <h2 className="fr-h5">{t('notice.offlinePages')}</h2>
      <ul data-karfur-cached-list>
        <li>
          <a href={karfurPaths.journey(shared.lang)}>{t('journey.title')}</a>
        </li>
      </ul>
      <p>
        <a className="fr-btn" href={karfurPaths.home(shared.lang)}>
          {t('error.tryAgain')}
        </a>
      </p>
    </Frame>
  );
}
