/**
 * The suite's administration: the services' own administration pages (for the roles that may see
 * them) and every background job with its live progress, and a retry for a failed one.
 */
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { PageBreadcrumb } from '../ui/common.tsx';
import { island } from '../ui/island.tsx';
import { JobsTable } from './JobsTable.tsx';
import type { JobView } from './views.ts';

const JobsIsland = island('web.jobs', JobsTable);

export function AdminPage({ links, jobs, notice }: { links: { text: string; href: string }[]; jobs: JobView[]; notice: string | null }) {
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb segments={[]} current="Administration" />
      <h1>Administration de la suite</h1>
      {notice && <Alert className="fr-mb-4w" severity="info" small description={notice} />}
      <section className="fr-mb-6w" aria-labelledby="admin-services">
        <h2 id="admin-services">Services</h2>
        {links.length === 0 ? (
          <p>Aucune page d’administration pour vos rôles.</p>
        ) : (
          <ul>
            {links.map((l) => (
              <li key={l.href}>
                <a href={l.href}>{l.text}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="admin-jobs">
        <h2 id="admin-jobs">Tâches de fond</h2>
        <JobsIsland initial={jobs} />
      </section>
    </div>
  );
}
