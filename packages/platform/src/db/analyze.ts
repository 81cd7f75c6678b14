/** `ANALYZE` of named tables: names are checked, as they cannot be bound as parameters. */
const TABLE = /^[a-z_][a-z0-9_]{0,62}(\.[a-z_][a-z0-9_]{0,62})?$/;

export function analyzeSql(tables?: string[]): string {
  if (!tables || tables.length === 0) return 'ANALYZE';
  for (const t of tables) {
    if (!TABLE.test(t)) throw new Error(`Nom de table invalide pour ANALYZE : « ${t} »`);
  }
  return `ANALYZE ${tables.join(', ')}`;
}
