import { AuthError } from './errors.ts';

/**
 * Staff roles. The suite has one role of its own, `admin`; every service declares the roles it needs
 * (court agent, translator, expert, moderator...) in its ServiceModule, and the composition root
 * registers them all here. Accounts can only be given registered roles, and a role can require a
 * second factor (TOTP) from everyone who holds it.
 */
export interface RoleDefinition {
  /** `admin`, or namespaced by service: `someservice.agent`. */
  id: string;
  /** French label shown to administrators ("Agent de juridiction"). */
  label: string;
  description?: string;
  /** Everyone holding this role must log in with a second factor (TOTP). */
  requireTotp?: boolean;
}

export const SUITE_ADMIN_ROLE_ID = 'admin';

const SEGMENT = '[a-z][a-z0-9_-]{0,31}';
/** `admin`, `agent` (legacy, unnamespaced), `someservice.agent`. */
export const ROLE_ID = new RegExp(`^${SEGMENT}(\\.${SEGMENT})?$`);

export interface RoleRegistry {
  /** Adds roles (a service's `roles`); throws on a malformed id, a missing label or an id registered twice. */
  registerRoles(defs: readonly RoleDefinition[]): RoleRegistry;
  get(id: string): RoleDefinition | undefined;
  has(id: string): boolean;
  /** Every role, the suite's `admin` first, then in registration order. */
  list(): RoleDefinition[];
  /** True when any of `roles` requires a second factor. Unknown roles require nothing. */
  requiresTotp(roles: readonly string[]): boolean;
  /**
   * Trims, deduplicates and sorts `roles`; throws an AuthError (French) naming the unknown ones and
   * listing the known ones. Used by `eig users add --role` and UserStore.
   */
  validate(roles: readonly string[]): string[];
}

export interface RoleRegistryOptions {
  /** Whether the suite's `admin` role requires TOTP (config ADMIN_REQUIRE_TOTP). */
  adminRequiresTotp?: boolean;
}

export function suiteAdminRole(requireTotp = false): RoleDefinition {
  return {
    id: SUITE_ADMIN_ROLE_ID,
    label: 'Administrateur de la suite',
    description: 'Administre les comptes, les tâches de fond et les données de tous les services.',
    requireTotp,
  };
}

/** A registry holding the suite's `admin` role; add each service's roles with `registerRoles`. */
export function createRoleRegistry(opts: RoleRegistryOptions = {}): RoleRegistry {
  const roles = new Map<string, RoleDefinition>();

  const registry: RoleRegistry = {
    registerRoles(defs) {
      for (const def of defs) {
        if (!ROLE_ID.test(def.id)) {
          throw new Error(`Invalid role id "${def.id}": lowercase "service.role" (letters, digits, - and _)`);
        }
        if (!def.label?.trim()) throw new Error(`Role "${def.id}" needs a label`);
        if (roles.has(def.id)) throw new Error(`Role "${def.id}" is registered twice`);
        roles.set(def.id, Object.freeze({ ...def, requireTotp: def.requireTotp ?? false }));
      }
      return registry;
    },
    get: (id) => roles.get(id),
    has: (id) => roles.has(id),
    list: () => [...roles.values()],
    requiresTotp: (ids) => ids.some((id) => roles.get(id)?.requireTotp === true),
    validate(input) {
      const out = [...new Set(input.map((r) => r.trim()).filter(Boolean))].sort();
      const unknown = out.filter((r) => !roles.has(r));
      if (unknown.length > 0) {
        const known = [...roles.keys()].join(', ');
        const names = unknown.map((r) => `« ${r.slice(0, 64)} »`).join(', ');
        throw new AuthError(`rôle inconnu : ${names} (rôles connus : ${known})`);
      }
      return out;
    },
  };
  return registry.registerRoles([suiteAdminRole(opts.adminRequiresTotp ?? false)]);
}
