export { registerWeb, type WebOptions } from './server/register.ts';
