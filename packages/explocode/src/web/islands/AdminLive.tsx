/**
 * ExploCode administration (role admin), an island: the dataset served, every dataset, the ingest
 * jobs with their progress (refreshed from /api/explocode/admin/* while one runs), and a button to
 * re-ingest (a plain POST form: works without JS).
 */
import { useEffect, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { ProgressBar, frNumber } from '@eig/web/ui';
import type { AdminDatasetsResponse, AdminJob, AdminJobsResponse } from '../../http/schemas.ts';

const POLL_MS = 1500;

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Paris' });

function When({ iso }: { iso: string | null }) {
  if (!iso) return <>—</>;
  return (
    // Browser and server may format a date slightly differently: not a reason to re-render.
    <time dateTime={iso} suppressHydrationWarning>
      {dateTime.format(new Date(iso))}
    </time>
  );
}

const JOB_STATE: Record<AdminJob['state'], { label: string; severity: 'info' | 'new' | 'success' | 'error' }> = {
  queued: { label: 'En attente', severity: 'info' },
  running: { label: 'En cours', severity: 'new' },
  done: { label: 'Terminée', severity: 'success' },
  failed: { label: 'Échouée', severity: 'error' },
};

const DATASET_STATE: Record<string, string> = {
  loading: 'En chargement',
  ready: 'Prêt',
  failed: 'Échoué',
  retired: 'Remplacé',
};

/** The dataset's counts worth showing, in French (the others are internal tables). */
const COUNT_LABELS: [key: string, label: string][] = [
  ['articles', 'articles du Code du travail'],
  ['fiches', 'fiches pratiques'],
  ['contributions', 'questions-réponses'],
  ['conventions', 'conventions collectives'],
  ['convention_articles', 'articles de conventions'],
  ['themes', 'thèmes'],
];

const pct = (j: AdminJob) => (j.progress.total > 0 ? Math.round((100 * j.progress.done) / j.progress.total) : 0);

/** What the polite live region says: changes only when an ingest starts, ends or fails, not at every percent. */
function summary(jobs: AdminJob[]): string {
  const current = jobs.find((j) => j.state === 'running' || j.state === 'queued');
  if (current) return current.state === 'running' ? 'Ingestion en cours.' : 'Ingestion en attente.';
  const last = jobs[0];
  if (!last) return 'Aucune ingestion récente.';
  return last.state === 'failed' ? 'La dernière ingestion a échoué.' : 'La dernière ingestion est terminée.';
}

async function getJson<T>(url: string): Promise<T | null> {
  try {
    const r = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    return r.ok ? ((await r.json()) as T) : null;
  } catch {
    return null;
  }
}

export interface AdminLiveProps {
  datasets: AdminDatasetsResponse;
  jobs: AdminJobsResponse;
  notice: { severity: 'success' | 'info' | 'warning' | 'error'; text: string } | null;
}

export function AdminLive({ datasets: initialDatasets, jobs: initialJobs, notice }: AdminLiveProps) {
  const [jobs, setJobs] = useState(initialJobs);
  const [datasets, setDatasets] = useState(initialDatasets);
  const [tick, setTick] = useState(0);

  // While an ingest is queued or running: refresh its progress; once it ends, the datasets too.
  useEffect(() => {
    if (!jobs.running) return;
    const timer = setTimeout(async () => {
      const next = await getJson<AdminJobsResponse>('/api/explocode/admin/jobs');
      if (next) {
        setJobs(next);
        if (!next.running) {
          const d = await getJson<AdminDatasetsResponse>('/api/explocode/admin/datasets');
          if (d) setDatasets(d);
        }
      } else {
        setTick((t) => t + 1); // network hiccup: try again
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [jobs, tick]);

  const current = jobs.jobs.find((j) => j.state === 'running' || j.state === 'queued') ?? null;
  const served = datasets.served;
  const servedCounts = served ? datasets.datasets.find((d) => d.id === served.id)?.counts : undefined;

  return (
    <>
      {notice && <Alert className="fr-mb-4w" severity={notice.severity} small description={notice.text} />}

      <section className="fr-mb-6w" aria-labelledby="admin-servi">
        <h2 id="admin-servi">Données servies</h2>
        {served ? (
          <>
            <p>
              Jeu de données n<sup>o</sup> {served.id}, version <strong>{served.version}</strong>, activé le{' '}
              <When iso={served.activatedAt} />.
            </p>
            {servedCounts && (
              <ul className="eig-facts">
                {COUNT_LABELS.filter(([k]) => servedCounts[k] !== undefined).map(([k, label]) => (
                  <li key={k}>
                    {frNumber(servedCounts[k])} {label}
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <p>Aucun jeu de données n’est servi pour le moment : la recherche attend la fin de la première ingestion.</p>
        )}
      </section>

      <section className="fr-mb-6w" aria-labelledby="admin-ingestion">
        <h2 id="admin-ingestion">Ingestion</h2>
        <p className="fr-sr-only" role="status">
          {summary(jobs.jobs)}
        </p>
        {current ? (
          <div className="fr-mb-3w">
            <p className="fr-mb-1w">
              <Badge severity={JOB_STATE[current.state].severity} small as="span">
                {JOB_STATE[current.state].label}
              </Badge>{' '}
              Ingestion lancée le <When iso={current.createdAt} />
            </p>
            <ProgressBar progress={current.progress} label="Avancement de l’ingestion" />
          </div>
        ) : (
          <p>Aucune ingestion en cours.</p>
        )}
        <form method="post" action="/explocode/admin/ingestion">
          <input type="hidden" name="force" value="1" />
          <button
            type="submit"
            className="fr-btn fr-btn--icon-left fr-icon-refresh-line"
            disabled={current !== null}
            aria-describedby="admin-ingestion-aide"
          >
            Relancer l’ingestion
          </button>
          <p id="admin-ingestion-aide" className="fr-hint-text fr-mt-1w">
            {current
              ? 'Une ingestion est déjà en cours : le bouton revient à la fin.'
              : 'Réimporte tout le contenu depuis les paquets, même s’ils n’ont pas changé. Le jeu de données actuel reste servi jusqu’à la fin.'}
          </p>
        </form>
      </section>

      <section className="fr-mb-6w" aria-labelledby="admin-taches">
        <h2 id="admin-taches">Ingestions récentes</h2>
        {jobs.jobs.length === 0 ? (
          <p>Aucune ingestion depuis le démarrage du serveur.</p>
        ) : (
          <Table
            caption="Ingestions récentes, la plus récente en premier"
            noCaption
            headers={['Lancée le', 'État', 'Avancement', 'Terminée le']}
            data={jobs.jobs.map((j) => [
              <When key="c" iso={j.createdAt} />,
              <Badge key="s" severity={JOB_STATE[j.state].severity} small as="span">
                {JOB_STATE[j.state].label}
              </Badge>,
              j.state === 'failed' ? (j.error ?? 'Erreur') : `${pct(j)} %${j.progress.message ? ` — ${j.progress.message}` : ''}`,
              <When key="f" iso={j.finishedAt} />,
            ])}
          />
        )}
      </section>

      <section aria-labelledby="admin-jeux">
        <h2 id="admin-jeux">Jeux de données</h2>
        {datasets.datasets.length === 0 ? (
          <p>Aucun jeu de données.</p>
        ) : (
          <Table
            caption="Jeux de données, le plus récent en premier"
            noCaption
            headers={['No', 'Version', 'État', 'Articles', 'Créé le', 'Activé le']}
            data={datasets.datasets.map((d) => [
              String(d.id),
              d.version,
              d.id === served?.id ? (
                <Badge key="s" severity="success" small as="span">
                  Servi
                </Badge>
              ) : (
                (DATASET_STATE[d.status] ?? d.status) + (d.error ? ` : ${d.error}` : '')
              ),
              d.counts.articles !== undefined ? frNumber(d.counts.articles) : '—',
              <When key="c" iso={d.createdAt} />,
              <When key="a" iso={d.activatedAt} />,
            ])}
          />
        )}
      </section>
    </>
  );
}
