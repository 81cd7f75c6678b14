import type { DocType } from '../http/schemas.ts';
import { explocodePaths } from './paths.ts';

/** Front-end URL of a document referenced by type and id (e.g. in a result's explanation). */
export function docUrl(type: DocType, id: string): string {
  switch (type) {
    case 'article':
      return explocodePaths.article(id);
    case 'fiche':
      return explocodePaths.fiche(id);
    case 'contribution':
      return explocodePaths.contribution(id);
    case 'convention':
      return explocodePaths.convention(id);
    case 'theme':
      return explocodePaths.theme(id);
  }
}
