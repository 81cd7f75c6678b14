/**
 * Stamps bundled translation files: every unit whose sourceHash is the placeholder "0000000000000000"
 * gets the hash of the fiche's current French unit (i.e. "this translation was made from today's
 * French"). Run after adding or updating translations by hand:
 *   node --import tsx packages/karfur/scripts/stamp-translations.ts
 * Units with a real hash are left alone, so a changed French text still shows up as "to review".
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_DIR } from '../src/content.ts';
import { ficheSchema, type FicheTranslation } from '../src/core/schemas.ts';
import { sourceUnits, unitHash } from '../src/core/fiche.ts';

const PLACEHOLDER = '0000000000000000';

async function main() {
  let stamped = 0;
  for (const lang of await readdir(path.join(CONTENT_DIR, 'translations'))) {
    for (const file of await readdir(path.join(CONTENT_DIR, 'translations', lang))) {
      const trPath = path.join(CONTENT_DIR, 'translations', lang, file);
      const tr = JSON.parse(await readFile(trPath, 'utf8')) as FicheTranslation;
      const fiche = ficheSchema.parse(JSON.parse(await readFile(path.join(CONTENT_DIR, 'fiches', `${tr.fiche}.json`), 'utf8')));
      const src = sourceUnits(fiche);
      let changed = false;
      for (const [key, unit] of Object.entries(tr.units)) {
        const s = src.get(key as never);
        if (!unit || !s || unit.sourceHash !== PLACEHOLDER) continue;
        unit.sourceHash = unitHash(s);
        changed = true;
        stamped++;
      }
      if (changed) await writeFile(trPath, `${JSON.stringify(tr, null, 1)}\n`);
    }
  }
  console.log(`${stamped} unités marquées comme traduites depuis le français actuel.`);
}

await main();
