/** A batch's analysis progress, refreshed while its jobs run; offers to reload the results when done. An island. */
import { useEffect, useState } from 'react';
import { ProgressBar, frNumber } from '@eig/web/ui';

const POLL_MS = 2000;

interface Counts {
  id: number;
  total: number;
  done: number;
  failed: number;
  pending: number;
}

export function BatchProgress({ batch: initial }: { batch: Counts }) {
  const [b, setB] = useState(initial);
  const [finished, setFinished] = useState(false);
  useEffect(() => {
    if (b.pending === 0) return;
    const t = setTimeout(async () => {
      try {
        const r = await fetch(`/api/iaflash/batches/${b.id}?page_size=1`, {
          credentials: 'same-origin',
          headers: { accept: 'application/json' },
        });
        if (r.ok) {
          const next = ((await r.json()) as { batch: Counts }).batch;
          if (next.pending === 0) setFinished(true);
          setB(next);
        } else setB((x) => ({ ...x }));
      } catch {
        setB((x) => ({ ...x }));
      }
    }, POLL_MS);
    return () => clearTimeout(t);
  }, [b]);
  const analysed = b.done + b.failed;
  return (
    <div>
      <ProgressBar
        progress={{
          done: analysed,
          total: Math.max(1, b.total),
          message: `${frNumber(analysed)} sur ${frNumber(b.total)} photo(s) analysée(s)`,
        }}
        label={`Analyse du lot no ${b.id}`}
      />
      <p className="fr-sr-only" role="status">
        {b.pending === 0 ? 'Analyse du lot terminée.' : 'Analyse en cours.'}
      </p>
      {finished && (
        <p>
          <a className="fr-link" href={`/iaflash/lots/${b.id}`}>
            Analyse terminée : afficher les résultats à jour
          </a>
        </p>
      )}
    </div>
  );
}
