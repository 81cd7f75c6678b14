import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { Stand } from '@eig/platform/service.ts';
import type { StatusResponse } from '../services/explocode/api-types.ts';
import { ProgressBar, useLiveStatus } from '../components/IngestStatus.tsx';

function StandProgress({ stand, initial }: { stand: Stand; initial: StatusResponse | null }) {
  const status = useLiveStatus(`/api/${encodeURIComponent(stand.id)}/status`, initial);
  if (status?.ready) {
    return (
      <p className="fr-text--sm">
        Le service est prêt. <a href={stand.href}>Ouvrir {stand.title}</a>
      </p>
    );
  }
  return (
    <div className="fr-mb-2w">
      <p className="fr-text--sm fr-mb-1w">{stand.status || 'Le service prépare ses données.'}</p>
      {status?.ingest && <ProgressBar progress={status.ingest} label={`Avancement de la préparation de ${stand.title}`} />}
    </div>
  );
}

function StandCard({ stand, progress }: { stand: Stand; progress: StatusResponse | null }) {
  const headingId = `stand-${stand.id}`;
  return (
    <article className="eig-stand fr-p-3w" aria-labelledby={headingId}>
      <div className="eig-stand__head">
        <h2 id={headingId} className="fr-h3 fr-mb-1w">
          {stand.title}
        </h2>
        {stand.ready ? (
          <Badge severity="success" small>
            Disponible
          </Badge>
        ) : (
          <Badge severity="info" small>
            En préparation
          </Badge>
        )}
      </div>
      <p className="fr-text--lead fr-mb-2w">{stand.tagline}</p>
      <p>{stand.description}</p>
      <p className="fr-text--sm">
        <strong>Pour qui ?</strong> {stand.audience}
      </p>
      {stand.figures.length > 0 && (
        <ul className="eig-figures" aria-label={`${stand.title} en chiffres`}>
          {stand.figures.map((f) => (
            <li key={f.label} className="eig-figures__item">
              <span className="eig-figures__value">{f.value}</span> <span className="eig-figures__label">{f.label}</span>
            </li>
          ))}
        </ul>
      )}
      {stand.ready ? (
        <a className="fr-btn fr-btn--icon-right fr-icon-arrow-right-line" href={stand.href}>
          Essayer<span className="fr-sr-only"> {stand.title}</span>
        </a>
      ) : (
        <StandProgress stand={stand} initial={progress} />
      )}
    </article>
  );
}

export function HomePage({ stands, progress }: { stands: Stand[]; progress: Record<string, StatusResponse | null> }) {
  return (
    <>
      <section className="eig-hero">
        <div className="fr-container fr-py-6w">
          <h1>Des services publics numériques, prêts à l’emploi</h1>
          <p className="fr-text--lead fr-mb-0">
            Nés du programme « Entrepreneurs d’intérêt général » (promotion 2019), ces services rendent le droit et les
            données publiques plus accessibles. Passez d’un stand à l’autre et essayez-les.
          </p>
        </div>
      </section>
      <div className="fr-container fr-py-6w">
        {stands.length === 0 ? (
          <p>Aucun service n’est encore disponible. Revenez dans quelques instants.</p>
        ) : (
          <ul className="eig-stands">
            {stands.map((s) => (
              <li key={s.id}>
                <StandCard stand={s} progress={progress[s.id] ?? null} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
