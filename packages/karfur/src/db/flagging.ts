/**
 * When the French of a fiche changes (a moderated edit is published, or a newer bundle updates a
 * starter fiche), every translation made from the old French is flagged "to review": its row keeps the
 * French it was made from (`source_value`), so that the editor shows the per-section diff.
 */
import type { Queryable } from '@eig/platform';
import { sourceUnits, unitHash } from '../core/fiche.ts';
import { isLanguageCode } from '../core/languages.ts';
import { applyTranslationEvent, type UnitWorkflowState } from '../core/translation-workflow.ts';
import type { Fiche } from '../core/schemas.ts';
import type { KarfurRepository, UnitRow } from './repository.ts';

const SYSTEM = { id: 'system', roles: [] as string[] };

export function stateOf(u: UnitRow | null): UnitWorkflowState {
  if (!u)
    return { status: 'to_translate', value: null, translator: null, validator: null, sourceHash: null, sourceValue: null, comment: null };
  return {
    status: u.status,
    value: u.value,
    translator: u.translator,
    validator: u.validator,
    sourceHash: u.sourceHash,
    sourceValue: u.sourceValue,
    comment: u.comment,
  };
}

/** Flags the units whose French changed between `before` and `after`; returns how many were flagged. */
export async function flagChangedUnits(
  repo: KarfurRepository,
  tx: Queryable,
  before: Fiche | null,
  after: Fiche,
  actor: string | null,
): Promise<number> {
  const now = sourceUnits(after);
  const old = before ? sourceUnits(before) : new Map();
  let flagged = 0;
  for (const u of await repo.units(tx, { fiche: after.id })) {
    if (!isLanguageCode(u.lang)) continue;
    const src = now.get(u.unit as never);
    if (!src || u.status === 'to_translate' || !u.sourceHash) continue;
    if (u.sourceHash === unitHash(src)) continue;
    const state = stateOf(u);
    // Keep the French the translation was made from: the old published text when we did not have it.
    const sourceValue = state.sourceValue ?? old.get(u.unit as never) ?? null;
    const next = applyTranslationEvent({ ...state, sourceValue }, { action: 'source_changed', source: src }, SYSTEM, u.lang);
    if (next.status === u.status && next.sourceValue === u.sourceValue) continue;
    await repo.putUnit(tx, { ...u, status: next.status, sourceValue: next.sourceValue, updatedAt: undefined });
    await repo.audit(tx, {
      actor,
      action: 'translation_flagged',
      fiche: after.id,
      lang: u.lang,
      unit: u.unit,
      detail: { from: u.status, to: next.status },
    });
    flagged++;
  }
  return flagged;
}
