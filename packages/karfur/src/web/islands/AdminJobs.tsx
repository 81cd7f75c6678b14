/** Live list of Karfu'R's jobs on the admin page (progress of an import, of the search index). Browser-safe. */
import { useEffect, useState } from 'react';
import { ProgressBar } from '@eig/web/ui';
import type { JobsResponse } from '../../http/schemas.ts';

const STATES: Record<string, string> = { queued: 'en attente', running: 'en cours', done: 'terminée', failed: 'échec' };
const NAMES: Record<string, string> = {
  'karfur.import-content': 'Contenu de départ',
  'karfur.import-vdd': 'Import service-public.fr',
  'karfur.search-index': 'Index de recherche',
};

export function AdminJobs({ initial }: { initial: JobsResponse }) {
  const [jobs, setJobs] = useState(initial.jobs);
  const active = jobs.some((j) => j.state === 'queued' || j.state === 'running');
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      fetch('/api/karfur/admin/jobs', { headers: { accept: 'application/json' } })
        .then((r) => (r.ok ? (r.json() as Promise<JobsResponse>) : null))
        .then((r) => r && setJobs(r.jobs))
        .catch(() => undefined);
    }, 1500);
    return () => clearInterval(timer);
  }, [active]);
  if (jobs.length === 0) return <p className="fr-mt-2w">Aucune tâche récente.</p>;
  return (
    <ul className="fr-mt-2w karfur-plain-list" aria-live="polite">
      {jobs.map((j) => (
        <li key={j.id} className="fr-mb-1w">
          <strong>{NAMES[j.name] ?? j.name}</strong> — {STATES[j.state]} ({j.createdAt.slice(0, 16).replace('T', ' ')})
          {j.state === 'running' && <ProgressBar progress={j.progress} label={NAMES[j.name] ?? j.name} />}
          {j.error && <span className="fr-error-text">{j.error}</span>}
        </li>
      ))}
    </ul>
  );
}
