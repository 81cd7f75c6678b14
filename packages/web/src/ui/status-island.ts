import { island } from './island.tsx';
import { ServiceStatusAlert } from './status.tsx';

/** The readiness alert as an island (registered under this key in the web's own islands). */
export const SERVICE_STATUS_ISLAND = 'web.service-status';
export const ServiceStatusIsland = island(SERVICE_STATUS_ISLAND, ServiceStatusAlert);
