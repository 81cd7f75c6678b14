import { describe, expect, it } from 'vitest';
import { AuthError } from './errors.ts';
import { createRoleRegistry } from './roles.ts';

const SERVICE_ROLES = [
  { id: 'demo.agent', label: 'Agent de juridiction' },
  { id: 'demo.admin', label: 'Administrateur de la démo', requireTotp: true },
  { id: 'demo.expert', label: 'Expert', description: 'Valide les fiches', requireTotp: true },
  { id: 'demo.translator', label: 'Traducteur' },
];

describe('role registry', () => {
  it('holds the suite admin and the roles services declare', () => {
    const roles = createRoleRegistry().registerRoles(SERVICE_ROLES);
    expect(roles.list().map((r) => r.id)).toEqual(['admin', 'demo.agent', 'demo.admin', 'demo.expert', 'demo.translator']);
    expect(roles.get('demo.expert')).toMatchObject({ label: 'Expert', description: 'Valide les fiches', requireTotp: true });
    expect(roles.get('demo.agent')!.requireTotp).toBe(false);
    expect(roles.has('admin')).toBe(true);
  });

  it('says whether a set of roles requires a second factor', () => {
    const roles = createRoleRegistry().registerRoles(SERVICE_ROLES);
    expect(roles.requiresTotp([])).toBe(false);
    expect(roles.requiresTotp(['admin', 'demo.agent'])).toBe(false);
    expect(roles.requiresTotp(['demo.translator', 'demo.expert'])).toBe(true);
    expect(roles.requiresTotp(['unknown'])).toBe(false);
    expect(createRoleRegistry({ adminRequiresTotp: true }).requiresTotp(['admin'])).toBe(true);
  });

  it('validates the roles given to an account, naming the unknown ones in French', () => {
    const roles = createRoleRegistry().registerRoles(SERVICE_ROLES);
    expect(roles.validate([' demo.expert', 'admin', 'admin', ''])).toEqual(['admin', 'demo.expert']);
    expect(() => roles.validate(['demo.experte', 'other.agent'])).toThrow(AuthError);
    expect(() => roles.validate(['demo.experte'])).toThrow(
      /rôle inconnu : « demo.experte » \(rôles connus : admin, demo.agent, demo.admin, demo.expert, demo.translator\)/,
    );
  });

  it('refuses malformed, unlabelled and duplicate roles', () => {
    const roles = createRoleRegistry();
    expect(() => roles.registerRoles([{ id: 'Demo.Agent', label: 'x' }])).toThrow(/Invalid role id/);
    expect(() => roles.registerRoles([{ id: 'a.b.c', label: 'x' }])).toThrow(/Invalid role id/);
    expect(() => roles.registerRoles([{ id: 'other.agent', label: ' ' }])).toThrow(/needs a label/);
    expect(() => roles.registerRoles([{ id: 'admin', label: 'Encore' }])).toThrow(/registered twice/);
    roles.registerRoles([{ id: 'other.agent', label: 'Agent' }]);
    expect(() => roles.registerRoles([{ id: 'other.agent', label: 'Agent' }])).toThrow(/registered twice/);
  });
});
