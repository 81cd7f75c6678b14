/**
 * Interface strings of the pages, from content/i18n/<lang>.json (i18next's JSON v4 format: nested
 * keys, `{{var}}` interpolation, plural suffixes by CLDR category). The lookup is written here rather
 * than with i18next itself because the same few lines run in the browser's enhancement script, where
 * i18next would add more than the whole script weighs; the files stay valid i18next resources.
 * Browser-safe: no Node imports.
 */
import type { I18nResource } from './schemas.ts';

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

function lookup(res: I18nResource | undefined, key: string): string | undefined {
  let node: string | I18nResource | undefined = res;
  for (const part of key.split('.')) {
    if (!node || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** `t('search.results', { count: 3 })` picks `results_few`/`results_other`... by the language's plural rules. */
export function translator(resource: I18nResource, lang: string, fallback?: I18nResource): Translate {
  const plural = new Intl.PluralRules(lang);
  return (key, vars) => {
    let s: string | undefined;
    if (vars && typeof vars.count === 'number') {
      const cat = vars.count === 0 ? 'zero' : plural.select(vars.count);
      s = lookup(resource, `${key}_${cat}`) ?? lookup(resource, `${key}_${plural.select(vars.count)}`) ?? lookup(resource, `${key}_other`);
      s ??= fallback && (lookup(fallback, `${key}_${new Intl.PluralRules('fr').select(vars.count)}`) ?? lookup(fallback, `${key}_other`));
    }
    s ??= lookup(resource, key) ?? (fallback ? lookup(fallback, key) : undefined) ?? key;
    if (!vars) return s;
    return s.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) =>
      name in vars ? String(typeof vars[name] === 'number' ? (vars[name] as number).toLocaleString(lang) : vars[name]) : m,
    );
  };
}
