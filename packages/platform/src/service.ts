import type { FastifyInstance } from 'fastify';
import type { Command } from 'commander';
import type { Db, Migration } from './db/types.ts';
import type { Logger } from './log.ts';
import type { Config } from './config.ts';
import type { JobQueue } from './jobs/queue.ts';

/** What the platform hands to every service. */
export interface ServiceContext {
  config: Config;
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
 * The one small interface through which a service plugs into the suite. A service depends on the
 * platform, never on another service.
 */
export interface ServiceModule {
  id: string;
  /** Applied in order, once, inside a transaction each; ids are namespaced by service id. */
  migrations: Migration[];
  /** Registered under `/api/<id>`, with the zod type provider already set. */
  routes(app: FastifyInstance, ctx: ServiceContext): Promise<void>;
  /** Adds `eig <id> ...` subcommands. `getContext` opens the database lazily. */
  cli?(program: Command, getContext: () => Promise<ServiceContext>): void;
  /** Called once the server listens: background warm-up such as a first ingest or an index build. */
  start?(ctx: ServiceContext): Promise<void>;
  stop?(): Promise<void>;
  stand(ctx: ServiceContext): Promise<Stand>;
}
