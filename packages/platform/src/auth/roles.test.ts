import { describe, expect, it } from 'vitest';
import { AuthError } from './errors.ts';
import { createRoleRegistry } from './roles.ts';

const SERVICE_ROLES = [
  { id: 'openjustice.agent', label: 'Agent de juridiction' },
  { id: 'openjustice.admin', label: 'Administrateur Open Justice', requireTotp: true },
  { id: 'karfur.expert', label: 'Expert', description: 'Valide les fiches', requireTotp: true },
  { id: 'karfur.translator', label: 'Traducteur' },
];

describe('role registry', () => {
  it('holds the suite admin and the roles services declare', () => {
    const roles = createRoleRegistry().registerRoles(SERVICE_ROLES);
    expect(roles.list().map((r) => r.id)).toEqual([
      'admin',
      'openjustice.agent',
      'openjustice.admin',
      'karfur.expert',
      'karfur.translator',
    ]);
    expect(roles.get('karfur.expert')).toMatchObject({ label: 'Expert', description: 'Valide les fiches', requireTotp: true });
    expect(roles.get('openjustice.agent')!.requireTotp).toBe(false);
    expect(roles.has('admin')).toBe(true);
  });

  it('says whether a set of roles requires a second factor', () => {
    const roles = createRoleRegistry().registerRoles(SERVICE_ROLES);
    expect(roles.requiresTotp([])).toBe(false);
    expect(roles.requiresTotp(['admin', 'openjustice.agent'])).toBe(false);
    expect(roles.requiresTotp(['karfur.translator', 'karfur.expert'])).toBe(true);
    expect(roles.requiresTotp(['unknown'])).toBe(false);
    expect(createRoleRegistry({ adminRequiresTotp: true }).requiresTotp(['admin'])).toBe(true);
  });

  it('validates the roles given to an account, naming the unknown ones in French', () => {
    const roles = createRoleRegistry().registerRoles(SERVICE_ROLES);
    expect(roles.validate([' karfur.expert', 'admin', 'admin', ''])).toEqual(['admin', 'karfur.expert']);
    expect(() => roles.validate(['karfur.experte', 'iaflash.agent'])).toThrow(AuthError);
    expect(() => roles.validate(['karfur.experte'])).toThrow(
      /rôle inconnu : « karfur.experte » \(rôles connus : admin, openjustice.agent, openjustice.admin, karfur.expert, karfur.translator\)/,
    );
  });

  it('refuses malformed, unlabelled and duplicate roles', () => {
    const roles = createRoleRegistry();
    expect(() => roles.registerRoles([{ id: 'OpenJustice.Agent', label: 'x' }])).toThrow(/Invalid role id/);
    expect(() => roles.registerRoles([{ id: 'a.b.c', label: 'x' }])).toThrow(/Invalid role id/);
    expect(() => roles.registerRoles([{ id: 'iaflash.agent', label: ' ' }])).toThrow(/needs a label/);
    expect(() => roles.registerRoles([{ id: 'admin', label: 'Encore' }])).toThrow(/registered twice/);
    roles.registerRoles([{ id: 'iaflash.agent', label: 'Agent' }]);
    expect(() => roles.registerRoles([{ id: 'iaflash.agent', label: 'Agent' }])).toThrow(/registered twice/);
  });
});
