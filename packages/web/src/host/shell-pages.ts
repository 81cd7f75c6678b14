/** The suite's own pages: home (the stands), login, administration, accessibility and legal statements. */
import type { FastifyRequest } from 'fastify';
import { HttpError, type MountedService, type Stand, type JobQueue } from '@eig/platform';
import { listJobViews } from '@eig/platform';
import { view, type PageOutcome } from '@eig/platform/web';
import { shellViews } from '../shell/views.ts';
import type { ServiceStatusView } from '../ui/status-types.ts';
import { safeReturnPath } from './safe-path.ts';

export interface ShellPageDeps {
  services: MountedService[];
  stands(): Promise<Stand[]>;
  statuses(): Promise<Record<string, ServiceStatusView | null>>;
  jobs: JobQueue;
}

export interface ShellPage {
  path: string;
  load(req: FastifyRequest): Promise<PageOutcome>;
}

/** The login page; `error` set after a failed attempt (the title then starts with "Erreur", RGAA). */
export function loginOutcome(returnTo: string, opts: { email?: string; error?: string | null; status?: number } = {}): PageOutcome {
  const error = opts.error ?? null;
  return view(shellViews.login, { returnTo, email: opts.email ?? '', error }, { title: error ? 'Erreur : Connexion' : 'Connexion', status: opts.status ?? 200 });
}

/** Administration links of every service that the user's roles open. */
export function adminLinksFor(services: MountedService[], roles: string[]): { text: string; href: string }[] {
  return services.flatMap(({ module }) =>
    (module.web?.adminLinks ?? []).filter((l) => roles.includes('admin') || l.roles.some((r) => roles.includes(r))).map(({ text, href }) => ({ text, href })),
  );
}

const RETRY_NOTICES: Record<string, string> = {
  relancee: 'La tâche est relancée : son avancement s’affiche ci-dessous.',
  impossible: 'Cette tâche ne peut pas être relancée.',
};

export function shellPages(deps: ShellPageDeps): ShellPage[] {
  return [
    {
      path: '/',
      async load() {
        const [stands, statuses] = await Promise.all([deps.stands(), deps.statuses()]);
        return view(shellViews.home, { stands, statuses }, { title: 'Accueil' });
      },
    },
    { path: '/accessibilite', load: async () => view(shellViews.accessibility, {}, { title: 'Déclaration d’accessibilité' }) },
    { path: '/mentions-legales', load: async () => view(shellViews.legal, { page: 'mentions' }, { title: 'Mentions légales' }) },
    { path: '/donnees-personnelles', load: async () => view(shellViews.legal, { page: 'donnees' }, { title: 'Données personnelles' }) },
    { path: '/gestion-des-cookies', load: async () => view(shellViews.legal, { page: 'cookies' }, { title: 'Gestion des cookies' }) },
    {
      path: '/connexion',
      async load(req) {
        const retour = (req.query as Record<string, string | undefined>).retour;
        return loginOutcome(retour ? safeReturnPath(retour) : '/');
      },
    },
    {
      path: '/admin',
      async load(req) {
        const user = req.user;
        if (!user) throw new HttpError(401, 'Connectez-vous pour accéder à l’administration.');
        const links = adminLinksFor(deps.services, user.roles);
        if (!user.roles.includes('admin') && links.length === 0) {
          throw new HttpError(403, 'Cette page est réservée aux administrateurs de la suite.');
        }
        const jobs = user.roles.includes('admin') ? await listJobViews(deps.jobs) : [];
        const notice = RETRY_NOTICES[(req.query as Record<string, string | undefined>).tache ?? ''] ?? null;
        return view(shellViews.admin, { links, jobs, notice }, { title: 'Administration' });
      },
    },
  ];
}
