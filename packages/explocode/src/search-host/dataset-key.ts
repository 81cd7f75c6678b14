/** What identifies a dataset's content for its engine snapshot: the same string wherever it is computed. */
export function engineDatasetKey(d: { id: number; version: string; createdAt: string }): string {
  return `${d.id}|${d.version}|${d.createdAt}`;
}
