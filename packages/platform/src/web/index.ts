// The server half of the front-end contract, importable from browser code too (no Node imports).
export { defineView, definePage, redirect, view } from './pages.ts';
export type { PageAlternate, PageDefinition, PageOutcome, PropsOf, RedirectOutcome, ViewOutcome, ViewRef } from './pages.ts';
