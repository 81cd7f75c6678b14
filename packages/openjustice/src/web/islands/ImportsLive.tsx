/** The recent imports with their annotation progress, refreshed while the engine works. An island. */
import { useEffect, useState } from 'react';
import { ProgressBar, frNumber } from '@eig/web/ui';
import type { ImportProgress } from '../../http/schemas.ts';

const POLL_MS = 2000;
const running = (list: ImportProgress[]) => list.some((i) => i.annotated < i.decisions);

export function ImportsLive({ imports: initial }: { imports: ImportProgress[] }) {
  const [imports, setImports] = useState(initial);
  useEffect(() => {
    if (!running(imports)) return;
    const t = setTimeout(async () => {
      try {
        const r = await fetch('/api/openjustice/imports', { credentials: 'same-origin', headers: { accept: 'application/json' } });
        if (r.ok) setImports(((await r.json()) as { imports: ImportProgress[] }).imports);
        else setImports((x) => [...x]);
      } catch {
        setImports((x) => [...x]);
      }
    }, POLL_MS);
    return () => clearTimeout(t);
  }, [imports]);

  if (!imports.length) return <p>Aucun import pour le moment.</p>;
  return (
    <>
      <p className="fr-sr-only" role="status">
        {running(imports) ? 'Annotation en cours.' : 'Toutes les décisions importées sont annotées.'}
      </p>
      <ul className="fr-raw-list">
        {imports.map((i) => (
          <li key={i.importId} className="fr-mb-2w">
            <p className="fr-mb-1v">
              <strong>Import no {i.importId}</strong> — {frNumber(i.decisions)} décision(s)
              {i.duplicates ? `, ${frNumber(i.duplicates)} déjà présente(s)` : ''}
              {i.problems.length ? `, ${frNumber(i.problems.length)} problème(s)` : ''} —{' '}
              <a href={`/openjustice/decisions?import=${i.importId}`}>voir les décisions</a>
            </p>
            <ProgressBar
              progress={{
                done: i.annotated,
                total: Math.max(1, i.decisions),
                message: `${frNumber(i.annotated)} sur ${frNumber(i.decisions)} annotée(s)`,
              }}
              label={`Annotation de l’import no ${i.importId}`}
            />
            {i.problems.length > 0 && (
              <details className="fr-mt-1w">
                <summary>Problèmes de l’import no {i.importId}</summary>
                <ul>
                  {i.problems.slice(0, 50).map((p, k) => (
                    <li key={k}>
                      {p.origin} : {p.message}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
