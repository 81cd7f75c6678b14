import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { Stand } from '@eig/platform';
import { island } from '../ui/island.tsx';
import type { ServiceStatusView } from '../ui/status.tsx';
import { StandProgress } from './StandProgress.tsx';

const StandProgressIsland = island('web.stand-progress', StandProgress);

function StandCard({ stand, progress }: { stand: Stand; progress: ServiceStatusView | null }) {
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
        <StandProgressIsland stand={stand} initial={progress} />
      )}
    </article>
  );
}

export function HomePage({ stands, statuses }: { stands: Stand[]; statuses: Record<string, ServiceStatusView | null> }) {
  return (
    <>
      <section className="eig-hero">
        <div className="fr-container fr-py-6w">
          <h1>Des services publics numériques, prêts à l’emploi</h1>
          <p className="fr-text--lead fr-mb-0">
            Nés du programme « Entrepreneurs d’intérêt général » (promotion 2019), ces services rendent le droit et les données publiques
            plus accessibles. Passez d’un stand à l’autre et essayez-les.
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
                <StandCard stand={s} progress={statuses[s.id] ?? null} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
