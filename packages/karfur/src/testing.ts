// What the suite's integration and browser tests need from Karfu'R beyond its module.
export { karfurFor } from './context.ts';
export { IMPORT_CONTENT_JOB, IMPORT_VDD_JOB, SEARCH_INDEX_JOB } from './runtime.ts';
