/** The running training's progress (stage, epochs), refreshed every few seconds. An island. */
import { useEffect, useState } from 'react';
import { ProgressBar } from '@eig/web/ui';

const POLL_MS = 3000;

interface Training {
  modelId: number;
  state: string;
  done: number;
  total: number;
  message: string;
}

export function TrainingProgress({ training: initial }: { training: Training }) {
  const [t, setT] = useState<Training | null>(initial);
  useEffect(() => {
    if (!t) return;
    const timer = setTimeout(async () => {
      try {
        const r = await fetch('/api/iaflash/model', { credentials: 'same-origin', headers: { accept: 'application/json' } });
        if (r.ok) setT(((await r.json()) as { training: Training | null }).training);
        else setT((x) => (x ? { ...x } : x));
      } catch {
        setT((x) => (x ? { ...x } : x));
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [t]);
  if (!t)
    return (
      <p role="status">
        Entraînement terminé.{' '}
        <a className="fr-link" href="/iaflash/modele">
          Afficher les mesures du nouveau modèle
        </a>
      </p>
    );
  return (
    <ProgressBar
      progress={{ done: t.done, total: Math.max(1, t.total), message: t.message }}
      label={`Entraînement du modèle no ${t.modelId}`}
    />
  );
}
