/** The background jobs of every service, refreshed while one is queued or running (an island). */
import { useEffect, useState } from 'react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Table } from '@codegouvfr/react-dsfr/Table';
import type { JobView } from './views.ts';

const POLL_MS = 1500;
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Paris' });

export const JOB_STATE: Record<JobView['state'], { label: string; severity: 'info' | 'new' | 'success' | 'error' }> = {
  queued: { label: 'En attente', severity: 'info' },
  running: { label: 'En cours', severity: 'new' },
  done: { label: 'Terminée', severity: 'success' },
  failed: { label: 'Échouée', severity: 'error' },
};

function When({ iso }: { iso: string | null }) {
  return iso ? <time dateTime={iso}>{dateTime.format(new Date(iso))}</time> : <>—</>;
}

const pct = (j: JobView) => (j.progress.total > 0 ? Math.round((100 * j.progress.done) / j.progress.total) : 0);
const active = (jobs: JobView[]) => jobs.some((j) => j.state === 'queued' || j.state === 'running');

export function JobsTable({ initial }: { initial: JobView[] }) {
  const [jobs, setJobs] = useState(initial);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active(jobs)) return;
    const timer = setTimeout(async () => {
      try {
        const r = await fetch('/api/admin/jobs', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
        if (r.ok) setJobs(((await r.json()) as { jobs: JobView[] }).jobs);
        else setTick((t) => t + 1);
      } catch {
        setTick((t) => t + 1);
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [jobs, tick]);

  if (jobs.length === 0) return <p>Aucune tâche récente.</p>;
  return (
    <>
      <p className="fr-sr-only" role="status">
        {active(jobs) ? 'Des tâches sont en cours.' : 'Aucune tâche en cours.'}
      </p>
      <Table
        caption="Tâches récentes, la plus récente en premier"
        noCaption
        headers={['Service', 'Tâche', 'Lancée le', 'État', 'Avancement', 'Terminée le', 'Action']}
        data={jobs.map((j) => [
          j.service,
          j.name,
          <When key="c" iso={j.createdAt} />,
          <Badge key="s" severity={JOB_STATE[j.state].severity} small as="span">
            {JOB_STATE[j.state].label}
          </Badge>,
          j.state === 'failed' ? (j.error ?? 'Erreur') : `${pct(j)} %${j.progress.message ? ` — ${j.progress.message}` : ''}`,
          <When key="f" iso={j.finishedAt} />,
          j.state === 'failed' ? (
            <form key="r" method="post" action={`/admin/taches/${encodeURIComponent(j.id)}/relancer`}>
              <button type="submit" className="fr-btn fr-btn--sm fr-btn--secondary">
                Relancer<span className="fr-sr-only"> la tâche {j.name}</span>
              </button>
            </form>
          ) : (
            '—'
          ),
        ])}
      />
    </>
  );
}
