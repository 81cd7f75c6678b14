import { REVIEW_CSS } from './categories.ts';

/** Inline stylesheet of the review pages (the CSP allows inline styles; no extra request). */
export function ReviewStyles() {
  return <style>{REVIEW_CSS}</style>;
}
