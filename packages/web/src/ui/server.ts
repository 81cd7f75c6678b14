/** The server-only half of the UI kit: islands as the server renders them, and view binding. */
export { island } from './island.tsx';
export { bindView, type BoundView, type ServiceViews } from './views.ts';
export { ServiceStatusIsland, SERVICE_STATUS_ISLAND } from './status-island.ts';
