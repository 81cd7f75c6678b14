/**
 * The built front end: the SSR renderer (a Vite bundle, because react-dsfr imports CSS and uses
 * extension-less ESM imports that Node cannot load), and the client assets to link from each page.
 * Loaded once, lazily, so that API-only tests need no build.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PageInfo } from '../ui/page-context.ts';
import type { ShellData } from '../shell/shell-data.ts';

export interface RenderInput {
  view: string;
  props: unknown;
  shell: ShellData;
  page: PageInfo;
}

export interface Renderer {
  render(input: RenderInput): string;
  hasView(key: string): boolean;
}

/** Written by scripts/build.mjs: what each page links. */
export interface WebManifest {
  /** The DSFR stylesheet subset and the suite's own stylesheet. */
  styles: string[];
  /** The DSFR's own script (header menu, modals...), on every page. */
  dsfrScript: string;
  /** The island loader; only on pages that have an island. */
  islandScript: string;
  /** Chunks to preload on a page with islands (React). */
  islandPreloads: string[];
  fonts: string[];
  /** URL prefix of the DSFR package's files (fonts, icons), versioned. */
  dsfrPrefix: string;
  dsfrVersion: string;
}

export interface Bundle {
  renderer: Renderer;
  manifest: WebManifest;
  clientDir: string;
}

const here = dirname(fileURLToPath(import.meta.url));
/** packages/web/build, from src/host or dist/host alike. */
export const DEFAULT_BUILD_DIR = join(here, '..', '..', 'build');

export class WebBuildMissingError extends Error {}

export function bundleLoader(buildDir = DEFAULT_BUILD_DIR) {
  let loaded: Promise<Bundle> | null = null;
  return () => {
    loaded ??= (async () => {
      const serverEntry = join(buildDir, 'ssr', 'entry-server.js');
      const manifestFile = join(buildDir, 'client', 'web-manifest.json');
      if (!existsSync(serverEntry) || !existsSync(manifestFile)) {
        throw new WebBuildMissingError(`The web front end is not built (${buildDir}): run \`npm run build\`.`);
      }
      const renderer = (await import(pathToFileURL(serverEntry).href)) as Renderer;
      const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as WebManifest;
      return { renderer, manifest, clientDir: join(buildDir, 'client') };
    })();
    loaded.catch(() => (loaded = null));
    return loaded;
  };
}
