// The platform's public API. Subpaths: '@eig/platform/web' (page contract, browser-safe),
// '@eig/platform/search' (text search library), '@eig/platform/testing' (test databases).
export { loadConfig, ConfigError, repoRoot, type Config } from './config.ts';
export { createLogger, logSerializers, type Logger, type LoggerOptions } from './log.ts';
export { openDb, openPglite, openPostgres, migrate, DatabaseLockedError } from './db/index.ts';
export type { Db, Migration, QueryResult, Queryable } from './db/types.ts';
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
  type JobContext,
  type JobHandler,
  type JobProgress,
  type JobQueue,
  type JobState,
  type JobStatus,
} from './jobs/queue.ts';
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
