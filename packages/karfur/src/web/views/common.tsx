/** Pieces shared by Karfu'R's public views: the frame (local navigation, language switch), rich text, fiche cards. */
import type { ReactNode } from 'react';
import { translator, type Translate } from '../../core/i18n.ts';
import type { Block } from '../../core/schemas.ts';
import type { FicheSummary } from '../../http/schemas.ts';
import { karfurPaths } from '../paths.ts';
import type { PublicShared } from '../views.ts';

export function useT(shared: PublicShared): Translate {
  return translator(shared.strings, shared.lang, shared.fallback);
}

/** Inline markup of the content model: **bold** and [label](https://...) only; everything else is text. */
export function Inline({ text }: { text: string }) {
  const out: ReactNode[] = [];
  const re = /\*\*([^*]+)\*\*|\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/g;
  let last = 0;
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push(<strong key={i++}>{m[1]}</strong>);
    else
      out.push(
        <a key={i++} href={m[3]} rel="noopener noreferrer">
          {m[2]}
        </a>,
      );
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return <>{out}</>;
}

export function Blocks({ blocks }: { blocks: readonly (Block | string)[] }) {
  return (
    <>
      {blocks.map((b, i) =>
        typeof b === 'string' ? (
          <p key={i}>
            <Inline text={b} />
          </p>
        ) : 'list' in b ? (
          <ul key={i}>
            {b.list.map((x, j) => (
              <li key={j}>
                <Inline text={x} />
              </li>
            ))}
          </ul>
        ) : (
          <ol key={i} className="karfur-steps">
            {b.steps.map((x, j) => (
              <li key={j}>
                <Inline text={x} />
              </li>
            ))}
          </ol>
        ),
      )}
    </>
  );
}

/** Text shown in French inside a page in another language: marked so that screen readers switch voice. */
export function Lang({ lang, page, children, as = 'span' }: { lang: string; page: string; children: ReactNode; as?: 'span' | 'div' }) {
  const Tag = as;
  if (lang === page) return <Tag>{children}</Tag>;
  return (
    <Tag lang={lang} dir={lang === 'ar' || lang === 'fa' || lang === 'ps' ? 'rtl' : 'ltr'}>
      {children}
    </Tag>
  );
}

export function Crumbs({ shared, items, current }: { shared: PublicShared; items: { label: string; href: string }[]; current: string }) {
  const t = useT(shared);
  return (
    <nav className="fr-breadcrumb karfur-crumbs" aria-label={t('nav.breadcrumb')}>
      <ol className="fr-breadcrumb__list">
        <li>
          <a className="fr-breadcrumb__link" href={karfurPaths.home(shared.lang)}>
            {t('nav.home')}
          </a>
        </li>
        {items.map((c) => (
          <li key={c.href}>
            <a className="fr-breadcrumb__link" href={c.href}>
              {c.label}
            </a>
          </li>
        ))}
        <li>
          <a className="fr-breadcrumb__link" aria-current="page">
            {current}
          </a>
        </li>
      </ol>
    </nav>
  );
}

/**
 * Every public page: Karfu'R's stylesheet, its own navigation and language switch (in the reader's
 * language; the suite's header stays French), the page, and the enhancement script (no React).
 */
export function Frame({ shared, children, wide }: { shared: PublicShared; children: ReactNode; wide?: boolean }) {
  const t = useT(shared);
  const l = shared.lang;
  const links = [
    { href: karfurPaths.home(l), label: t('nav.home') },
    { href: karfurPaths.search(l), label: t('nav.search') },
    { href: karfurPaths.structures(l), label: t('nav.structures') },
    { href: karfurPaths.journey(l), label: `${t('nav.journey')}${shared.journey.length ? ` (${shared.journey.length})` : ''}` },
    { href: karfurPaths.favourites(l), label: `${t('nav.favourites')}${shared.favourites.length ? ` (${shared.favourites.length})` : ''}` },
  ];
  const path = shared.url.split('?')[0];
  return (
    <div className="karfur" data-lang={l}>
      <link rel="stylesheet" href={shared.assets.css} />
      <div className="karfur-bar">
        <div className="fr-container karfur-bar__inner">
          <nav aria-label={t('nav.local')} className="karfur-bar__nav">
            <ul className="karfur-inline-list">
              {links.map((x) => (
                <li key={x.href}>
                  <a href={x.href} aria-current={path === x.href.split('?')[0] ? 'page' : undefined}>
                    {x.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <nav aria-label={t('language.switch')} className="karfur-bar__langs" id="langues">
            <span aria-hidden="true" className="fr-icon-translate-2 fr-icon--sm" />
            <ul className="karfur-inline-list">
              {shared.languages.map((x) => (
                <li key={x.lang}>
                  <a
                    href={x.href}
                    lang={x.lang}
                    hrefLang={x.lang}
                    dir={x.dir}
                    aria-current={x.current ? 'true' : undefined}
                    data-karfur-lang={x.lang}
                  >
                    {x.nativeName}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
      <p className="karfur-offline fr-notice fr-notice--info" hidden data-karfur-offline>
        <span className="fr-container">{t('notice.offline')}</span>
      </p>
      <div className={wide ? 'fr-container fr-py-4w' : 'fr-container fr-py-4w karfur-page'}>{children}</div>
      <script
        type="module"
        src={shared.assets.js}
        data-sw={shared.assets.sw}
        data-manifest={`${shared.assets.manifest}?lang=${l}`}
        data-lang={l}
        data-strings={JSON.stringify({ copied: t('action.linkCopied'), stop: t('action.stopListening'), listen: t('action.listen') })}
      />
    </div>
  );
}

export function KindBadge({ kind, t }: { kind: string; t: Translate }) {
  return (
    <span
      className={`fr-badge fr-badge--sm fr-badge--no-icon ${kind === 'demarche' ? 'fr-badge--purple-glycine' : 'fr-badge--green-emeraude'}`}
    >
      {t(`kind.${kind}`)}
    </span>
  );
}

export function FicheCards({
  fiches,
  shared,
  headingLevel = 3,
}: {
  fiches: FicheSummary[];
  shared: PublicShared;
  headingLevel?: 2 | 3 | 4;
}) {
  const t = useT(shared);
  const H = `h${headingLevel}` as 'h3';
  return (
    <ul className="karfur-cards">
      {fiches.map((f) => (
        <li key={f.id} className="karfur-card">
          <p className="karfur-card__meta">
            <KindBadge kind={f.kind} t={t} />
            {!f.translated && shared.lang !== 'fr' && (
              <span className="fr-badge fr-badge--sm fr-badge--no-icon fr-badge--warning">
                {f.partial ? t('notice.partiallyTranslated') : t('notice.notTranslated').split('.')[0]}
              </span>
            )}
            {f.freshness.stale && (
              <span className="fr-badge fr-badge--sm fr-badge--no-icon fr-badge--new">{t('fiche.staleBadge').split(':')[0]}</span>
            )}
          </p>
          <H className="fr-h6 karfur-card__title">
            <a href={f.url}>
              <Lang lang={f.lang} page={shared.lang}>
                {f.title}
              </Lang>
            </a>
          </H>
          {f.snippet ? (
            <p
              className="fr-text--sm karfur-card__text"
              lang={f.snippetLang ?? undefined}
              dangerouslySetInnerHTML={{ __html: f.snippet }}
            />
          ) : (
            <p className="fr-text--sm karfur-card__text">
              <Lang lang={f.lang} page={shared.lang}>
                {f.summary}
              </Lang>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
