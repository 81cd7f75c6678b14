// The web host: what the composition root mounts on its Fastify app (Node side).
export { registerWeb, DSFR_PREFIX, type WebOptions } from './register.ts';
export { safeReturnPath } from './safe-path.ts';
export { WebBuildMissingError } from './bundle.ts';
