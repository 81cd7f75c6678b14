import type { PropsOf } from '@eig/platform/web';
import { PageBreadcrumb, frNumber } from '@eig/web/ui';
import type { views } from '../views.ts';
import { BatchProgressIsland } from '../islands/index.ts';
import { DecisionBadge, FlagBadge, HumanRule, NoticeAlert, pct, regText } from './common.tsx';

/** Submit a batch (zip of photos + cases CSV), see the recent ones. */
export function BatchesPage({ batches, notice, maxMb }: PropsOf<typeof views.batches>) {
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb segments={[{ label: 'IA Flash', href: '/iaflash' }]} current="Lots de dossiers" />
      <h1>Vérifier un lot de dossiers</h1>
      <NoticeAlert notice={notice} />
      <HumanRule />
      <form method="post" action="/iaflash/lots" encType="multipart/form-data" className="fr-mb-6w">
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Nouveau lot</legend>
          <div className="fr-fieldset__element">
            <div className="fr-upload-group">
              <label className="fr-label" htmlFor="iaf-photos">
                Photos (archive .zip)
                <span className="fr-hint-text">Photos JPEG ou PNG ; {maxMb} Mo au plus.</span>
              </label>
              <input className="fr-upload" type="file" id="iaf-photos" name="photos" accept=".zip,application/zip" required />
            </div>
          </div>
          <div className="fr-fieldset__element">
            <div className="fr-upload-group">
              <label className="fr-label" htmlFor="iaf-cases">
                Dossiers (CSV)
                <span className="fr-hint-text">
                  Colonnes file,plate,make,model : nom de la photo dans l’archive, plaque, marque et modèle au registre (laissez-les vides
                  pour les chercher par la plaque dans le registre importé). Colonne facultative plate_file : l’image recadrée de la plaque
                  dans l’archive, lue et comparée à la plaque du dossier, qui fait foi.
                </span>
              </label>
              <input className="fr-upload" type="file" id="iaf-cases" name="cases" accept=".csv,text/csv" required />
            </div>
          </div>
          <div className="fr-fieldset__element">
            <div className="fr-input-group">
              <label className="fr-label" htmlFor="iaf-name">
                Nom du lot (facultatif)
              </label>
              <input className="fr-input" id="iaf-name" name="name" maxLength={200} />
            </div>
          </div>
          <div className="fr-fieldset__element">
            <button className="fr-btn" type="submit">
              Envoyer le lot
            </button>
          </div>
        </fieldset>
      </form>
      <h2>Lots récents</h2>
      {batches.length === 0 ? (
        <p>Aucun lot pour le moment.</p>
      ) : (
        <div className="fr-table">
          <table>
            <caption>Lots récents</caption>
            <thead>
              <tr>
                <th scope="col">Lot</th>
                <th scope="col">Dossiers</th>
                <th scope="col">Analysés</th>
                <th scope="col">Alertes</th>
                <th scope="col">Indéterminés</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id}>
                  <td>
                    <a href={`/iaflash/lots/${b.id}`}>
                      no {b.id} — {b.name}
                    </a>
                  </td>
                  <td>{frNumber(b.total)}</td>
                  <td>{frNumber(b.done + b.failed)}</td>
                  <td>{frNumber(b.decisions.MISMATCH)}</td>
                  <td>{frNumber(b.decisions.UNDETERMINED)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** One batch: live progress, results table with filters, CSV export. */
export function BatchPage({ data, filters, pageSize, notice }: PropsOf<typeof views.batch>) {
  const b = data.batch;
  const qs = (extra: Record<string, string>) =>
    new URLSearchParams({
      ...(filters.decision ? { decision: filters.decision } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      ...extra,
    }).toString();
  const pages = Math.max(1, Math.ceil(data.total / pageSize));
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb
        segments={[
          { label: 'IA Flash', href: '/iaflash' },
          { label: 'Lots de dossiers', href: '/iaflash/lots' },
        ]}
        current={`Lot no ${b.id}`}
      />
      <h1>
        Lot no {b.id} — {b.name}
      </h1>
      <NoticeAlert notice={notice} />
      <BatchProgressIsland batch={{ id: b.id, total: b.total, done: b.done, failed: b.failed, pending: b.pending }} />
      <p>
        {frNumber(b.decisions.CONSISTENT)} cohérent(s), {frNumber(b.decisions.MISMATCH)} alerte(s) envoyée(s) en revue,{' '}
        {frNumber(b.decisions.UNDETERMINED)} indéterminé(s), {frNumber(b.failed)} photo(s) illisible(s).
      </p>
      {b.problems.length > 0 && (
        <details className="fr-mb-3w">
          <summary>{frNumber(b.problems.length)} ligne(s) du CSV non traitée(s)</summary>
          <ul>
            {b.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </details>
      )}
      <form method="get" action={`/iaflash/lots/${b.id}`} className="fr-mb-3w">
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-4">
            <div className="fr-select-group">
              <label className="fr-label" htmlFor="iaf-f-decision">
                Décision
              </label>
              <select className="fr-select" id="iaf-f-decision" name="decision" defaultValue={filters.decision ?? ''}>
                <option value="">Toutes</option>
                <option value="MISMATCH">Plaque doublée suspectée</option>
                <option value="CONSISTENT">Cohérent avec le registre</option>
                <option value="UNDETERMINED">Indéterminé</option>
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <div className="fr-select-group">
              <label className="fr-label" htmlFor="iaf-f-status">
                État
              </label>
              <select className="fr-select" id="iaf-f-status" name="status" defaultValue={filters.status ?? ''}>
                <option value="">Tous</option>
                <option value="done">Analysé</option>
                <option value="pending">En attente</option>
                <option value="failed">Photo illisible</option>
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <ul className="fr-btns-group fr-btns-group--inline">
              <li>
                <button className="fr-btn fr-btn--secondary" type="submit">
                  Filtrer
                </button>
              </li>
              <li>
                <a className="fr-btn fr-btn--tertiary" href={`/api/iaflash/batches/${b.id}/results.csv?${qs({})}`} download>
                  Exporter en CSV
                </a>
              </li>
            </ul>
          </div>
        </div>
      </form>
      <div className="fr-table">
        <table>
          <caption>
            Résultats ({frNumber(data.total)} dossier(s){pages > 1 ? `, page ${data.page} sur ${pages}` : ''})
          </caption>
          <thead>
            <tr>
              <th scope="col">Photo</th>
              <th scope="col">Plaque</th>
              <th scope="col">Registre</th>
              <th scope="col">Modèle reconnu</th>
              <th scope="col">Score</th>
              <th scope="col">Décision</th>
              <th scope="col">Alerte</th>
            </tr>
          </thead>
          <tbody>
            {data.results.map((a) => (
              <tr key={a.id}>
                <td>{a.item}</td>
                <td className="iaf-nowrap">{a.plate ?? '—'}</td>
                <td>{a.registered ? regText(a.registered) : (a.registeredRaw ?? 'absent')}</td>
                <td>{a.top ? `${a.top.make} ${a.top.model} (${pct(a.top.prob)})` : '—'}</td>
                <td>{pct(a.score)}</td>
                <td>
                  {a.decision ? <DecisionBadge decision={a.decision} /> : a.status === 'pending' ? 'En attente' : (a.error ?? 'Échec')}
                  {a.decision && a.decision !== 'CONSISTENT' && a.reason && <p className="fr-text--xs fr-mb-0">{a.reason}</p>}
                  {a.plateDisagreement && <p className="fr-text--xs fr-mb-0">{a.plateDisagreement}</p>}
                </td>
                <td>
                  {a.flagId && a.flagStatus ? (
                    <a href={`/iaflash/revue/${a.flagId}`}>
                      <FlagBadge status={a.flagStatus} />
                      <span className="fr-sr-only"> : alerte no {a.flagId}</span>
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="fr-pagination" aria-label="Pages des résultats">
          <ul className="fr-pagination__list">
            {data.page > 1 && (
              <li>
                <a
                  className="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label"
                  href={`/iaflash/lots/${b.id}?${qs({ page: String(data.page - 1) })}`}
                >
                  Page précédente
                </a>
              </li>
            )}
            <li>
              <a className="fr-pagination__link" aria-current="page" href={`/iaflash/lots/${b.id}?${qs({ page: String(data.page) })}`}>
                {data.page}
              </a>
            </li>
            {data.page < pages && (
              <li>
                <a
                  className="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label"
                  href={`/iaflash/lots/${b.id}?${qs({ page: String(data.page + 1) })}`}
                >
                  Page suivante
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </div>
  );
}
