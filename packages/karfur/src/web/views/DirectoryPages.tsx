import type { PropsOf } from '@eig/platform/web';
import type { StructureSummary } from '../../http/schemas.ts';
import type { Translate } from '../../core/i18n.ts';
import { karfurPaths } from '../paths.ts';
import type { views } from '../views.ts';
import { Crumbs, Frame, useT } from './common.tsx';

function Hours({ s, t }: { s: StructureSummary; t: Translate }) {
  if (s.openingHours.length === 0 && !s.openingNote) return null;
  const byDay = new Map<number, string[]>();
  for (const h of s.openingHours) byDay.set(h.day, [...(byDay.get(h.day) ?? []), `${h.open}–${h.close}`]);
  return (
    <>
      <dt>{t('structures.openingHours')}</dt>
      <dd>
        <ul className="karfur-plain-list">
          {[...byDay.entries()]
            .sort((a, b) => a[0] - b[0])
            .map(([day, slots]) => (
              <li key={day}>
                {t(`day.${day}`)} : <span dir="ltr">{slots.join(', ')}</span>
              </li>
            ))}
        </ul>
        {s.openingNote && <span lang="fr">{s.openingNote}</span>}
      </dd>
    </>
  );
}

function StructureDetails({ s, t, lang }: { s: StructureSummary; t: Translate; lang: string }) {
  return (
    <dl className="karfur-facts-list">
      <dt>{t('structures.activities')}</dt>
      <dd>{s.activityLabels.map((a) => a.label).join(', ')}</dd>
      <dt>{t('fiche.location')}</dt>
      <dd>{s.scope === 'national' ? t('structures.nationalScope') : s.departementNames.map((d) => `${d.name} (${d.code})`).join(', ')}</dd>
      {s.address && (
        <>
          <dt>{t('structures.address')}</dt>
          <dd lang="fr">{`${s.address.street}, ${s.address.postcode} ${s.address.city}`}</dd>
        </>
      )}
      <Hours s={s} t={t} />
      {(s.contact.website || s.contact.contactForm || s.contact.phone || s.contact.email) && (
        <>
          <dt>{t('structures.contact')}</dt>
          <dd>
            <ul className="karfur-plain-list">
              {s.contact.website && (
                <li>
                  <a href={s.contact.website} rel="noopener noreferrer">
                    {t('structures.website')}
                  </a>
                </li>
              )}
              {s.contact.contactForm && (
                <li>
                  <a href={s.contact.contactForm} rel="noopener noreferrer">
                    {t('structures.contactForm')}
                  </a>
                </li>
              )}
              {s.contact.phone && (
                <li dir="ltr">
                  <a href={`tel:${s.contact.phone.replace(/\s+/g, '')}`}>{s.contact.phone}</a>
                </li>
              )}
              {s.contact.email && (
                <li dir="ltr">
                  <a href={`mailto:${s.contact.email}`}>{s.contact.email}</a>
                </li>
              )}
            </ul>
          </dd>
        </>
      )}
      {s.fiches.length > 0 && (
        <>
          <dt>{t('structures.fichesTitle')}</dt>
          <dd>
            <ul className="karfur-plain-list">
              {s.fiches.map((f) => (
                <li key={f.id}>
                  <a href={karfurPaths.fiche(lang, f.id)}>{f.title}</a>
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </dl>
  );
}

export function StructuresPage({ shared, response, lieu, besoin, needs, placeError, map }: PropsOf<typeof views.structures>) {
  const t = useT(shared);
  const l = shared.lang;
  const selected = response.place?.departement ?? null;
  return (
    <Frame shared={shared}>
      <h1>{t('structures.title')}</h1>
      <form method="get" action={karfurPaths.structures(l)} className="karfur-search-form">
        <div className="karfur-filters karfur-filters--two">
          <div className={`fr-input-group${placeError ? ' fr-input-group--error' : ''}`}>
            <label className="fr-label" htmlFor="karfur-lieu">
              {t('structures.place')}
              <span className="fr-hint-text">{t('filters.departementHint')}</span>
            </label>
            <input
              className={`fr-input${placeError ? ' fr-input--error' : ''}`}
              id="karfur-lieu"
              name="lieu"
              defaultValue={lieu}
              maxLength={80}
              aria-describedby={placeError ? 'karfur-lieu-error' : undefined}
            />
            {placeError && (
              <p id="karfur-lieu-error" className="fr-error-text">
                {placeError}
              </p>
            )}
          </div>
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="karfur-besoin">
              {t('structures.need')}
            </label>
            <select className="fr-select" id="karfur-besoin" name="besoin" defaultValue={besoin ?? ''}>
              <option value="">{t('filters.all')}</option>
              {needs.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button className="fr-btn" type="submit">
          {t('structures.filter')}
        </button>
      </form>
      <div className="karfur-directory">
        <section aria-labelledby="karfur-list" className="karfur-directory__list">
          <h2 id="karfur-list" className="fr-h4">
            {t('structures.count', { count: response.total })}
            {response.place ? ` — ${response.place.name} (${response.place.departement})` : ''}
          </h2>
          {response.total === 0 && <p>{t('structures.none')}</p>}
          <ul className="karfur-cards">
            {response.results.map((s) => (
              <li key={s.id} className="karfur-card">
                <p className="karfur-card__meta">
                  <span className="fr-badge fr-badge--sm fr-badge--no-icon">{s.typeLabel}</span>
                  {s.demo && (
                    <span className="fr-badge fr-badge--sm fr-badge--no-icon fr-badge--warning">
                      {t('structures.demoData').split(':')[0]}
                    </span>
                  )}
                </p>
                <h3 className="fr-h6 karfur-card__title">
                  <a href={karfurPaths.structure(l, s.id)} lang="fr">
                    {s.name}
                  </a>
                </h3>
                <p className="fr-text--sm karfur-card__text" lang="fr">
                  {s.description}
                </p>
                <p className="fr-text--sm karfur-muted">
                  {s.scope === 'national'
                    ? t('structures.nationalScope')
                    : s.departementNames.map((d) => `${d.name} (${d.code})`).join(', ')}
                </p>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="karfur-map" className="karfur-directory__map">
          <h2 id="karfur-map" className="fr-h5">
            {t('structures.mapTitle')}
          </h2>
          <p className="fr-text--sm">{t('structures.mapHint')}</p>
          <div dir="ltr">
            <svg viewBox={map.viewBox} className="karfur-map" role="group" aria-labelledby="karfur-map">
              {map.shapes.map((s) => {
                const n = map.counts[s.code] ?? 0;
                const cls = `karfur-map__dep${n ? ' karfur-map__dep--has' : ''}${selected === s.code ? ' karfur-map__dep--on' : ''}`;
                return n ? (
                  <a
                    key={s.code}
                    href={karfurPaths.structures(l, { lieu: s.code, besoin })}
                    aria-label={`${s.name} (${s.code}) — ${t('structures.count', { count: n })}`}
                  >
                    <path d={s.d} className={cls} />
                  </a>
                ) : (
                  <path key={s.code} d={s.d} className={cls} aria-hidden="true" />
                );
              })}
            </svg>
          </div>
          <p className="fr-text--xs karfur-muted" lang="fr">
            {map.attribution}
          </p>
        </section>
      </div>
    </Frame>
  );
}

export function StructurePage({ shared, structure: s }: PropsOf<typeof views.structure>) {
  const t = useT(shared);
  return (
    <Frame shared={shared}>
      <Crumbs shared={shared} items={[{ label: t('structures.title'), href: karfurPaths.structures(shared.lang) }]} current={s.name} />
      <h1 lang="fr">{s.name}</h1>
      <p>
        <span className="fr-badge fr-badge--sm fr-badge--no-icon">{s.typeLabel}</span>
      </p>
      {s.demo && <p className="fr-notice fr-notice--warning karfur-section-notice">{t('structures.demoData')}</p>}
      <p className="fr-text--lead" lang="fr">
        {s.description}
      </p>
      <StructureDetails s={s} t={t} lang={shared.lang} />
    </Frame>
  );
}
