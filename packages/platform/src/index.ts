// Type augmentations of Fastify that services rely on (cookies on request and reply, OpenAPI fields
// in route schemas): kept in the declaration output so that every package compiling against it sees them.
/// <reference types="@fastify/cookie" preserve="true" />
/// <reference types="@fastify/swagger" preserve="true" />
// The platform's public API. Subpaths: '@eig/platform/web' (page contract, browser-safe),
// '@eig/platform/search' (text search library), '@eig/platform/testing' (test databases).
export { loadConfig, ConfigError, repoRoot, parseTrustProxy, type Config, type TrustProxy } from './config.ts';
export { createLogger, logSerializers, type Logger, type LoggerOptions } from './log.ts';
export {
  openDb,
  openPglite,
  openPgliteWorker,
  openPostgres,
  migrate,
  DatabaseLockedError,
  DatabaseConnectError,
  DatabaseOpenError,
  DatabaseStartupError,
  DatabaseTimeoutError,
  DatabaseUnavailableError,
  DataDirError,
  type DbConfig,
} from './db/index.ts';
export type { Db, DbHealth, Migration, NotificationListener, QueryResult, Queryable } from './db/types.ts';
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
export { openSuite, loadSettings, rolesOf, type MountedService, type OpenSuiteOptions, type Suite } from './suite.ts';
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
  LOGIN_CHALLENGE_COOKIE,
  createRoleRegistry,
  suiteAdminRole,
  SUITE_ADMIN_ROLE_ID,
  TotpStore,
  LoginThrottle,
  DEFAULT_LOCKOUT,
  authErrorSchema,
  userSchema,
  loginBodySchema,
  loginResponseSchema,
  secondFactorBodySchema,
  loginTotpResponseSchema,
  totpStatusSchema,
  meResponseSchema,
  enrolmentResponseSchema,
  codeBodySchema,
  recoveryCodesResponseSchema,
  enrolmentConfirmResponseSchema,
  rolesResponseSchema,
  type AuthOptions,
  type AuthState,
  type AuthUser,
  type UserInfo,
  type UsersCliOptions,
  type RoleRegistry,
  type RoleRegistryOptions,
  type LockoutPolicy,
  type LoginResponse,
  type LoginTotpResponse,
  type MeResponse,
  type EnrolmentResponse,
  type AuthErrorBody,
} from './auth/index.ts';
export {
  registerUploads,
  receiveUpload,
  defineUpload,
  keepUpload,
  cleanFilename,
  KiB,
  MiB,
  type Upload,
  type UploadSpec,
  type UploadFileRule,
  type UploadedFile,
  type UploadsOptions,
} from './http/uploads.ts';
export { BINARY_UPLOAD_TYPES, TEXT_UPLOAD_TYPES, type UploadType } from './http/upload-types.ts';
export { fastifyTrustProxy } from './http/trust-proxy.ts';
export { sanitizeHtml, allowedTags, type HtmlPolicy } from './html/index.ts';
