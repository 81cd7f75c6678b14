/**
 * Browser entry, loaded only on pages that have islands: hydrates each island alone, with the props
 * the server serialised beside it. React and each island's code load on demand, in parallel.
 */
import serviceIslands from 'virtual:eig-service-islands';
import { webIslands } from './shell/islands.ts';
import { ISLAND_ATTR, ISLAND_ID_ATTR, ISLAND_PROPS_ATTR, type IslandLoaders } from './ui/island-attrs.ts';

const loaders: IslandLoaders = { ...webIslands, ...serviceIslands };

async function hydrateIslands() {
  const elements = [...document.querySelectorAll<HTMLElement>(`[${ISLAND_ATTR}]`)];
  if (elements.length === 0) return;
  const [{ createElement }, { hydrateRoot }] = await Promise.all([import('react'), import('react-dom/client')]);
  await Promise.all(
    elements.map(async (el) => {
      const key = el.getAttribute(ISLAND_ATTR)!;
      const load = loaders[key];
      if (!load) {
        console.error(`[eig] unknown island "${key}"`);
        return;
      }
      const Component = await load();
      const props = JSON.parse(el.getAttribute(ISLAND_PROPS_ATTR) || '{}') as Record<string, unknown>;
      hydrateRoot(el, createElement(Component as never, props), {
        identifierPrefix: el.getAttribute(ISLAND_ID_ATTR) ?? undefined,
        onRecoverableError(error) {
          console.error(`[eig] hydration of ${key}`, error);
        },
      });
    }),
  );
  // Marks the page as interactive (browser tests wait for it before typing).
  document.documentElement.dataset.eigHydrated = 'true';
}

void hydrateIslands();
