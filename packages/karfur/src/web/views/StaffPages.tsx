/** The contributors' screens (French). Plain forms; the admin page's job list updates live (island). */
import type { ReactNode } from 'react';
import type { PropsOf } from '@eig/platform/web';
import { karfurPaths } from '../paths.ts';
import type { StaffShared } from '../staff-views.ts';
import type { staffViews } from '../staff-views.ts';
import { AdminJobsIsland } from '../islands/index.ts';

const STATUS_LABELS: Record<string, string> = {
  to_translate: 'À traduire',
  draft: 'Brouillon',
  to_validate: 'À valider',
  validated: 'Validée',
  to_review: 'À revoir',
};
const ACTION_LABELS: Record<string, string> = {
  save_draft: 'Enregistrer le brouillon',
  submit: 'Envoyer pour validation',
  validate: 'Valider',
  reject: 'Refuser',
  confirm_review: 'La traduction reste juste',
  structure_approve: 'Valider pour la structure',
  structure_reject: 'Refuser (structure)',
  publish: 'Publier',
  admin_reject: 'Refuser (administration)',
  discard_draft: 'Abandonner le brouillon',
  unpublish: 'Retirer la fiche',
};
const UNIT_LABELS: Record<string, string> = {
  title: 'Titre',
  summary: 'Résumé',
  conditions: 'Conditions',
  what: 'C’est quoi ?',
  why: 'Pourquoi c’est intéressant ?',
  how: 'Comment participer ?',
  steps: 'Comment faire ?',
  next: 'Et après ?',
};
const pct = (x: number) => `${Math.round(x * 100)} %`;

function StaffFrame({ shared, title, children }: { shared: StaffShared; title: string; children: ReactNode }) {
  const links = [
    { href: karfurPaths.contribute(), label: 'Tableau de bord' },
    { href: karfurPaths.translations(), label: 'Traductions' },
    { href: karfurPaths.newFiche(), label: 'Proposer une fiche' },
    { href: karfurPaths.freshness(), label: 'Fiches à revoir' },
    { href: karfurPaths.audit(), label: 'Journal' },
    ...(shared.actor.admin ? [{ href: karfurPaths.admin(), label: 'Administration' }] : []),
  ];
  return (
    <div className="karfur">
      <link rel="stylesheet" href={shared.css} />
      <div className="fr-container fr-py-4w">
        <nav aria-label="Espace contributeurs" className="fr-mb-3w">
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
          Connecté : {shared.actor.email} — rôles : {shared.actor.roles.join(', ') || 'aucun'}
          {shared.actor.languages.length > 0 && ` — langues : ${shared.actor.languages.join(', ')}`}
          {shared.actor.structures.length > 0 && ` — structures : ${shared.actor.structures.join(', ')}`}
        </p>
        {shared.notice && (
          <div
            className={`fr-alert fr-alert--${shared.notice.severity} fr-alert--sm fr-mb-3w`}
            role={shared.notice.severity === 'error' ? 'alert' : 'status'}
          >
            <p>{shared.notice.text}</p>
          </div>
        )}
        {children}
      </div>
    </div>
  );
}

function ProgressTable({
  progress,
  languages,
}: {
  progress: PropsOf<typeof staffViews.dashboard>['progress'];
  languages: PropsOf<typeof staffViews.dashboard>['languages'];
}) {
  return (
    <div className="fr-table">
      <table>
        <caption>Avancement par langue (mots du texte français)</caption>
        <thead>
          <tr>
            <th scope="col">Langue</th>
            <th scope="col">Validé</th>
            <th scope="col">En cours</th>
            <th scope="col">À revoir</th>
            <th scope="col">Mots</th>
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
                <td>{p.inProgressWords}</td>
                <td>{p.toReviewWords}</td>
                <td>{p.words}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function StaffDashboard({ shared, progress, languages, queue, editable }: PropsOf<typeof staffViews.dashboard>) {
  return (
    <StaffFrame shared={shared} title="Contribuer à Karfu’R">
      <section aria-labelledby="file" className="fr-mb-4w">
        <h2 id="file" className="fr-h4">
          Brouillons à traiter
        </h2>
        {queue.items.length === 0 ? (
          <p>Aucun brouillon ne vous attend.</p>
        ) : (
          <ul>
            {queue.items.map((i) => (
              <li key={i.id}>
                <a href={karfurPaths.editFiche(i.id)}>{i.title}</a> — {i.label}
              </li>
            ))}
          </ul>
        )}
      </section>
      <ProgressTable progress={progress} languages={languages} />
      <section aria-labelledby="traducteurs" className="fr-mt-4w">
        <h2 id="traducteurs" className="fr-h4">
          Mots traduits par traducteur
        </h2>
        <div className="fr-table">
          <table>
            <caption>Mots du texte français traduits, par personne</caption>
            <thead>
              <tr>
                <th scope="col">Traducteur</th>
                <th scope="col">Par langue</th>
                <th scope="col">Validés</th>
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {progress.translators.map((tr) => (
                <tr key={tr.translator}>
                  <th scope="row">{tr.translator}</th>
                  <td>
                    {Object.entries(tr.words)
                      .map(([l, n]) => `${l} ${n}`)
                      .join(', ')}
                  </td>
                  <td>{tr.validatedWords}</td>
                  <td>{tr.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="mesfiches" className="fr-mt-4w">
        <h2 id="mesfiches" className="fr-h4">
          Fiches que vous pouvez modifier
        </h2>
        {editable.length === 0 ? (
          <p>Aucune : rattachez-vous à une structure (administration) ou proposez une fiche.</p>
        ) : (
          <ul>
            {editable.map((f) => (
              <li key={f.id}>
                <a href={karfurPaths.editFiche(f.id)}>{f.title}</a> — {f.label}
              </li>
            ))}
          </ul>
        )}
      </section>
    </StaffFrame>
  );
}

export function StaffTranslations({ shared, lang, languages, progress }: PropsOf<typeof staffViews.translations>) {
  const name = languages.find((l) => l.code === lang)?.name ?? lang;
  return (
    <StaffFrame shared={shared} title={`Traductions : ${name}`}>
      <form method="get" action={karfurPaths.translations()} className="karfur-inline-list fr-mb-3w">
        <div className="fr-select-group">
          <label className="fr-label" htmlFor="langue">
            Langue
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
          Afficher
        </button>
      </form>
      <div className="fr-table">
        <table>
          <caption>Avancement par fiche en {name}</caption>
          <thead>
            <tr>
              <th scope="col">Fiche</th>
              <th scope="col">Validé</th>
              <th scope="col">En cours (mots)</th>
              <th scope="col">À revoir (mots)</th>
            </tr>
          </thead>
          <tbody>
            {progress.byFiche.map((f) => {
              const p = f.languages[lang];
              return (
                <tr key={f.id}>
                  <th scope="row">
                    <a href={karfurPaths.translate(f.id, lang)}>{f.title}</a>
                  </th>
                  <td>{pct(p.ratio)}</td>
                  <td>{p.inProgressWords}</td>
                  <td>{p.toReviewWords}</td>
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
  return (
    <StaffFrame shared={shared} title={`Traduire « ${editor.title} » en ${languageName}`}>
      <p>
        <a href={karfurPaths.fiche(editor.lang, editor.fiche)}>Voir la fiche publiée en {languageName}</a>
      </p>
      {editor.units.map((u) => {
        const id = `partie-${u.unit}`;
        const action = `${karfurPaths.translate(editor.fiche, editor.lang)}/${u.unit}`;
        const canEdit = u.actions.includes('save_draft');
        return (
          <section key={u.unit} id={id} aria-labelledby={`${id}-t`} className="karfur-unit">
            <h2 id={`${id}-t`} className="fr-h5">
              {UNIT_LABELS[u.unit]} <span className="fr-badge fr-badge--sm fr-badge--no-icon">{STATUS_LABELS[u.status]}</span>{' '}
              <span className="fr-text--sm karfur-muted">({u.sourceWords} mots)</span>
            </h2>
            {u.comment && <p className="fr-alert fr-alert--warning fr-alert--sm">Raison du refus : {u.comment}</p>}
            <div className="karfur-unit__cols">
              <div>
                <h3 className="fr-h6">Français</h3>
                <pre className="karfur-source" lang="fr">
                  {texts[u.unit].source}
                </pre>
                {u.diff && (
                  <>
                    <h3 className="fr-h6">Ce qui a changé dans le français</h3>
                    <p className="karfur-diff" lang="fr">
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
                      Traduction ({languageName})
                      <span className="fr-hint-text">
                        Paragraphes séparés par une ligne vide ; « - » pour une liste, « 1. » pour des étapes.
                      </span>
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
                          {ACTION_LABELS.save_draft}
                        </button>
                        <button className="fr-btn fr-btn--sm fr-btn--secondary" name="action" value="save_submit" type="submit">
                          Enregistrer et envoyer pour validation
                        </button>
                      </>
                    )}
                    {u.actions
                      .filter((a) => a !== 'save_draft' && a !== 'reject')
                      .map((a) => (
                        <button key={a} className="fr-btn fr-btn--sm fr-btn--secondary" name="action" value={a} type="submit">
                          {ACTION_LABELS[a]}
                        </button>
                      ))}
                  </div>
                </form>
                {u.actions.includes('reject') && (
                  <form method="post" action={action} className="fr-mt-1w">
                    <input type="hidden" name="action" value="reject" />
                    <label className="fr-label" htmlFor={`${id}-c`}>
                      Raison du refus
                    </label>
                    <input className="fr-input" id={`${id}-c`} name="comment" required maxLength={1000} />
                    <button className="fr-btn fr-btn--sm fr-btn--tertiary fr-mt-1w" type="submit">
                      {ACTION_LABELS.reject}
                    </button>
                  </form>
                )}
                {u.memory.some((m) => m.matches.length > 0) && (
                  <details className="fr-mt-2w">
                    <summary>Mémoire de traduction</summary>
                    <ul className="karfur-memory">
                      {u.memory
                        .filter((m) => m.matches.length > 0)
                        .map((m, i) => (
                          <li key={i}>
                            <p className="fr-text--sm fr-mb-1v" lang="fr">
                              {m.segment}
                            </p>
                            <ul>
                              {m.matches.map((x, j) => (
                                <li key={j} className="fr-text--sm">
                                  <span dir={dir} lang={editor.lang}>
                                    {x.target}
                                  </span>{' '}
                                  <span className="karfur-muted">
                                    ({x.exact ? 'identique' : `${Math.round(x.score * 100)} % proche`}, fiche {x.fiche})
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
  const action = isNew ? karfurPaths.newFiche() : karfurPaths.editFiche(form.id);
  const canEdit = isNew || (moderation?.actions.includes('edit') ?? false);
  const kind = form.kind === 'demarche' ? 'demarche' : 'dispositif';
  return (
    <StaffFrame shared={shared} title={isNew ? 'Proposer une fiche' : `Fiche : ${form.title || form.id}`}>
      {error && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{error}</p>
        </div>
      )}
      {moderation && (
        <section aria-labelledby="moderation" className="fr-mb-4w">
          <h2 id="moderation" className="fr-h4">
            Modération
          </h2>
          <p>
            État : <strong>{moderation.label}</strong>
            {moderation.published && !moderation.withdrawn && (
              <>
                {' '}
                — <a href={karfurPaths.fiche('fr', moderation.id)}>voir la version publiée</a>
              </>
            )}
          </p>
          {moderation.draft?.comment && (
            <p className="fr-alert fr-alert--warning fr-alert--sm">Raison du refus : {moderation.draft.comment}</p>
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
                  {ACTION_LABELS[a]}
                </button>
              ))}
            {moderation.actions.some((a) => a.includes('reject')) && (
              <span>
                <label className="fr-label" htmlFor="comment">
                  Raison (pour un refus)
                </label>
                <input className="fr-input" id="comment" name="comment" maxLength={1000} />
              </span>
            )}
          </form>
          <p className="fr-text--sm fr-mt-1w">
            <a href={`${karfurPaths.audit()}?fiche=${encodeURIComponent(moderation.id)}`}>Historique de cette fiche</a>
          </p>
        </section>
      )}
      {canEdit ? (
        <form method="post" action={action}>
          <input type="hidden" name="action" value="save" />
          <h2 className="fr-h4">{moderation?.published ? 'Brouillon de la prochaine version' : 'Contenu'}</h2>
          {isNew && <Field name="id" label="Identifiant (minuscules et tirets)" value={form.id} hint="Par exemple : cours-francais-lyon" />}
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="f-kind">
              Type
            </label>
            <select className="fr-select" id="f-kind" name="kind" defaultValue={kind}>
              <option value="dispositif">Dispositif (c’est quoi, pourquoi, comment participer)</option>
              <option value="demarche">Démarche (c’est quoi, étapes, et après)</option>
            </select>
          </div>
          <Field name="title" label="Titre" value={form.title} />
          <Field name="summary" label="Résumé (une ou deux phrases)" value={form.summary} rows={2} />
          <Field
            name="theme"
            label="Thèmes (identifiants séparés par des espaces)"
            value={form.theme}
            hint={themes.map((t) => t.id).join(', ')}
          />
          <Field
            name="need"
            label="Besoins (identifiants séparés par des espaces)"
            value={form.need}
            hint={needs.map((n) => n.id).join(', ')}
          />
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="f-structure">
              Structure
            </label>
            <select className="fr-select" id="f-structure" name="structure" defaultValue={form.structure}>
              <option value="">Aucune (proposition d’un aidant)</option>
              {structures.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <Field name="sponsorName" label="Nom affiché du porteur" value={form.sponsorName} />
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="f-location">
              Où ?
            </label>
            <select className="fr-select" id="f-location" name="location" defaultValue={form.location}>
              <option value="national">Partout en France</option>
              <option value="online">En ligne</option>
              <option value="departements">Dans des départements</option>
            </select>
          </div>
          <Field name="departements" label="Départements (codes séparés par des espaces)" value={form.departements} />
          <Field name="conditions" label="Conditions (une par ligne)" value={form.conditions} rows={3} />
          {(kind === 'dispositif' ? ['what', 'why', 'how'] : ['what', 'steps', 'next']).map((k) => (
            <Field
              key={k}
              name={k}
              label={UNIT_LABELS[k]}
              value={form[k] ?? ''}
              rows={6}
              hint="Paragraphes séparés par une ligne vide ; « - » pour une liste, « 1. » pour des étapes ; **gras** et [lien](https://…)."
            />
          ))}
          <Field name="links" label="Liens utiles (« libellé | https://… », un par ligne)" value={form.links} rows={3} />
          <button className="fr-btn" type="submit">
            Enregistrer le brouillon
          </button>
        </form>
      ) : (
        <p>Le brouillon est en cours de validation : il ne peut pas être modifié pour l’instant.</p>
      )}
    </StaffFrame>
  );
}

export function StaffFreshness({ shared, data }: PropsOf<typeof staffViews.freshness>) {
  return (
    <StaffFrame shared={shared} title="Fiches à revoir">
      <p>Une fiche affiche « information à vérifier » un an après sa dernière mise à jour ; elle apparaît ici un mois avant.</p>
      {data.structures.length === 0 && <p>Aucune fiche à revoir.</p>}
      {data.structures.map((s) => (
        <section key={s.id} aria-labelledby={`st-${s.id}`}>
          <h2 id={`st-${s.id}`} className="fr-h5">
            {s.name}
          </h2>
          <ul>
            {s.fiches.map((f) => (
              <li key={f.id}>
                <a href={karfurPaths.editFiche(f.id)}>{f.title}</a> — mise à jour le {f.freshness.lastUpdated} ({f.freshness.ageDays} jours)
                {f.freshness.stale ? ', à vérifier' : ''}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </StaffFrame>
  );
}

export function StaffAudit({ shared, data, page, fiche }: PropsOf<typeof staffViews.audit>) {
  const pages = Math.ceil(data.total / 50);
  return (
    <StaffFrame shared={shared} title={fiche ? `Journal : ${fiche}` : 'Journal des modifications'}>
      <div className="fr-table">
        <table>
          <caption>Modifications, les plus récentes d’abord ({data.total})</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Qui</th>
              <th scope="col">Action</th>
              <th scope="col">Fiche</th>
              <th scope="col">Langue, partie</th>
              <th scope="col">Détail</th>
            </tr>
          </thead>
          <tbody>
            {data.entries.map((e) => (
              <tr key={e.id}>
                <td>{e.at.slice(0, 19).replace('T', ' ')}</td>
                <td>{e.actor ?? '—'}</td>
                <td>{e.action}</td>
                <td>{e.fiche ? <a href={karfurPaths.editFiche(e.fiche)}>{e.fiche}</a> : (e.structure ?? '—')}</td>
                <td>{[e.lang, e.unit].filter(Boolean).join(', ') || '—'}</td>
                <td>{e.detail ? JSON.stringify(e.detail).slice(0, 160) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <p className="karfur-inline-list">
          {page > 1 && <a href={`${karfurPaths.audit()}?page=${page - 1}${fiche ? `&fiche=${fiche}` : ''}`}>Page précédente</a>}
          <span>
            Page {page} sur {pages}
          </span>
          {page < pages && <a href={`${karfurPaths.audit()}?page=${page + 1}${fiche ? `&fiche=${fiche}` : ''}`}>Page suivante</a>}
        </p>
      )}
    </StaffFrame>
  );
}

export function StaffAdmin({ shared, jobs, members, structures, languages, figures }: PropsOf<typeof staffViews.admin>) {
  return (
    <StaffFrame shared={shared} title="Administration de Karfu’R">
      <p>
        {figures.fiches} fiches publiées, {figures.structures} structures ; version du contenu {figures.contentVersion}, de l’index{' '}
        {figures.searchVersion ?? 'aucune'}.
      </p>
      <section aria-labelledby="taches" className="fr-mb-4w">
        <h2 id="taches" className="fr-h4">
          Tâches
        </h2>
        <form method="post" action={karfurPaths.admin()} className="karfur-inline-list">
          <input type="hidden" name="action" value="job" />
          <button className="fr-btn fr-btn--sm" name="job" value="import-service-public" type="submit">
            Importer les démarches service-public.fr
          </button>
          <button className="fr-btn fr-btn--sm fr-btn--secondary" name="job" value="import-contenu" type="submit">
            Recharger le contenu de départ
          </button>
          <button className="fr-btn fr-btn--sm fr-btn--secondary" name="job" value="index-recherche" type="submit">
            Reconstruire l’index de recherche
          </button>
        </form>
        <AdminJobsIsland initial={jobs} />
      </section>
      <section aria-labelledby="membres">
        <h2 id="membres" className="fr-h4">
          Membres : structures et langues
        </h2>
        <p className="fr-text--sm">
          Les comptes et leurs rôles se créent avec « eig users add » ; ici, on rattache un compte à une structure ou à une langue.
        </p>
        <form method="post" action={karfurPaths.admin()} className="karfur-filters">
          <input type="hidden" name="action" value="member" />
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="m-email">
              Adresse du compte
            </label>
            <input className="fr-input" id="m-email" name="email" type="email" required />
          </div>
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="m-kind">
              Rattacher à
            </label>
            <select className="fr-select" id="m-kind" name="kind">
              <option value="structure">une structure</option>
              <option value="language">une langue</option>
            </select>
          </div>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="m-value">
              Structure ou langue (identifiant)
              <span className="fr-hint-text">
                Langues : {languages.map((l) => l.code).join(', ')}. Structures : voir la liste ci-dessous.
              </span>
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
              Action
            </label>
            <select className="fr-select" id="m-present" name="present">
              <option value="oui">Rattacher</option>
              <option value="non">Détacher</option>
            </select>
          </div>
          <button className="fr-btn" type="submit">
            Enregistrer
          </button>
        </form>
        <ul className="fr-mt-2w">
          {members.map((m) => (
            <li key={`${m.userId}-${m.kind}-${m.value}`}>
              {m.email} — {m.kind === 'language' ? 'langue' : 'structure'} {m.value}
            </li>
          ))}
        </ul>
      </section>
    </StaffFrame>
  );
}
