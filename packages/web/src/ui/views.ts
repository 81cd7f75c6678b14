import type { ComponentType } from 'react';
import type { ViewRef } from '@eig/platform/web';

/** A view component bound to its ref: the props the loader returns are the props the component takes. */
export type BoundView = readonly [key: string, component: ComponentType<never>];

export function bindView<P>(ref: ViewRef<P>, component: ComponentType<P>): BoundView {
  return [ref.key, component as ComponentType<never>];
}

/** What a service's `src/web/index.tsx` exports for the server renderer. */
export interface ServiceViews {
  views: BoundView[];
}
