/**
 * The contributors' screens, in the page's interface language (`staff.*` of content/i18n/<lang>.json,
 * chosen by the switcher at the top). Plain forms; the admin page's job list updates live (island).
 */
import type { ReactNode } from 'react';
import type { PropsOf } from '@eig/platform/web';
import { translator, type Translate } from '../../core/i18n.ts';
import { LANGUAGES, type LanguageCode } from '../../core/languages.ts';
import { DRAFT_STATUSES, moderationLabel, type DraftStatus } from '../../core/moderation.ts';
import { karfurPaths } from '../paths.ts';
import type { StaffShared } from '../staff-views.ts';
import type { staffViews } from '../staff-views.ts';
import { AdminJobsIsland } from '../islands/index.ts';

/** Translation and number/date formats of a staff page, in its language. */
export function useStaff(shared: StaffShared) {
  const t = translator(shared.strings, shared.lang, shared.fallback);
  const locale = LANGUAGES[shared.lang as LanguageCode]?.bcp47 ?? 'fr';
  return {
    t,
    locale,
    num: (n: number) => n.toLocaleString(locale),
    pct: (x: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(x),
    date: (iso: string) =>
      new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString(locale, {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }),
    dateTime: (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }),
  };
}

/**
 * The staff API labels a fiche's moderation state in French (moderationLabel); the screens show it in
 * their language: every French label is mapped back to its parts once.
 */
const STATE_PARTS = new Map<string, { base: 'published' | 'withdrawn' | 'never'; draft: DraftStatus | null }>();
for (const base of ['published', 'withdrawn', 'never'] as const)
  for (const draft of [null, ...DRAFT_STATUSES]) {
    const label = moderationLabel({
      structure: null,
      published: base === 'never' ? null : 1,
      withdrawn: base === 'withdrawn',
      draft: draft ? { version: 1, status: draft, author: '', comment: null } : null,
    });
    STATE_PARTS.set(label, { base, draft });
  }

export function stateLabel(t: Translate, label: string): string {
  const p = STATE_PARTS.get(label);
  if (!p) return label;
  const base = t(`staff.state.${p.base}`);
  return p.draft ? t('staff.state.joined', { base, draft: t(`staff.state.${p.draft}`) }) : base;
}

/** The French message of a staff API error, under its translation. */
function ErrorDetail({ t, detail }: { t: Translate; detail: string }) {
  return (
    <p className="fr-text--sm">
      {t('staff.error.detail')}{' '}
      <span lang="fr" dir="ltr">
        {detail}
      </span>
    </p>
  );
}

function StaffFrame({ shared, title, children }: { shared: StaffShared; title: string; children: ReactNode }) {
  const { t } = useStaff(shared);
  const links = [
    { href: karfurPaths.contribute(), label: t('staff.nav.dashboard') },
    { href: karfurPaths.translations(), label: t('staff.nav.translations') },
    { href: karfurPaths.newFiche(), label: t('staff.nav.newFiche') },
    { href: karfurPaths.freshness(), label: t('staff.nav.freshness') },
    { href: karfurPaths.audit(), label: t('staff.nav.audit') },
    ...(shared.actor.admin ? [{ href: karfurPaths.admin(), label: t('staff.nav.admin') }] : []),
  ];
  const a = shared.actor;
  return (
    <div className="karfur">
      <link rel="stylesheet" href={shared.css} />
      <div className="fr-container fr-py-4w">
        <nav aria-label={t('staff.nav.language')} className="fr-mb-2w">
          <ul className="karfur-inline-list">
            {shared.languages.map((x) => (
              <li key={x.lang}>
                <a
                  className="fr-link"
                  href={x.href}
                  lang={x.lang}
                  hrefLang={x.lang}
                  dir={x.dir}
                  aria-current={x.current ? 'true' : undefined}
                >
                  {x.nativeName}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <nav aria-label={t('staff.nav.area')} className="fr-mb-3w">
          <ul className="karfur-inline-list">
            {links.map((l) => (
              <li key={l.href}>
                <a className="fr-link" href={l.href}>
                  {l.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <h1>{title}</h1>
        <p className="fr-text--sm karfur-muted">
          {[
            t('staff.who.connected', { email: a.email }),
            t('staff.who.roles', { roles: a.roles.join(', ') || t('staff.who.none') }),
            ...(a.languages.length > 0 ? [t('staff.who.languages', { list: a.languages.join(', ') })] : []),
            ...(a.structures.length > 0 ? [t('staff.who.structures', { list: a.structures.join(', ') })] : []),
          ].join(' — ')}
        </p>
        {shared.notice && (
          <div
            className={`fr-alert fr-alert--${shared.notice.severity} fr-alert--sm fr-mb-3w`}
            role={shared.notice.severity === 'error' ? 'alert' : 'status'}
          >
            <p>{shared.notice.text}</p>
            {shared.notice.detail && <ErrorDetail t={t} detail={shared.notice.detail} />}
          </div>
        )}
        {children}
      </div>
    </div>
  );
}

function ProgressTable({
  shared,
  progress,
  languages,
}: {
  shared: StaffShared;
  progress: PropsOf<typeof staffViews.dashboard>['progress'];
  languages: PropsOf<typeof staffViews.dashboard>['languages'];
}) {
  const { t, num, pct } = useStaff(shared);
  return (
    <div className="fr-table">
      <table>
        <caption>{t('staff.progress.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.progress.language')}</th>
            <th scope="col">{t('staff.progress.validated')}</th>
            <th scope="col">{t('staff.progress.inProgress')}</th>
            <th scope="col">{t('staff.progress.toReview')}</th>
            <th scope="col">{t('staff.progress.words')}</th>
          </tr>
        </thead>
        <tbody>
          {languages.map((l) => {
            const p = progress.byLanguage[l.code];
            return (
              <tr key={l.code}>
                <th scope="row">
                  <a href={karfurPaths.translations(l.code)}>{l.name}</a>
                </th>
                <td>{pct(p.ratio)}</td>
                <td>{num(p.inProgressWords)}</td>
                <td>{num(p.toReviewWords)}</td>
                <td>{num(p.words)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function StaffDashboard({ shared, progress, languages, queue, editable }: PropsOf<typeof staffViews.dashboard>) {
  const { t, num } = useStaff(shared);
  return (
    <StaffFrame shared={shared} title={t('staff.title.dashboard')}>
      <section aria-labelledby="file" className="fr-mb-4w">
        <h2 id="file" className="fr-h4">
          {t('staff.dashboard.queueTitle')}
        </h2>
        {queue.items.length === 0 ? (
          <p>{t('staff.dashboard.queueEmpty')}</p>
        ) : (
          <ul>
            {queue.items.map((i) => (
              <li key={i.id}>
                <a href={karfurPaths.editFiche(i.id)} lang="fr">
                  {i.title}
                </a>{' '}
                — {stateLabel(t, i.label)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <ProgressTable shared={shared} progress={progress} languages={languages} />
      <section aria-labelledby="traducteurs" className="fr-mt-4w">
        <h2 id="traducteurs" className="fr-h4">
          {t('staff.dashboard.translatorsTitle')}
        </h2>
        <div className="fr-table">
          <table>
            <caption>{t('staff.dashboard.translatorsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.dashboard.translator')}</th>
                <th scope="col">{t('staff.dashboard.byLanguage')}</th>
                <th scope="col">{t('staff.dashboard.validatedWords')}</th>
                <th scope="col">{t('staff.dashboard.total')}</th>
              </tr>
            </thead>
            <tbody>
              {progress.translators.map((tr) => (
                <tr key={tr.translator}>
                  <th scope="row">{tr.translator}</th>
                  <td>
                    {Object.entries(tr.words)
                      .map(([l, n]) => `${l} ${num(n)}`)
                      .join(', ')}
                  </td>
                  <td>{num(tr.validatedWords)}</td>
                  <td>{num(tr.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="mesfiches" className="fr-mt-4w">
        <h2 id="mesfiches" className="fr-h4">
          {t('staff.dashboard.editableTitle')}
        </h2>
        {editable.length === 0 ? (
          <p>{t('staff.dashboard.editableEmpty')}</p>
        ) : (
          <ul>
            {editable.map((f) => (
              <li key={f.id}>
                <a href={karfurPaths.editFiche(f.id)} lang="fr">
                  {f.title}
                </a>{' '}
                — {stateLabel(t, f.label)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </StaffFrame>
  );
}

export function StaffTranslations({ shared, lang, languages, progress }: PropsOf<typeof staffViews.translations>) {
  const { t, num, pct } = useStaff(shared);
  const name = languages.find((l) => l.code === lang)?.name ?? lang;
  return (
    <StaffFrame shared={shared} title={t('staff.title.translations', { language: name })}>
      <form method="get" action={karfurPaths.translations()} className="karfur-inline-list fr-mb-3w">
        <div className="fr-select-group">
          <label className="fr-label" htmlFor="langue">
            {t('staff.translations.language')}
          </label>
          <select className="fr-select" id="langue" name="langue" defaultValue={lang}>
            {languages.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <button className="fr-btn fr-btn--secondary" type="submit">
          {t('staff.translations.show')}
        </button>
      </form>
      <div className="fr-table">
        <table>
          <caption>{t('staff.translations.caption', { language: name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.translations.fiche')}</th>
              <th scope="col">{t('staff.progress.validated')}</th>
              <th scope="col">{t('staff.translations.inProgressWords')}</th>
              <th scope="col">{t('staff.translations.toReviewWords')}</th>
            </tr>
          </thead>
          <tbody>
            {progress.byFiche.map((f) => {
              const p = f.languages[lang];
              return (
                <tr key={f.id}>
                  <th scope="row">
                    <a href={karfurPaths.translate(f.id, lang)} lang="fr">
                      {f.title}
                    </a>
                  </th>
                  <td>{pct(p.ratio)}</td>
                  <td>{num(p.inProgressWords)}</td>
                  <td>{num(p.toReviewWords)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </StaffFrame>
  );
}

export function StaffTranslate({ shared, editor, languageName, dir, texts }: PropsOf<typeof staffViews.translate>) {
  const { t, pct } = useStaff(shared);
  return (
    <StaffFrame shared={shared} title={t('staff.title.translate', { title: editor.title, language: languageName })}>
      <p>
        <a href={karfurPaths.fiche(editor.lang, editor.fiche)}>{t('staff.translate.seePublished', { language: languageName })}</a>
      </p>
      {editor.units.map((u) => {
        const id = `partie-${u.unit}`;
        const action = `${karfurPaths.translate(editor.fiche, editor.lang)}/${u.unit}`;
        const canEdit = u.actions.includes('save_draft');
        return (
          <section key={u.unit} id={id} aria-labelledby={`${id}-t`} className="karfur-unit">
            <h2 id={`${id}-t`} className="fr-h5">
              {t(`staff.unit.${u.unit}`)} <span className="fr-badge fr-badge--sm fr-badge--no-icon">{t(`staff.status.${u.status}`)}</span>{' '}
              <span className="fr-text--sm karfur-muted">({t('staff.translate.words', { count: u.sourceWords })})</span>
            </h2>
            {u.comment && (
              <p className="fr-alert fr-alert--warning fr-alert--sm">{t('staff.translate.rejectReason', { comment: u.comment })}</p>
            )}
            <div className="karfur-unit__cols">
              <div>
                <h3 className="fr-h6">{t('staff.translate.french')}</h3>
                <pre className="karfur-source" lang="fr" dir="ltr">
                  {texts[u.unit].source}
                </pre>
                {u.diff && (
                  <>
                    <h3 className="fr-h6">{t('staff.translate.changed')}</h3>
                    <p className="karfur-diff" lang="fr" dir="ltr">
                      {u.diff.map((d, i) =>
                        d.kind === 'added' ? (
                          <ins key={i}>{d.text}</ins>
                        ) : d.kind === 'removed' ? (
                          <del key={i}>{d.text}</del>
                        ) : (
                          <span key={i}>{d.text}</span>
                        ),
                      )}
                    </p>
                  </>
                )}
              </div>
              <div>
                <form method="post" action={action}>
                  <div className="fr-input-group">
                    <label className="fr-label" htmlFor={`${id}-v`}>
                      {t('staff.translate.translation', { language: languageName })}
                      <span className="fr-hint-text">{t('staff.translate.hint')}</span>
                    </label>
                    <textarea
                      className="fr-input"
                      id={`${id}-v`}
                      name="value"
                      rows={u.unit === 'title' ? 2 : 8}
                      dir={dir}
                      lang={editor.lang}
                      defaultValue={texts[u.unit].value}
                      readOnly={!canEdit}
                    />
                  </div>
                  <div className="karfur-inline-list">
                    {canEdit && (
                      <>
                        <button className="fr-btn fr-btn--sm" name="action" value="save_draft" type="submit">
                          {t('staff.action.save_draft')}
                        </button>
                        <button className="fr-btn fr-btn--sm fr-btn--secondary" name="action" value="save_submit" type="submit">
                          {t('staff.action.save_submit')}
                        </button>
                      </>
                    )}
                    {u.actions
                      .filter((a) => a !== 'save_draft' && a !== 'reject')
                      .map((a) => (
                        <button key={a} className="fr-btn fr-btn--sm fr-btn--secondary" name="action" value={a} type="submit">
                          {t(`staff.action.${a}`)}
                        </button>
                      ))}
                  </div>
                </form>
                {u.actions.includes('reject') && (
                  <form method="post" action={action} className="fr-mt-1w">
                    <input type="hidden" name="action" value="reject" />
                    <label className="fr-label" htmlFor={`${id}-c`}>
                      {t('staff.translate.rejectLabel')}
                    </label>
                    <input className="fr-input" id={`${id}-c`} name="comment" required maxLength={1000} />
                    <button className="fr-btn fr-btn--sm fr-btn--tertiary fr-mt-1w" type="submit">
                      {t('staff.action.reject')}
                    </button>
                  </form>
                )}
                {u.memory.some((m) => m.matches.length > 0) && (
                  <details className="fr-mt-2w">
                    <summary>{t('staff.translate.memory')}</summary>
                    <ul className="karfur-memory">
                      {u.memory
                        .filter((m) => m.matches.length > 0)
                        .map((m, i) => (
                          <li key={i}>
                            <p className="fr-text--sm fr-mb-1v" lang="fr" dir="ltr">
                              {m.segment}
                            </p>
                            <ul>
                              {m.matches.map((x, j) => (
                                <li key={j} className="fr-text--sm">
                                  <span dir={dir} lang={editor.lang}>
                                    {x.target}
                                  </span>{' '}
                                  <span className="karfur-muted">
                                    (
                                    {[
                                      x.exact ? t('staff.translate.identical') : t('staff.translate.similar', { percent: pct(x.score) }),
                                      t('staff.translate.memoryFiche', { fiche: x.fiche }),
                                    ].join(', ')}
                                    )
                                  </span>
                                </li>
                              ))}
                            </ul>
                          </li>
                        ))}
                    </ul>
                  </details>
                )}
              </div>
            </div>
          </section>
        );
      })}
    </StaffFrame>
  );
}

function Field({ name, label, value, rows, hint }: { name: string; label: string; value: string; rows?: number; hint?: string }) {
  return (
    <div className="fr-input-group">
      <label className="fr-label" htmlFor={`f-${name}`}>
        {label}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </label>
      {rows ? (
        <textarea className="fr-input" id={`f-${name}`} name={name} rows={rows} defaultValue={value} />
      ) : (
        <input className="fr-input" id={`f-${name}`} name={name} defaultValue={value} />
      )}
    </div>
  );
}

export function StaffFiche({ shared, moderation, form, isNew, structures, themes, needs, error }: PropsOf<typeof staffViews.fiche>) {
  const { t } = useStaff(shared);
  const action = isNew ? karfurPaths.newFiche() : karfurPaths.editFiche(form.id);
  const canEdit = isNew || (moderation?.actions.includes('edit') ?? false);
  const kind = form.kind === 'demarche' ? 'demarche' : 'dispositif';
  return (
    <StaffFrame shared={shared} title={isNew ? t('staff.title.newFiche') : t('staff.title.fiche', { title: form.title || form.id })}>
      {error && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{error.text}</p>
          {error.detail && <ErrorDetail t={t} detail={error.detail} />}
        </div>
      )}
      {moderation && (
        <section aria-labelledby="moderation" className="fr-mb-4w">
          <h2 id="moderation" className="fr-h4">
            {t('staff.fiche.moderation')}
          </h2>
          <p>
            {t('staff.fiche.state')} <strong>{stateLabel(t, moderation.label)}</strong>
            {moderation.published && !moderation.withdrawn && (
              <>
                {' '}
                — <a href={karfurPaths.fiche('fr', moderation.id)}>{t('staff.fiche.seePublished')}</a>
              </>
            )}
          </p>
          {moderation.draft?.comment && (
            <p className="fr-alert fr-alert--warning fr-alert--sm">
              {t('staff.translate.rejectReason', { comment: moderation.draft.comment })}
            </p>
          )}
          <form method="post" action={action} className="karfur-inline-list">
            {moderation.actions
              .filter((a) => a !== 'edit')
              .map((a) => (
                <button
                  key={a}
                  className={`fr-btn fr-btn--sm ${a.includes('reject') || a === 'unpublish' || a === 'discard_draft' ? 'fr-btn--tertiary' : ''}`}
                  name="action"
                  value={a}
                  type="submit"
                >
                  {t(`staff.action.${a}`)}
                </button>
              ))}
            {moderation.actions.some((a) => a.includes('reject')) && (
              <span>
                <label className="fr-label" htmlFor="comment">
                  {t('staff.fiche.reason')}
                </label>
                <input className="fr-input" id="comment" name="comment" maxLength={1000} />
              </span>
            )}
          </form>
          <p className="fr-text--sm fr-mt-1w">
            <a href={`${karfurPaths.audit()}?fiche=${encodeURIComponent(moderation.id)}`}>{t('staff.fiche.history')}</a>
          </p>
        </section>
      )}
      {canEdit ? (
        <form method="post" action={action}>
          <input type="hidden" name="action" value="save" />
          <h2 className="fr-h4">{moderation?.published ? t('staff.fiche.nextDraft') : t('staff.fiche.content')}</h2>
          {isNew && <Field name="id" label={t('staff.fiche.id')} value={form.id} hint={t('staff.fiche.idHint')} />}
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="f-kind">
              {t('staff.fiche.kind')}
            </label>
            <select className="fr-select" id="f-kind" name="kind" defaultValue={kind}>
              <option value="dispositif">{t('staff.fiche.kindDispositif')}</option>
              <option value="demarche">{t('staff.fiche.kindDemarche')}</option>
            </select>
          </div>
          <Field name="title" label={t('staff.fiche.title')} value={form.title} />
          <Field name="summary" label={t('staff.fiche.summary')} value={form.summary} rows={2} />
          <Field name="theme" label={t('staff.fiche.themes')} value={form.theme} hint={themes.map((x) => x.id).join(', ')} />
          <Field name="need" label={t('staff.fiche.needs')} value={form.need} hint={needs.map((n) => n.id).join(', ')} />
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="f-structure">
              {t('staff.fiche.structure')}
            </label>
            <select className="fr-select" id="f-structure" name="structure" defaultValue={form.structure}>
              <option value="">{t('staff.fiche.noStructure')}</option>
              {structures.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <Field name="sponsorName" label={t('staff.fiche.sponsorName')} value={form.sponsorName} />
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="f-location">
              {t('staff.fiche.where')}
            </label>
            <select className="fr-select" id="f-location" name="location" defaultValue={form.location}>
              <option value="national">{t('staff.fiche.national')}</option>
              <option value="online">{t('staff.fiche.online')}</option>
              <option value="departements">{t('staff.fiche.departements')}</option>
            </select>
          </div>
          <Field name="departements" label={t('staff.fiche.departementsLabel')} value={form.departements} />
          <Field name="conditions" label={t('staff.fiche.conditions')} value={form.conditions} rows={3} />
          {(kind === 'dispositif' ? ['what', 'why', 'how'] : ['what', 'steps', 'next']).map((k) => (
            <Field key={k} name={k} label={t(`staff.unit.${k}`)} value={form[k] ?? ''} rows={6} hint={t('staff.fiche.sectionHint')} />
          ))}
          <Field name="links" label={t('staff.fiche.links')} value={form.links} rows={3} />
          <button className="fr-btn" type="submit">
            {t('staff.action.save_draft')}
          </button>
        </form>
      ) : (
        <p>{t('staff.fiche.locked')}</p>
      )}
    </StaffFrame>
  );
}

export function StaffFreshness({ shared, data }: PropsOf<typeof staffViews.freshness>) {
  const { t, date } = useStaff(shared);
  return (
    <StaffFrame shared={shared} title={t('staff.title.freshness')}>
      <p>{t('staff.freshness.intro')}</p>
      {data.structures.length === 0 && <p>{t('staff.freshness.empty')}</p>}
      {data.structures.map((s) => (
        <section key={s.id} aria-labelledby={`st-${s.id}`}>
          <h2 id={`st-${s.id}`} className="fr-h5">
            {s.name}
          </h2>
          <ul>
            {s.fiches.map((f) => (
              <li key={f.id}>
                <a href={karfurPaths.editFiche(f.id)} lang="fr">
                  {f.title}
                </a>{' '}
                — {t('staff.freshness.updated', { date: date(f.freshness.lastUpdated), days: f.freshness.ageDays })}
                {f.freshness.stale ? ` — ${t('staff.freshness.stale')}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </StaffFrame>
  );
}

export function StaffAudit({ shared, data, page, fiche }: PropsOf<typeof staffViews.audit>) {
  const { t, num, dateTime } = useStaff(shared);
  const pages = Math.ceil(data.total / 50);
  return (
    <StaffFrame shared={shared} title={fiche ? t('staff.title.auditFiche', { fiche }) : t('staff.title.audit')}>
      <div className="fr-table">
        <table>
          <caption>{t('staff.audit.caption', { total: data.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.audit.date')}</th>
              <th scope="col">{t('staff.audit.who')}</th>
              <th scope="col">{t('staff.audit.action')}</th>
              <th scope="col">{t('staff.audit.fiche')}</th>
              <th scope="col">{t('staff.audit.langUnit')}</th>
              <th scope="col">{t('staff.audit.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {data.entries.map((e) => (
              <tr key={e.id}>
                <td>{dateTime(e.at)}</td>
                <td>{e.actor ?? '—'}</td>
                <td dir="ltr">{e.action}</td>
                <td>{e.fiche ? <a href={karfurPaths.editFiche(e.fiche)}>{e.fiche}</a> : (e.structure ?? '—')}</td>
                <td>{[e.lang, e.unit].filter(Boolean).join(', ') || '—'}</td>
                <td dir="ltr">{e.detail ? JSON.stringify(e.detail).slice(0, 160) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <p className="karfur-inline-list">
          {page > 1 && <a href={`${karfurPaths.audit()}?page=${page - 1}${fiche ? `&fiche=${fiche}` : ''}`}>{t('staff.audit.previous')}</a>}
          <span>{t('staff.audit.pageOf', { page: num(page), pages: num(pages) })}</span>
          {page < pages && <a href={`${karfurPaths.audit()}?page=${page + 1}${fiche ? `&fiche=${fiche}` : ''}`}>{t('staff.audit.next')}</a>}
        </p>
      )}
    </StaffFrame>
  );
}

export function StaffAdmin({ shared, jobs, members, structures, languages, figures }: PropsOf<typeof staffViews.admin>) {
  const { t, num } = useStaff(shared);
  return (
    <StaffFrame shared={shared} title={t('staff.title.admin')}>
      <p>
        {t('staff.admin.figures', {
          fiches: figures.fiches,
          structures: figures.structures,
          content: num(figures.contentVersion),
          index: figures.searchVersion === null ? t('staff.admin.none') : num(figures.searchVersion),
        })}
      </p>
      <section aria-labelledby="taches" className="fr-mb-4w">
        <h2 id="taches" className="fr-h4">
          {t('staff.admin.jobs')}
        </h2>
        <form method="post" action={karfurPaths.admin()} className="karfur-inline-list">
          <input type="hidden" name="action" value="job" />
          <button className="fr-btn fr-btn--sm" name="job" value="import-service-public" type="submit">
            {t('staff.admin.importVdd')}
          </button>
          <button className="fr-btn fr-btn--sm fr-btn--secondary" name="job" value="import-contenu" type="submit">
            {t('staff.admin.reloadContent')}
          </button>
          <button className="fr-btn fr-btn--sm fr-btn--secondary" name="job" value="index-recherche" type="submit">
            {t('staff.admin.rebuildIndex')}
          </button>
        </form>
        <AdminJobsIsland
          initial={jobs}
          labels={{
            none: t('staff.jobs.none'),
            states: {
              queued: t('staff.jobs.queued'),
              running: t('staff.jobs.running'),
              done: t('staff.jobs.done'),
              failed: t('staff.jobs.failed'),
            },
            names: {
              'karfur.import-content': t('staff.jobs.content'),
              'karfur.import-vdd': t('staff.jobs.vdd'),
              'karfur.search-index': t('staff.jobs.index'),
            },
          }}
        />
      </section>
      <section aria-labelledby="membres">
        <h2 id="membres" className="fr-h4">
          {t('staff.admin.members')}
        </h2>
        <p className="fr-text--sm">{t('staff.admin.membersHint')}</p>
        <form method="post" action={karfurPaths.admin()} className="karfur-filters">
          <input type="hidden" name="action" value="member" />
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="m-email">
              {t('staff.admin.email')}
            </label>
            <input className="fr-input" id="m-email" name="email" type="email" required />
          </div>
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="m-kind">
              {t('staff.admin.attachTo')}
            </label>
            <select className="fr-select" id="m-kind" name="kind">
              <option value="structure">{t('staff.admin.toStructure')}</option>
              <option value="language">{t('staff.admin.toLanguage')}</option>
            </select>
          </div>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="m-value">
              {t('staff.admin.value')}
              <span className="fr-hint-text">{t('staff.admin.valueHint', { languages: languages.map((l) => l.code).join(', ') })}</span>
            </label>
            <input className="fr-input" id="m-value" name="value" required list="m-values" />
            <datalist id="m-values">
              {structures.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </datalist>
          </div>
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="m-present">
              {t('staff.admin.action')}
            </label>
            <select className="fr-select" id="m-present" name="present">
              <option value="oui">{t('staff.admin.attach')}</option>
              <option value="non">{t('staff.admin.detach')}</option>
            </select>
          </div>
          <button className="fr-btn" type="submit">
            {t('staff.admin.save')}
          </button>
        </form>
        <ul className="fr-mt-2w">
          {members.map((m) => (
            <li key={`${m.userId}-${m.kind}-${m.value}`}>
              {m.email} — {m.kind === 'language' ? t('staff.admin.memberLanguage') : t('staff.admin.memberStructure')} {m.value}
            </li>
          ))}
        </ul>
      </section>
    </StaffFrame>
  );
}
