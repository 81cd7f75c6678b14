/**
 * SSR entry, built by Vite into build/ssr/entry-server.js and called by the host (host/bundle.ts):
 * renders a view (the suite's own, or a service's) inside the shell.
 */
import { renderToString } from 'react-dom/server';
import { StrictMode, type ComponentType } from 'react';
import serviceViews from 'virtual:eig-service-views';
import { Layout } from './shell/Layout.tsx';
import { shellBoundViews } from './shell/index.tsx';
import { IslandCounterContext } from './ui/island.tsx';
import { PageInfoContext } from './ui/page-context.ts';
import type { RenderInput } from './host/bundle.ts';

const registry = new Map<string, ComponentType<Record<string, unknown>>>();
for (const [key, component] of [...shellBoundViews, ...serviceViews.flatMap((m) => m.views)]) {
  if (registry.has(key)) throw new Error(`View "${key}" is registered twice`);
  registry.set(key, component as ComponentType<Record<string, unknown>>);
}

export function hasView(key: string): boolean {
  return registry.has(key);
}

export function render({ view, props, shell, page }: RenderInput): string {
  const View = registry.get(view);
  if (!View) throw new Error(`Unknown view "${view}"`);
  return renderToString(
    <StrictMode>
      <PageInfoContext.Provider value={page}>
        <IslandCounterContext.Provider value={{ next: 0 }}>
          <Layout shell={shell}>
            <View {...(props as Record<string, unknown>)} />
          </Layout>
        </IslandCounterContext.Provider>
      </PageInfoContext.Provider>
    </StrictMode>,
  );
}
