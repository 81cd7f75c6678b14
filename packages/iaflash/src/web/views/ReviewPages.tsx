import type { PropsOf } from '@eig/platform/web';
import { PageBreadcrumb, frDate, frNumber } from '@eig/web/ui';
import type { views } from '../views.ts';
import { CheckBlock, FLAG_LABELS, FlagBadge, HumanRule, NoticeAlert, PhotoWithBoxes, Styles, TopClasses, pct, regText } from './common.tsx';
import type { FlagStatus } from '../../http/schemas.ts';

const TABS: FlagStatus[] = ['open', 'confirmed', 'dismissed'];

/** The agents' queue of flags (suspected cloned plates), by status. */
export function ReviewPage({ status, data, notice }: PropsOf<typeof views.review>) {
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb segments={[{ label: 'IA Flash', href: '/iaflash' }]} current="Alertes à examiner" />
      <h1>Alertes : plaques doublées suspectées</h1>
      <NoticeAlert notice={notice} />
      <HumanRule />
      <nav aria-label="État des alertes" className="fr-mb-3w">
        <ul className="fr-btns-group fr-btns-group--inline">
          {TABS.map((t) => (
            <li key={t}>
              <a
                className={`fr-btn ${t === status ? '' : 'fr-btn--secondary'}`}
                href={`/iaflash/revue?statut=${t}`}
                aria-current={t === status ? 'page' : undefined}
              >
                {FLAG_LABELS[t]} ({frNumber(data.counts[t])})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {data.flags.length === 0 ? (
        <p>Aucune alerte dans cet état.</p>
      ) : (
        <div className="fr-table">
          <table>
            <caption>
              {FLAG_LABELS[status]} ({frNumber(data.total)}){pages > 1 ? `, page ${data.page} sur ${pages}` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Alerte</th>
                <th scope="col">Plaque</th>
                <th scope="col">Registre</th>
                <th scope="col">Modèle reconnu</th>
                <th scope="col">Score</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {data.flags.map((f) => (
                <tr key={f.id}>
                  <td>
                    <a href={`/iaflash/revue/${f.id}`}>Alerte no {f.id}</a>
                    <br />
                    <span className="fr-text--xs">{frDate(f.createdAt)}</span>
                  </td>
                  <td className="iaf-nowrap">{f.plate ?? '—'}</td>
                  <td>{regText(f.registered)}</td>
                  <td>{f.top ? `${f.top.make} ${f.top.model} (${pct(f.top.prob)})` : '—'}</td>
                  <td>{pct(f.score)}</td>
                  <td>
                    <FlagBadge status={f.status} />
                    {f.decidedBy && <span className="fr-text--xs"> par {f.decidedBy}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <p>
          {data.page > 1 && <a href={`/iaflash/revue?statut=${status}&page=${data.page - 1}`}>Page précédente</a>}
          {data.page > 1 && data.page < pages && ' — '}
          {data.page < pages && <a href={`/iaflash/revue?statut=${status}&page=${data.page + 1}`}>Page suivante</a>}
        </p>
      )}
    </div>
  );
}

const ACTION_LABELS: Record<string, string> = {
  created: 'Alerte créée par l’outil',
  confirm: 'Doute confirmé',
  dismiss: 'Alerte écartée',
  reopen: 'Alerte rouverte',
};

/** One flag: the photo with the box, the top 5, the registry record, the reasons; the agent confirms or dismisses. */
export function FlagPage({ viewer, detail, notice }: PropsOf<typeof views.flag>) {
  const f = detail.flag;
  const main = detail.vehicles[0];
  return (
    <div className="fr-container fr-pb-6w">
      <Styles />
      <PageBreadcrumb
        segments={[
          { label: 'IA Flash', href: '/iaflash' },
          { label: 'Alertes', href: '/iaflash/revue' },
        ]}
        current={`Alerte no ${f.id}`}
      />
      <h1>
        Alerte no {f.id} <FlagBadge status={f.status} />
      </h1>
      <NoticeAlert notice={notice} />
      <p>
        Plaque : <strong>{f.plate ?? '— (effacée)'}</strong>
        {f.item && <> — photo « {f.item} »</>} — reçue le {frDate(f.createdAt)}.
      </p>
      {detail.photo && detail.image ? (
        <PhotoWithBoxes
          src={`/api/iaflash/flags/${f.id}/photo`}
          image={detail.image}
          vehicles={detail.vehicles}
          caption={`Photo de l’alerte no ${f.id}`}
        />
      ) : (
        <p>La photo a été effacée (fin de la durée de conservation).</p>
      )}
      {main && <TopClasses classes={main.classes} registered={detail.check?.registered} caption="Marques et modèles les plus probables" />}
      {detail.check && <CheckBlock check={detail.check} />}
      <h2>Décision de l’agent</h2>
      <HumanRule />
      {f.status === 'open' ? (
        <form method="post" action={`/iaflash/revue/${f.id}`}>
          <input type="hidden" name="version" value={f.version} />
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="iaf-comment">
              Commentaire (facultatif)
              <span className="fr-hint-text">Ce que vous avez vérifié : il figure au journal de l’alerte.</span>
            </label>
            <textarea className="fr-input" id="iaf-comment" name="comment" rows={3} maxLength={2000} />
          </div>
          <ul className="fr-btns-group fr-btns-group--inline">
            <li>
              <button className="fr-btn" type="submit" name="action" value="confirm">
                Confirmer le doute (plaque doublée probable)
              </button>
            </li>
            <li>
              <button className="fr-btn fr-btn--secondary" type="submit" name="action" value="dismiss">
                Écarter l’alerte (véhicule conforme)
              </button>
            </li>
          </ul>
        </form>
      ) : (
        <>
          <p>
            {FLAG_LABELS[f.status]}
            {f.decidedBy && ` par ${f.decidedBy}`}
            {f.decidedAt && ` le ${frDate(f.decidedAt)}`}.{detail.comment && ` Commentaire : « ${detail.comment} »`}
          </p>
          {viewer.isAdmin && (
            <form method="post" action={`/iaflash/revue/${f.id}`}>
              <input type="hidden" name="version" value={f.version} />
              <button className="fr-btn fr-btn--tertiary" type="submit" name="action" value="reopen">
                Rouvrir l’alerte
              </button>
            </form>
          )}
        </>
      )}
      <h2 className="fr-mt-4w">Journal</h2>
      <ul>
        {detail.audit.map((a, i) => (
          <li key={i}>
            {new Date(a.at).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })} — {ACTION_LABELS[a.action] ?? a.action}
            {a.user && ` par ${a.user}`}
            {a.comment && ` : « ${a.comment} »`}
          </li>
        ))}
      </ul>
      <p>
        <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/iaflash/revue">
          Retour aux alertes
        </a>
      </p>
    </div>
  );
}
