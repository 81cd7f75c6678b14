import type { PropsOf } from '@eig/platform/web';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { PageBreadcrumb, frNumber } from '@eig/web/ui';
import { STATUSES, STATUS_LABELS } from '../../review/workflow.ts';
import type { views, ListParams } from '../views.ts';
import { NoticeAlert, StatusBadge, decisionTitle, riskText } from './common.tsx';

function listUrl(p: ListParams, page: number) {
  const sp = new URLSearchParams();
  if (p.status) sp.set('statut', p.status);
  if (p.mine) sp.set('mes', '1');
  if (p.q) sp.set('q', p.q);
  if (page > 1) sp.set('page', String(page));
  const s = sp.toString();
  return `/openjustice/decisions${s ? `?${s}` : ''}`;
}

export function ListPage({ viewer, params, data, notice }: PropsOf<typeof views.list>) {
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb segments={[{ label: 'Open Justice', href: '/openjustice' }]} current="Décisions à relire" />
      <h1>Décisions à relire</h1>
      <NoticeAlert notice={notice} />
      <form method="get" action="/openjustice/decisions" className="fr-mb-3w">
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-4">
            <div className="fr-input-group fr-mb-0">
              <label className="fr-label" htmlFor="oj-q">
                Numéro de décision ou de pourvoi
                <span className="fr-hint-text">Par exemple 23-12.176, RG 22/01234, un ECLI</span>
              </label>
              <input className="fr-input" id="oj-q" name="q" defaultValue={params.q} maxLength={200} />
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <div className="fr-select-group fr-mb-0">
              <label className="fr-label" htmlFor="oj-statut">
                Statut
              </label>
              <select className="fr-select" id="oj-statut" name="statut" defaultValue={params.status ?? ''}>
                <option value="">Tous</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <div className="fr-checkbox-group">
              <input type="checkbox" id="oj-mes" name="mes" value="1" defaultChecked={params.mine} />
              <label className="fr-label" htmlFor="oj-mes">
                Seulement les miennes
              </label>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-2">
            <button className="fr-btn" type="submit">
              Filtrer
            </button>
          </div>
        </div>
      </form>
      <p role="status">
        {frNumber(data.total)} décision{data.total > 1 ? 's' : ''}
        {pages > 1 ? `, page ${data.page} sur ${pages}` : ''}
      </p>
      {data.items.length > 0 && (
        <div className="fr-table fr-table--no-caption">
          <table>
            <caption>Décisions, la plus récente en premier</caption>
            <thead>
              <tr>
                <th scope="col">Décision</th>
                <th scope="col">Juridiction</th>
                <th scope="col">Date</th>
                <th scope="col">Statut</th>
                <th scope="col">Risque</th>
                <th scope="col">Attribuée à</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <a href={`/openjustice/decisions/${d.id}`}>{decisionTitle(d)}</a>
                  </td>
                  <td>{[d.court, d.chamber].filter(Boolean).join(', ') || '—'}</td>
                  <td>{d.date ?? '—'}</td>
                  <td>
                    <StatusBadge status={d.status} />
                  </td>
                  <td>
                    {riskText(d.risk)}
                    {d.reviewRoute === 'double' ? ', double relecture' : ''}
                  </td>
                  <td>{d.assignee === viewer.id ? 'vous' : (d.assigneeEmail ?? '—')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <Pagination count={pages} defaultPage={data.page} getPageLinkProps={(n) => ({ href: listUrl(params, n) })} showFirstLast />
      )}
    </div>
  );
}
