import type { PropsOf } from '@eig/platform/web';
import { karfurPaths } from '../paths.ts';
import type { views } from '../views.ts';
import { FicheCards, Frame, useT } from './common.tsx';
import { ShareBox } from './FichePage.tsx';

export function JourneyPage({ shared, journey, owner, notice }: PropsOf<typeof views.journey>) {
  const t = useT(shared);
  const l = shared.lang;
  const back = karfurPaths.journey(l);
  const items = journey?.items ?? [];
  return (
    <Frame shared={shared}>
      <h1>{journey?.title ?? t('journey.title')}</h1>
      {notice && (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-2w karfur-noprint" role="status">
          <p>{notice}</p>
        </div>
      )}
      <p>{owner ? t('journey.intro') : t('journey.readOnly')}</p>
      {journey && items.length > 0 && (
        <p className="fr-text--bold" data-karfur-progress>
          {t('journey.progress', { done: journey.progress.done, total: journey.progress.total })}
        </p>
      )}
      {items.length === 0 ? (
        <p className="fr-callout">{t('journey.empty')}</p>
      ) : (
        <ol className="karfur-journey">
          {items.map((i) => (
            <li key={i.fiche} className={`karfur-journey__item${i.done ? ' karfur-journey__item--done' : ''}`}>
              <p className="karfur-journey__status">
                <span className={`fr-badge fr-badge--sm ${i.done ? 'fr-badge--success' : 'fr-badge--info'}`}>
                  {i.done ? t('journey.done') : t('journey.todo')}
                </span>
              </p>
              <h2 className="fr-h6 fr-mb-1w">
                {i.available ? <a href={karfurPaths.fiche(l, i.fiche)}>{i.title}</a> : <span>{t('journey.unavailable')}</span>}
              </h2>
              {i.note && !owner && (
                <p className="fr-text--sm">
                  {t('journey.note')} : {i.note}
                </p>
              )}
              {owner && (
                <div className="karfur-journey__actions karfur-noprint">
                  <form method="post" action={karfurPaths.journeyAction(l)}>
                    <input type="hidden" name="op" value={i.done ? 'uncheck' : 'check'} />
                    <input type="hidden" name="fiche" value={i.fiche} />
                    <input type="hidden" name="retour" value={back} />
                    <button type="submit" className="fr-btn fr-btn--sm fr-btn--secondary">
                      {i.done ? t('journey.markTodo') : t('journey.markDone')}
                    </button>
                  </form>
                  <form method="post" action={karfurPaths.journeyAction(l)} className="karfur-journey__note">
                    <input type="hidden" name="op" value="note" />
                    <input type="hidden" name="fiche" value={i.fiche} />
                    <input type="hidden" name="retour" value={back} />
                    <label className="fr-label" htmlFor={`note-${i.fiche}`}>
                      {t('journey.note')}
                    </label>
                    <input
                      className="fr-input"
                      id={`note-${i.fiche}`}
                      name="note"
                      defaultValue={i.note ?? ''}
                      maxLength={500}
                      placeholder={t('journey.notePlaceholder')}
                    />
                    <button type="submit" className="fr-btn fr-btn--sm fr-btn--tertiary">
                      {t('journey.saveNote')}
                    </button>
                  </form>
                  <form method="post" action={karfurPaths.journeyAction(l)}>
                    <input type="hidden" name="op" value="remove" />
                    <input type="hidden" name="fiche" value={i.fiche} />
                    <input type="hidden" name="retour" value={back} />
                    <button type="submit" className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline">
                      {t('action.removeFromJourney')}
                    </button>
                  </form>
                </div>
              )}
              {owner && i.note && <p className="fr-text--sm karfur-print-only">{i.note}</p>}
            </li>
          ))}
        </ol>
      )}
      {journey && (
        <section aria-labelledby="karfur-journey-share" className="fr-mt-4w karfur-noprint">
          <h2 id="karfur-journey-share" className="fr-h5">
            {t('journey.shareTitle')}
          </h2>
          <p className="fr-text--sm">{t('journey.shareExplain')}</p>
          <div className="karfur-actions">
            <ShareBox path={journey.shareUrl} title={journey.title ?? t('journey.title')} t={t} />
            <button type="button" className="fr-btn fr-btn--tertiary fr-icon-printer-line fr-btn--icon-left" hidden data-karfur-print>
              {t('action.print')}
            </button>
          </div>
          {owner && (
            <>
              <p className="fr-text--sm fr-mt-2w">{t('journey.yours')}</p>
              <form method="post" action={karfurPaths.journeyAction(l)}>
                <input type="hidden" name="op" value="forget" />
                <button type="submit" className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline">
                  {t('journey.forget')}
                </button>
              </form>
            </>
          )}
        </section>
      )}
    </Frame>
  );
}

export function FavouritesPage({ shared, fiches }: PropsOf<typeof views.favourites>) {
  const t = useT(shared);
  return (
    <Frame shared={shared}>
      <h1>{t('favourites.title')}</h1>
      {fiches.length === 0 ? (
        <p className="fr-callout">{t('favourites.empty')}</p>
      ) : (
        <FicheCards fiches={fiches} shared={shared} headingLevel={2} />
      )}
    </Frame>
  );
}
