import type { ServiceModule } from '@eig/platform/service.ts';
import { createExplocode } from '@eig/explocode';

/**
 * The services of the suite, in home-page order. Only working services are listed: a later
 * service plugs in by adding its module here.
 */
export function createServices(): ServiceModule[] {
  return [createExplocode()];
}
