// Type augmentations of Fastify that services rely on (cookies on request and reply, OpenAPI fields
// in route schemas): kept in the declaration output so that every package compiling against it sees them.
/// <reference types="@fastify/cookie" preserve="true" />
/// <reference types="@fastify/swagger" preserve="true" />
// The platform's public API. Subpaths: '@eig/platform/web' (page contract, browser-safe),
// '@eig/platform/search' (text search library), '@eig/platform/testing' (test databases).
export { loadConfig, ConfigError, repoRoot, type Config } from './config.ts';
export { createLogger, logSerializers, type Logger, type LoggerOptions } from './log.ts';
export { openDb, openPglite, openPostgres, migrate, DatabaseLockedError } from './db/index.ts';
export type { Db, Migration, NotificationListener, QueryResult, Queryable } from './db/types.ts';
export {
  createServer,
  registerService,
  isRateLimited,
  serviceStatusSchema,
  statusBody,
  type ServerOptions,
  type ServiceReadiness,
  type ServiceStatusBody,
} from './http/server.ts';
export { installShutdown, type ShutdownOptions } from './http/shutdown.ts';
export { HttpError, apiError, errorBodySchema, defaultErrorCode, type ApiError } from './http/errors.ts';
export {
  createJobQueue,
  createMemoryJobQueue,
  createPostgresJobQueue,
  JobAbort,
  JobNotRetryableError,
  type CreateJobQueueOptions,
  type EnqueueOptions,
  type JobAbortReason,
  type JobContext,
  type JobDefinition,
  type JobFilter,
  type JobHandler,
  type JobOptions,
  type JobProgress,
  type JobQueue,
  type JobState,
  type JobStatus,
  type RetryPolicy,
} from './jobs/queue.ts';
export { runWorker, type RunWorkerOptions, type Worker } from './jobs/worker.ts';
export { loadJobSettings, jobSettingsSchema, type JobSettings } from './jobs/settings.ts';
export { jobAdminRoutes, listJobViews, retryJob, toJobView, jobViewSchema, type JobView } from './jobs/admin-routes.ts';
export { i18n, t, addResources } from './i18n.ts';
export { createProgress, runCommand, type Progress } from './cli/index.ts';
export {
  defineService,
  type HeaderItem,
  type NavLink,
  type PageHandlerArgs,
  type RoleDefinition,
  type ServiceContext,
  type ServiceJob,
  type ServiceModule,
  type ServiceStatus,
  type ServiceWeb,
  type Stand,
  type StandFigure,
} from './service.ts';
export {
  createWorkerPool,
  runInWorkerThread,
  overloadedHttpError,
  serveDb,
  dbOverPort,
  WorkerPoolOverloadedError,
  WorkerThreadError,
  type PortDb,
  type ServedDb,
  type WorkerPool,
  type WorkerPoolOptions,
} from './workers/index.ts';
export { openSuite, loadSettings, SUITE_ADMIN_ROLE, type MountedService, type OpenSuiteOptions, type Suite } from './suite.ts';
export {
  authMigrations,
  AuthError,
  UserStore,
  registerAuth,
  requireRole,
  requireSameOrigin,
  sameOriginOk,
  usersCli,
  SESSION_COOKIE,
  type AuthOptions,
  type AuthUser,
  type UserInfo,
} from './auth/index.ts';
