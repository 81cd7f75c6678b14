/**
 * Karfu'R's roles. Ids follow the platform's convention (namespaced by service; the suite's own
 * administrator role is `admin`). Admins, expert translators and structure managers must use TOTP.
 */
import type { LanguageCode } from './languages.ts';

export const ROLE_IDS = {
  /** The suite's administrator: a Karfu'R admin only with a second factor (checked by the HTTP layer). */
  admin: 'admin',
  karfurAdmin: 'karfur.admin',
  expert: 'karfur.expert',
  translator: 'karfur.translator',
  contributor: 'karfur.contributor',
  structureManager: 'karfur.structure-manager',
  caregiver: 'karfur.caregiver',
} as const;
export type Role = (typeof ROLE_IDS)[keyof typeof ROLE_IDS];

/** Same shape as the platform's RoleDefinition (kept structural so that core stays free of the platform). */
export const KARFUR_ROLES: { id: Role; label: string; description: string; requireTotp: boolean }[] = [
  {
    id: 'karfur.admin',
    label: 'Administrateur Karfu’R',
    description: 'Publie les fiches après modération, gère les structures, les membres et les imports.',
    requireTotp: true,
  },
  { id: 'karfur.expert', label: 'Traducteur expert', description: 'Valide les traductions dans ses langues.', requireTotp: true },
  {
    id: 'karfur.translator',
    label: 'Traducteur',
    description: 'Traduit les fiches, section par section, dans ses langues.',
    requireTotp: false,
  },
  { id: 'karfur.contributor', label: 'Contributeur', description: "Rédige et modifie les fiches d'une structure.", requireTotp: false },
  {
    id: 'karfur.structure-manager',
    label: 'Responsable de structure',
    description: 'Valide les fiches de sa structure avant leur envoi aux administrateurs.',
    requireTotp: true,
  },
  { id: 'karfur.caregiver', label: 'Aidant', description: 'Accompagne des personnes et peut proposer des fiches.', requireTotp: false },
];

/** Who acts: the roles come from the platform's account; languages and structures from Karfu'R's tables. */
export interface Actor {
  id: string;
  roles: readonly string[];
  /** Languages a translator or expert works in. */
  languages?: readonly LanguageCode[];
  /** Structures the user belongs to (contributor or manager). */
  structures?: readonly string[];
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}

export function isAdmin(actor: Actor): boolean {
  return hasRole(actor, ROLE_IDS.admin) || hasRole(actor, ROLE_IDS.karfurAdmin);
}

export function requiresTotp(roles: readonly string[]): boolean {
  return roles.includes(ROLE_IDS.admin) || KARFUR_ROLES.some((r) => r.requireTotp && roles.includes(r.id));
}
