import type { ComponentType } from 'react';

/** Attributes that carry an island through the HTML (shared by the server wrapper and the client entry). */
export const ISLAND_ATTR = 'data-eig-island';
export const ISLAND_PROPS_ATTR = 'data-eig-props';
export const ISLAND_ID_ATTR = 'data-eig-id';

/** A client-side island registry: key → loader of the component (code-split per island). */
export type IslandLoaders = Record<string, () => Promise<ComponentType<never>>>;
