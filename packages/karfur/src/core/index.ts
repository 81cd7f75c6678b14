/** Karfu'R's pure domain core: no I/O, safe to import anywhere (server, jobs, tests). */
export * from './languages.ts';
export * from './schemas.ts';
export * from './fiche.ts';
export * from './fallback.ts';
export * from './roles.ts';
export * from './translation-workflow.ts';
export * from './progress.ts';
export * from './translation-memory.ts';
export * from './moderation.ts';
export * from './freshness.ts';
export * from './filters.ts';
export * from './geo.ts';
export * from './departement-adjacency.ts';
export * from './journey.ts';
export * from './content-checks.ts';
