import type { PropsOf } from '@eig/platform/web';
import { PageBreadcrumb, Snippet, frNumber } from '@eig/web/ui';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { ImportsLiveIsland } from '../islands/index.ts';
import { ReviewStyles } from '../styles.tsx';
import { STATUSES, STATUS_LABELS } from '../../review/workflow.ts';
import type { views } from '../views.ts';
import { NoticeAlert, decisionTitle, minutes } from './common.tsx';

const crumbs = [{ label: 'Open Justice', href: '/openjustice' }];
const reviewCrumbs = [...crumbs, { label: 'Décisions à relire', href: '/openjustice/decisions' }];

export function PreviewPage({ decision, pseudonymized }: PropsOf<typeof views.preview>) {
  return (
    <div className="fr-container fr-pb-6w">
      <ReviewStyles />
      <PageBreadcrumb
        segments={[...reviewCrumbs, { label: decisionTitle(decision), href: `/openjustice/decisions/${decision.id}` }]}
        current="Aperçu pseudonymisé"
      />
      <h1>Aperçu pseudonymisé : {decisionTitle(decision)}</h1>
      <p>Le texte tel qu’il sera publié, d’après les occultations enregistrées.</p>
      <div className="oj-preview" tabIndex={0} role="region" aria-label="Texte pseudonymisé">
        {pseudonymized}
      </div>
    </div>
  );
}

const ACTION_FR: Record<string, string> = {
  import: 'Import',
  annotate: 'Annotation par le moteur',
  annotate_failed: 'Échec du moteur',
  annotations: 'Occultations modifiées',
  assign: 'Attribution',
  release: 'Mise à disposition',
  claim: 'Prise en charge',
  save: 'Enregistrement',
  resume: 'Reprise',
  unclaim: 'Remise dans la file',
  validate: 'Validation',
  confirm: 'Confirmation',
  reject: 'Renvoi en correction',
  lock: 'Verrouillage',
  unlock: 'Déverrouillage',
  reopen: 'Réouverture',
};

function change(before: unknown, after: unknown): string {
  const b = before as { length?: number; assignee?: unknown } | unknown[] | null;
  const a = after as { assignee?: unknown } | unknown[] | null;
  if (Array.isArray(b) || Array.isArray(a))
    return `${Array.isArray(b) ? b.length : 0} retirée(s), ${Array.isArray(a) ? a.length : 0} ajoutée(s)`;
  if (a && typeof a === 'object' && 'assignee' in a)
    return `attribution : ${String((b as { assignee?: unknown })?.assignee ?? 'personne')} → ${String(a.assignee ?? 'personne')}`;
  return after ? JSON.stringify(after).slice(0, 120) : '';
}

export function HistoryPage({ decision, entries }: PropsOf<typeof views.history>) {
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb
        segments={[...reviewCrumbs, { label: decisionTitle(decision), href: `/openjustice/decisions/${decision.id}` }]}
        current="Journal"
      />
      <h1>Journal : {decisionTitle(decision)}</h1>
      <div className="fr-table fr-table--no-caption">
        <table>
          <caption>Modifications, la plus récente en premier</caption>
          <thead>
            <tr>
              <th scope="col">Quand</th>
              <th scope="col">Qui</th>
              <th scope="col">Quoi</th>
              <th scope="col">Statut</th>
              <th scope="col">Détail (avant → après)</th>
              <th scope="col">Temps passé</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={i}>
                <td>
                  <time dateTime={e.at}>{new Date(e.at).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}</time>
                </td>
                <td>{e.actor}</td>
                <td>{ACTION_FR[e.action] ?? e.action}</td>
                <td>
                  {e.from && e.to && e.from !== e.to
                    ? `${STATUS_LABELS[e.from as keyof typeof STATUS_LABELS] ?? e.from} → ${STATUS_LABELS[e.to as keyof typeof STATUS_LABELS] ?? e.to}`
                    : '—'}
                </td>
                <td>{change(e.before, e.after)}</td>
                <td>{e.timeSpentMs ? minutes(e.timeSpentMs) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function AdminPage({ stats, imports, notice }: PropsOf<typeof views.admin>) {
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb segments={[{ label: 'Administration', href: '/admin' }, ...crumbs]} current="File, statistiques et imports" />
      <h1>Administration Open Justice</h1>
      <NoticeAlert notice={notice} />
      <section className="fr-mb-5w" aria-labelledby="oj-file">
        <h2 id="oj-file">File de relecture</h2>
        <ul className="eig-facts">
          {STATUSES.map((s) => (
            <li key={s}>
              <a href={`/openjustice/decisions?statut=${s}`}>
                {STATUS_LABELS[s]} : {frNumber(stats.counts[s] ?? 0)}
              </a>
            </li>
          ))}
        </ul>
        <p>
          {frNumber(stats.total)} décision(s) en tout ; {frNumber(stats.review.double)} orientée(s) vers une double relecture,{' '}
          {frNumber(stats.review.simple)} vers une relecture simple.
        </p>
      </section>
      <section className="fr-mb-5w" aria-labelledby="oj-agents">
        <h2 id="oj-agents">Qui a fait quoi (30 derniers jours)</h2>
        {stats.agents.length === 0 ? (
          <p>Aucune activité.</p>
        ) : (
          <div className="fr-table fr-table--no-caption">
            <table>
              <caption>Activité des agents sur 30 jours</caption>
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col">Validations</th>
                  <th scope="col">Confirmations</th>
                  <th scope="col">Corrections</th>
                  <th scope="col">Temps de relecture</th>
                </tr>
              </thead>
              <tbody>
                {stats.agents.map((a) => (
                  <tr key={a.userId}>
                    <td>{a.email ?? `utilisateur ${a.userId}`}</td>
                    <td>{frNumber(a.validated)}</td>
                    <td>{frNumber(a.confirmed)}</td>
                    <td>{frNumber(a.edits)}</td>
                    <td>{minutes(a.timeSpentMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="fr-mb-5w" aria-labelledby="oj-import">
        <h2 id="oj-import">Importer des décisions</h2>
        <form method="post" action="/openjustice/admin/import" encType="multipart/form-data">
          <div className="fr-upload-group fr-mb-2w">
            <label className="fr-label" htmlFor="oj-files">
              Fichiers de décisions
              <span className="fr-hint-text">
                Texte (.txt), HTML, JSON ou JSONL (une décision par ligne) ; 50 fichiers au plus. Le moteur les annote en tâche de fond.
              </span>
            </label>
            <input
              className="fr-upload"
              type="file"
              id="oj-files"
              name="files"
              multiple
              accept=".txt,.html,.htm,.json,.jsonl,.ndjson"
              required
            />
          </div>
          <button className="fr-btn" type="submit">
            Importer
          </button>
        </form>
      </section>
      <section aria-labelledby="oj-imports">
        <h2 id="oj-imports">Imports récents</h2>
        <ImportsLiveIsland imports={imports} />
      </section>
    </div>
  );
}

export function OpenDataPage({ q, page, results }: PropsOf<typeof views.openData>) {
  const pages = results ? Math.min(100, Math.max(1, Math.ceil(results.total / 10))) : 1;
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb segments={crumbs} current="Open data" />
      <h1>Décisions publiées</h1>
      <p>
        Les décisions validées sont publiées en open data, au format proche de Judilibre : <code>GET /api/openjustice/export</code>{' '}
        (moissonnage incrémental par date de mise à jour, pages à curseur), <code>GET /api/openjustice/decision?id=</code>,{' '}
        <code>GET /api/openjustice/search?query=</code>. Voir <a href="/api/docs">la documentation de l’API</a>.
      </p>
      <form method="get" action="/openjustice/open-data" role="search" className="fr-mb-3w">
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="oj-recherche">
            Rechercher dans les décisions publiées
          </label>
          <input className="fr-input" id="oj-recherche" name="q" defaultValue={q} maxLength={500} />
        </div>
        <button className="fr-btn" type="submit">
          Rechercher
        </button>
      </form>
      {results && (
        <>
          <p role="status">{frNumber(results.total)} décision(s) trouvée(s)</p>
          <ul className="eig-results">
            {results.results.map((r) => (
              <li key={r.id}>
                <h2 className="fr-h6 fr-mb-1v">
                  <a href={`/openjustice/publiees/${r.id}`}>
                    {[r.jurisdiction, r.number ? `no ${r.number}` : null, r.decision_date].filter(Boolean).join(', ') || r.id}
                  </a>
                </h2>
                <p className="fr-text--sm fr-mb-0">
                  <Snippet snippet={r.highlight} />
                </p>
              </li>
            ))}
          </ul>
          {pages > 1 && (
            <Pagination
              count={pages}
              defaultPage={page}
              getPageLinkProps={(n) => ({ href: `/openjustice/open-data?q=${encodeURIComponent(q)}&page=${n}` })}
            />
          )}
        </>
      )}
    </div>
  );
}

export function PublishedPage({ doc }: PropsOf<typeof views.published>) {
  return (
    <div className="fr-container fr-pb-6w">
      <ReviewStyles />
      <PageBreadcrumb
        segments={[...crumbs, { label: 'Open data', href: '/openjustice/open-data' }]}
        current={doc.number ? `Décision no ${doc.number}` : doc.id}
      />
      <h1>
        {[doc.jurisdiction_name ?? doc.jurisdiction, doc.number ? `no ${doc.number}` : null].filter(Boolean).join(', ') ||
          'Décision publiée'}
      </h1>
      <ul className="eig-facts fr-mb-2w">
        <li>Identifiant : {doc.id}</li>
        {doc.decision_date && <li>Date : {doc.decision_date}</li>}
        {doc.chamber && <li>Chambre : {doc.chamber}</li>}
        {doc.solution && <li>Solution : {doc.solution}</li>}
        {doc.ecli && <li>ECLI : {doc.ecli}</li>}
        <li>
          Mise à jour :{' '}
          <time dateTime={doc.update_date}>{new Date(doc.update_date).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}</time>
        </li>
      </ul>
      <div className="oj-preview" tabIndex={0} role="region" aria-label="Texte publié">
        {doc.text}
      </div>
    </div>
  );
}

export function ShortcutsPage() {
  const rows: [string, string][] = [
    ['Maj + flèches, Maj + Ctrl + flèches, Maj + Début/Fin', 'Sélectionner du texte au clavier (aussi sur plusieurs lignes)'],
    ['o ou Entrée', 'Occulter la sélection dans la catégorie choisie (et ses autres occurrences si la case est cochée)'],
    ['x, Suppr ou Retour arrière', 'Retirer l’occultation sous le curseur'],
    ['e', 'Étendre l’occultation sous le curseur jusqu’au bout de la sélection'],
    ['c', 'Passer l’entité sous le curseur dans la catégorie choisie'],
    ['u', 'Détacher la mention sous le curseur de son entité'],
    ['n / p', 'Aller à l’occultation suivante / précédente (lue par le lecteur d’écran)'],
    ['Ctrl + Z', 'Annuler'],
    ['Ctrl + Y ou Ctrl + Maj + Z', 'Rétablir'],
    ['Ctrl + S', 'Enregistrer'],
    ['Tab', 'Quitter le texte vers le panneau des catégories et les boutons'],
  ];
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb segments={crumbs} current="Raccourcis clavier" />
      <h1>Raccourcis clavier de la relecture</h1>
      <p>Dans le texte de la décision (zone de lecture), le texte ne peut pas être modifié : les touches servent aux occultations.</p>
      <div className="fr-table fr-table--no-caption">
        <table>
          <caption>Raccourcis clavier</caption>
          <thead>
            <tr>
              <th scope="col">Touches</th>
              <th scope="col">Effet</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k}>
                <td>
                  <kbd>{k}</kbd>
                </td>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        Le panneau de droite offre les mêmes actions par formulaires (retirer, changer de catégorie, lier, délier, occulter un texte
        partout), utilisables sans JavaScript.
      </p>
    </div>
  );
}
