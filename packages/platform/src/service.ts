/**
 * The one interface through which a service plugs into the suite: everything a service is, from its
 * tables to its home-page stand. A service depends on the platform (and the web UI kit), never on
 * another service; the composition root lists the services, and no shared file names one.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Command } from 'commander';
import type { z } from 'zod';
import type { Db, Migration } from './db/types.ts';
import type { Logger } from './log.ts';
import type { Config } from './config.ts';
import type { JobContext, JobOptions, JobProgress, JobQueue } from './jobs/types.ts';
import type { PageDefinition } from './web/pages.ts';
import type { RoleDefinition } from './auth/roles.ts';

export type { RoleDefinition } from './auth/roles.ts';

/** What the platform hands to every service: shared infrastructure plus the service's own settings. */
export interface ServiceContext<Settings = unknown> {
  config: Config;
  /** The service's own settings, parsed from the environment with its `settings` schema. */
  settings: Settings;
  db: Db;
  log: Logger;
  jobs: JobQueue;
}

/** A headline figure on the service's stand, e.g. { label: "articles du Code du travail", value: "11 545" }. */
export interface StandFigure {
  label: string;
  value: string;
}

/** How a service presents itself on the home page (demo-day stand). French, user-facing. */
export interface Stand {
  id: string;
  title: string;
  tagline: string;
  description: string;
  audience: string;
  href: string;
  figures: StandFigure[];
  /** false while the service cannot answer yet (e.g. first ingest running); the stand says so. */
  ready: boolean;
  status?: string;
}

/**
 * Readiness of a service, served at `GET /api/<id>/status` and summed up by `/readyz`. `details` are
 * service-specific fields, returned beside the common ones.
 */
export interface ServiceStatus {
  ready: boolean;
  /** What the service is doing when not ready, in French ("Import des textes : 42 %"). */
  message?: string | null;
  /** Progress of the warm-up (first ingest, model load), when there is one. */
  progress?: JobProgress | null;
  details?: Record<string, unknown>;
}

/**
 * A background job a service runs in the platform's queue (in-process, or on `eig worker` processes):
 * its policy (concurrency, exclusivity, retries, timeout, schedule) and its handler, which gets the
 * service's context. See packages/platform/docs/jobs.md.
 */
export interface ServiceJob<Settings = unknown> extends JobOptions {
  /** Namespaced by service: `annuaire.import`. */
  name: string;
  handler(payload: unknown, job: JobContext, ctx: ServiceContext<Settings>): Promise<unknown> | unknown;
}

/** A link of the service's header navigation. */
export interface NavLink {
  text: string;
  href: string;
  /** Whether the link is the current section for this path (default: the path starts with href). */
  isActive?(path: string): boolean;
}

/** An item of the header's quick access bar (e.g. a choice the visitor made, such as their collective agreement). */
export interface HeaderItem {
  text: string;
  href: string;
  /** A DSFR icon class, e.g. `fr-icon-team-line`. */
  iconId?: string;
}

/** The service's part of the web front end. Its React views and islands live in its package too. */
export interface ServiceWeb<Settings = unknown> {
  /** Pages, registered as Fastify routes (GET, or POST for forms). */
  pages: PageDefinition<Settings>[];
  /** Header navigation inside the service. */
  nav: NavLink[];
  /** Quick-access items for this visitor (computed per request). */
  headerItems?(req: FastifyRequest, ctx: ServiceContext<Settings>): Promise<HeaderItem[]> | HeaderItem[];
  /** Links added to the footer (e.g. "Comment fonctionne la recherche"). */
  footerLinks?: { text: string; href: string }[];
  /** The service's administration pages, listed on the suite's administration page for these roles. */
  adminLinks?: { text: string; href: string; roles: string[] }[];
}

export interface ServiceModule<Settings = unknown> {
  id: string;
  /** Display name ("Open Justice"). */
  title: string;
  /**
   * The service's own environment variables (zod object), validated at start together with the
   * platform's: a bad value stops the suite with a message naming the variable.
   */
  settings?: z.ZodType<Settings>;
  roles?: RoleDefinition[];
  /** Applied in order, once, inside a transaction each; ids are namespaced by service id. */
  migrations: Migration[];
  jobs?: ServiceJob<Settings>[];
  /** Registered under `/api/<id>`, with the zod type provider set. Every route declares its responses. */
  routes(app: FastifyInstance, ctx: ServiceContext<Settings>): Promise<void>;
  /**
   * Routes at fixed paths outside `/api/<id>`, for an API that existing integrations already call and
   * cannot change (IA Flash answers matchvec's `POST /matchvec/predict`). The paths are global: keep them
   * few; Fastify refuses to start when two services register the same one.
   */
  compatRoutes?(app: FastifyInstance, ctx: ServiceContext<Settings>): Promise<void>;
  web?: ServiceWeb<Settings>;
  /** Adds `eig <id> ...` subcommands. `getContext` opens the database lazily. */
  cli?(program: Command, getContext: () => Promise<ServiceContext<Settings>>): void;
  /** Called once the server listens (web processes only): warm-up such as loading an index. */
  start?(ctx: ServiceContext<Settings>): Promise<void>;
  /** Releases what `start` or the routes set up (timers, workers), before the database closes. */
  stop?(ctx: ServiceContext<Settings>): Promise<void>;
  status(ctx: ServiceContext<Settings>): Promise<ServiceStatus>;
  stand(ctx: ServiceContext<Settings>): Promise<Stand>;
}

/**
 * Identity function that lets TypeScript infer a service's settings type from its schema, so that
 * `ctx.settings` is typed in routes, jobs and pages.
 */
export function defineService<Settings>(module: ServiceModule<Settings>): ServiceModule<Settings> {
  return module;
}

/** The request and reply a page loader receives, with the service's context. */
export type PageHandlerArgs<Settings = unknown> = {
  req: FastifyRequest;
  reply: FastifyReply;
  ctx: ServiceContext<Settings>;
};
