import type { ServiceModule } from '@eig/platform';
import explocode from '@eig/explocode';
import karfur from '@eig/karfur';
import openjustice from '@eig/openjustice';
import iaflash from '@eig/iaflash';

/**
 * The services of the suite, in home-page order: adding a service is one line here (and its
 * package). Only working services are listed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const SERVICES: ServiceModule<any>[] = [explocode, karfur, openjustice, iaflash];
