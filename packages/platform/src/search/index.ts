export * from './normalize.ts';
export * from './stopwords.ts';
export * from './french-stemmer.ts';
export * from './analyzer.ts';
export * from './synonyms.ts';
export * from './bm25f.ts';
export * from './highlight.ts';
export * from './spelling.ts';
