import type { PropsOf } from '@eig/platform/web';
import { PageBreadcrumb } from '@eig/web/ui';
import { ReviewEditorIsland } from '../islands/index.ts';
import { ReviewStyles } from '../styles.tsx';
import type { views } from '../views.ts';
import { NoticeAlert, StatusBadge, decisionTitle, minutes, riskText } from './common.tsx';

/** The review screen: the decision's facts, its risk and doubts, then the editor (island). */
export function ReviewPage({ viewer, detail, agents, notice }: PropsOf<typeof views.review>) {
  const d = detail.decision;
  return (
    <div className="fr-container fr-pb-6w">
      <ReviewStyles />
      <PageBreadcrumb
        segments={[
          { label: 'Open Justice', href: '/openjustice' },
          { label: 'Décisions à relire', href: '/openjustice/decisions' },
        ]}
        current={decisionTitle(d)}
      />
      <h1>Relecture : {decisionTitle(d)}</h1>
      <NoticeAlert notice={notice} />
      <ul className="eig-facts fr-mb-2w">
        <li>
          Statut : <StatusBadge status={d.status} />
        </li>
        <li>Juridiction : {[d.court, d.chamber].filter(Boolean).join(', ') || 'non reconnue'}</li>
        <li>Date : {d.date ?? 'non reconnue'}</li>
        {d.ecli && <li>ECLI : {d.ecli}</li>}
        <li>Attribuée à : {d.assignee === viewer.id ? 'vous' : (d.assigneeEmail ?? 'personne')}</li>
        <li>Temps de relecture : {minutes(d.timeSpentMs)}</li>
      </ul>
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
        <section className="fr-col-12 fr-col-md-6" aria-labelledby="oj-risque">
          <h2 id="oj-risque" className="fr-h5">
            Risque de réidentification : {riskText(detail.risk)}
          </h2>
          <p className="fr-mb-1w">
            {d.reviewRoute === 'double' ? 'Double relecture : un second agent confirmera la validation.' : 'Relecture simple.'}
          </p>
          <ul>
            {(detail.risk?.reasons ?? []).map((r) => (
              <li key={r.code}>{r.message}</li>
            ))}
            {detail.risk && detail.risk.reasons.length === 0 && <li>Aucun facteur de risque relevé.</li>}
          </ul>
        </section>
        <section className="fr-col-12 fr-col-md-6" aria-labelledby="oj-doutes">
          <h2 id="oj-doutes" className="fr-h5">
            Points de doute ({detail.checklist.length})
          </h2>
          {detail.checklist.length === 0 ? (
            <p>Aucun point de doute relevé par le moteur.</p>
          ) : (
            <ul>
              {detail.checklist.map((c, i) => (
                <li key={i}>{c.message}</li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <p className="fr-mb-2w">
        <a href={`/openjustice/decisions/${d.id}/apercu`}>Aperçu du texte pseudonymisé (version enregistrée)</a>
        {viewer.isAdmin && (
          <>
            {' · '}
            <a href={`/openjustice/decisions/${d.id}/journal`}>Journal des modifications</a>
          </>
        )}
      </p>
      {viewer.isAdmin && d.status !== 'done' && d.status !== 'locked' && (
        <form method="post" action={`/openjustice/decisions/${d.id}/attribuer`} className="fr-mb-3w">
          <div className="fr-select-group fr-mb-1w">
            <label className="fr-label" htmlFor="oj-assignee">
              Pré-attribuer à
            </label>
            <select className="fr-select" id="oj-assignee" name="assignee" defaultValue={d.assignee ?? ''}>
              <option value="">Personne (file commune)</option>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.email}
                </option>
              ))}
            </select>
          </div>
          <button className="fr-btn fr-btn--secondary fr-btn--sm" type="submit">
            Attribuer
          </button>
        </form>
      )}
      {!detail.canEdit && d.status === 'free' && <p>Prenez la décision en charge pour corriger ses occultations.</p>}
      <ReviewEditorIsland
        decisionId={d.id}
        text={detail.text}
        annotations={detail.annotations.map((a) => ({
          start: a.start,
          end: a.end,
          category: a.category,
          entityId: a.entityId,
          ...(a.personId ? { personId: a.personId } : {}),
        }))}
        version={d.version}
        canEdit={detail.canEdit}
        actions={detail.actions}
      />
    </div>
  );
}
