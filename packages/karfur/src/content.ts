/**
 * Adapter: reads the bundled starter content (packages/karfur/content) and validates it with the core
 * schemas. Any invalid file fails loudly with its path, so broken content never reaches users.
 */
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { z } from 'zod';
import { LANGUAGE_CODES, type LanguageCode } from './core/languages.ts';
import {
  ficheSchema,
  ficheTranslationSchema,
  i18nResourceSchema,
  structureSchema,
  taxonomySchema,
  type Fiche,
  type FicheTranslation,
  type I18nResource,
  type Structure,
  type Taxonomy,
} from './core/schemas.ts';

export const CONTENT_DIR = fileURLToPath(new URL('../content/', import.meta.url));

export class ContentError extends Error {
  constructor(file: string, detail: string) {
    super(`Contenu invalide (${file}) : ${detail}`);
    this.name = 'ContentError';
  }
}

async function readJson<T>(file: string, schema: z.ZodType<T>, dir: string): Promise<T> {
  const full = path.join(dir, file);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(full, 'utf8'));
  } catch (e) {
    throw new ContentError(file, (e as Error).message);
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new ContentError(file, r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' ; '));
  return r.data;
}

async function jsonFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
}

export interface StarterContent {
  taxonomy: Taxonomy;
  fiches: Fiche[];
  structures: Structure[];
  translations: FicheTranslation[];
  i18n: Record<LanguageCode, I18nResource>;
}

export async function loadStarterContent(dir = CONTENT_DIR): Promise<StarterContent> {
  const taxonomy = await readJson('taxonomy.json', taxonomySchema, dir);
  const structures = await readJson('structures.json', z.array(structureSchema), dir);
  const fiches: Fiche[] = [];
  for (const f of await jsonFiles(path.join(dir, 'fiches'))) {
    const fiche = await readJson(path.join('fiches', f), ficheSchema, dir);
    if (`${fiche.id}.json` !== f)
      throw new ContentError(`fiches/${f}`, `l'identifiant « ${fiche.id} » ne correspond pas au nom du fichier`);
    fiches.push(fiche);
  }
  const translations: FicheTranslation[] = [];
  for (const lang of LANGUAGE_CODES) {
    if (lang === 'fr') continue;
    for (const f of await jsonFiles(path.join(dir, 'translations', lang))) {
      const t: FicheTranslation = await readJson(path.join('translations', lang, f), ficheTranslationSchema, dir);
      if (t.lang !== lang || `${t.fiche}.json` !== f)
        throw new ContentError(`translations/${lang}/${f}`, 'langue ou fiche incohérente avec le chemin');
      translations.push(t);
    }
  }
  const i18n = {} as Record<LanguageCode, I18nResource>;
  for (const lang of LANGUAGE_CODES) i18n[lang] = await readJson(path.join('i18n', `${lang}.json`), i18nResourceSchema, dir);
  return { taxonomy, fiches, structures, translations, i18n };
}
