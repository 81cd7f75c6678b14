/** Live list of Karfu'R's jobs on the admin page (progress of an import, of the search index). Browser-safe. */
import { useEffect, useState } from 'react';
import { ProgressBar } from '@eig/web/ui';
import type { JobsResponse } from '../../http/schemas.ts';

/** The island's strings, in the page's language (`staff.jobs.*`), given by the server. */
export interface AdminJobsLabels {
  none: string;
  states: Record<string, string>;
  names: Record<string, string>;
}

export function AdminJobs({ initial, labels }: { initial: JobsResponse; labels: AdminJobsLabels }) {
  const NAMES = labels.names;
  // Language-neutral (UTC, ISO-like): the same text on the server and in the browser, whose ICU may format differently.
  const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');
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
  if (jobs.length === 0) return <p className="fr-mt-2w">{labels.none}</p>;
  return (
    <ul className="fr-mt-2w karfur-plain-list" aria-live="polite">
      {jobs.map((j) => (
        <li key={j.id} className="fr-mb-1w">
          <strong>{NAMES[j.name] ?? j.name}</strong> — {labels.states[j.state] ?? j.state} ({when(j.createdAt)})
          {j.state === 'running' && <ProgressBar progress={j.progress} label={NAMES[j.name] ?? j.name} />}
          {j.error && <span className="fr-error-text">{j.error}</span>}
        </li>
      ))}
    </ul>
  );
}
