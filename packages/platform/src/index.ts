// The platform's public API. Test helpers live at '@eig/platform/testing/databases.ts'.
export { loadConfig, ConfigError, repoRoot, type Config } from './config.ts';
export { createLogger, logSerializers, type Logger, type LoggerOptions } from './log.ts';
export { openDb, openPglite, openPostgres, migrate } from './db/index.ts';
export type { Db, Migration, NotificationListener, QueryResult, Queryable } from './db/types.ts';
export { createServer, registerService, type ServerOptions, type ServiceReadiness } from './http/server.ts';
export { installShutdown, type ShutdownOptions } from './http/shutdown.ts';
export { HttpError, apiError, type ApiError } from './http/errors.ts';
export {
  createJobQueue,
  createMemoryJobQueue,
  createPostgresJobQueue,
  JobAbort,
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
export { i18n, t, addResources } from './i18n.ts';
export { createProgress, runCommand, type Progress } from './cli/index.ts';
export type { ServiceContext, ServiceModule, Stand, StandFigure } from './service.ts';
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
