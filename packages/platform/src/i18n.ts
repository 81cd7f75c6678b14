import i18next, { type TOptions } from 'i18next';
import { z } from 'zod';

/** Platform strings. French is what users read; English is the fallback for missing keys. */
const platform = {
  fr: {
    errors: {
      badRequest: 'Requête invalide.',
      validation: 'Paramètre invalide « {{field}} » : {{message}}',
      malformedJson: 'Le corps de la requête n’est pas un JSON valide.',
      badEncoding: 'L’adresse contient des caractères invalides (encodage UTF-8 attendu).',
      tooLarge: 'La requête est trop volumineuse.',
      unsupportedMediaType: 'Type de contenu non pris en charge.',
      notFound: 'Ressource introuvable : {{method}} {{route}}.',
      pageNotFound: 'La page que vous cherchez est introuvable.',
      methodNotAllowed: 'Méthode non autorisée.',
      internal: 'Une erreur interne est survenue. Réessayez plus tard.',
      unavailable: 'Service momentanément indisponible.',
      timeout: 'La requête a pris trop de temps : réessayez.',
      overloaded: 'Le service est très sollicité : réessayez dans un instant.',
      headersTooLarge: 'Les en-têtes de la requête sont trop volumineux (adresse trop longue ?).',
      malformedRequest: 'Requête HTTP mal formée.',
      status: {
        400: 'Requête invalide.',
        401: 'Authentification requise.',
        403: 'Accès refusé.',
        404: 'Ressource introuvable.',
        405: 'Méthode non autorisée.',
        406: 'Format de réponse non disponible.',
        408: 'La requête a pris trop de temps : réessayez.',
        409: 'Conflit avec l’état actuel de la ressource.',
        413: 'La requête est trop volumineuse.',
        414: 'L’adresse est trop longue.',
        415: 'Type de contenu non pris en charge.',
        416: 'Plage demandée non disponible.',
        422: 'Requête impossible à traiter.',
        429: 'Trop de requêtes : réessayez plus tard.',
        431: 'Les en-têtes de la requête sont trop volumineux.',
      },
    },
    rateLimit: {
      exceeded: 'Trop de requêtes. Réessayez dans {{seconds}} s.',
    },
    health: {
      dbDown: 'Base de données injoignable.',
      notReady: 'en préparation',
    },
  },
  en: {
    errors: {
      badRequest: 'Bad request.',
      validation: 'Invalid parameter "{{field}}": {{message}}',
      malformedJson: 'The request body is not valid JSON.',
      badEncoding: 'The URL contains invalid characters (UTF-8 expected).',
      tooLarge: 'Request too large.',
      unsupportedMediaType: 'Unsupported content type.',
      notFound: 'Not found: {{method}} {{route}}.',
      pageNotFound: 'The page you are looking for cannot be found.',
      methodNotAllowed: 'Method not allowed.',
      internal: 'An internal error occurred. Please try again later.',
      unavailable: 'Service temporarily unavailable.',
      timeout: 'The request took too long: try again.',
      overloaded: 'The service is very busy: try again in a moment.',
      headersTooLarge: 'Request headers too large (URL too long?).',
      malformedRequest: 'Malformed HTTP request.',
      status: {
        400: 'Bad request.',
        401: 'Authentication required.',
        403: 'Forbidden.',
        404: 'Not found.',
        405: 'Method not allowed.',
        406: 'Not acceptable.',
        408: 'Request timeout.',
        409: 'Conflict.',
        413: 'Request too large.',
        414: 'URL too long.',
        415: 'Unsupported content type.',
        416: 'Range not satisfiable.',
        422: 'Unprocessable request.',
        429: 'Too many requests.',
        431: 'Request headers too large.',
      },
    },
    rateLimit: {
      exceeded: 'Too many requests. Retry in {{seconds}} s.',
    },
    health: {
      dbDown: 'Database unreachable.',
      notReady: 'preparing',
    },
  },
};

export const i18n = i18next.createInstance();
// Resources are bundled, so initialisation is synchronous and `t` is usable right after import.
void i18n.init({
  lng: 'fr',
  fallbackLng: 'en',
  ns: ['platform'],
  defaultNS: 'platform',
  resources: { fr: { platform: platform.fr }, en: { platform: platform.en } },
  initAsync: false,
  // Messages are JSON data, not HTML: escaping would turn an apostrophe into &#39;.
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

/** Translates `key` (`ns:key` for a service namespace), French by default. */
export function t(key: string, opts?: TOptions): string {
  return (i18n.t as (k: string, o?: TOptions) => string)(key, opts);
}

/** Lets a service ship its own strings: `addResources('annuaire', 'fr', { ... })`, then `t('annuaire:key')`. */
export function addResources(ns: string, lang: 'fr' | 'en' | string, resources: Record<string, unknown>): void {
  i18n.addResourceBundle(lang, ns, resources, true, true);
}

// Zod messages reach API users inside validation errors: have them in French too.
z.config(z.locales.fr());
