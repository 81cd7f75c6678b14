/**
 * Islands: the only parts of a page that run in the browser. A page is rendered on the server and
 * read without JavaScript; an interactive component (a combobox, a live progress bar) is wrapped as
 * an island, server-rendered as its own React root, and hydrated alone in the browser with the props
 * serialised beside it. A page with no island ships no React at all.
 *
 * Each island is rendered with its own `identifierPrefix`, so that `useId` gives the same ids on the
 * server and in the browser (where the island is a root, not a subtree of the page).
 */
import { createContext, useContext, type ComponentType } from 'react';
import { renderToString } from 'react-dom/server';

/** Counts islands within one page render, for unique id prefixes. */
export const IslandCounterContext = createContext<{ next: number }>({ next: 0 });

import { ISLAND_ATTR, ISLAND_ID_ATTR, ISLAND_PROPS_ATTR } from './island-attrs.ts';
export type { IslandLoaders } from './island-attrs.ts';

/**
 * Wraps a component as an island named `key` (`<service>.<name>`). The service's `islands.ts` must
 * map the same key to a loader of the same component (checked by a test).
 */
export function island<P extends object>(key: string, Component: ComponentType<P>): ComponentType<P> {
  function Island(props: P) {
    const counter = useContext(IslandCounterContext);
    const id = `i${counter.next++}-`;
    const html = renderToString(<Component {...props} />, { identifierPrefix: id });
    return (
      <div
        {...{ [ISLAND_ATTR]: key, [ISLAND_PROPS_ATTR]: JSON.stringify(props), [ISLAND_ID_ATTR]: id }}
        className="eig-island"
        dangerouslySetInnerHTML={{ __html: html }}
      />
    );
  }
  Island.displayName = `Island(${key})`;
  return Island;
}
