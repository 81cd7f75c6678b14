/**
 * THE ONLY place where HTML strings are injected into the page.
 *
 * Only for HTML the API has already sanitised server-side (article and fiche bodies,
 * question-réponse answers, all passed through sanitize-html at ingest). Never pass it user input
 * or text that was not sanitised by the API.
 */
export function SanitizedHtml({
  html,
  className,
  id,
  headingLevel = 2,
}: {
  html: string;
  className?: string;
  id?: string;
  /** Level of the heading this HTML sits under: its own headings are renumbered below it. */
  headingLevel?: number;
}) {
  return (
    <div
      id={id}
      className={['eig-prose', className].filter(Boolean).join(' ')}
      dangerouslySetInnerHTML={{ __html: renumberHeadings(tidy(html), headingLevel) }}
    />
  );
}

/**
 * Renumbers the headings of embedded HTML so they continue the page outline (RGAA 9.1): the first
 * is one below `parentLevel`, and no heading goes more than one level deeper than the previous.
 * Only tag names change.
 */
export function renumberHeadings(html: string, parentLevel: number): string {
  let prevOriginal = 0;
  let prevNew = parentLevel;
  let open = 0;
  return html.replace(/<(\/?)h([1-6])\b/gi, (_m, slash: string, levelStr: string) => {
    if (slash) return `</h${open || levelStr}`;
    const level = Number(levelStr);
    let next: number;
    if (prevOriginal === 0) next = parentLevel + 1;
    else if (level > prevOriginal) next = prevNew + 1;
    else if (level === prevOriginal) next = prevNew;
    else next = Math.max(parentLevel + 1, prevNew - (prevOriginal - level));
    next = Math.min(6, next);
    prevOriginal = level;
    prevNew = next;
    open = next;
    return `<h${next}`;
  });
}

/**
 * Removes what makes published HTML inaccessible without adding anything: empty headings and
 * empty paragraphs (source documents contain some). Only deletions, so the HTML stays as safe as
 * the API made it.
 */
export function tidy(html: string): string {
  return html.replace(/<h([1-6])\b[^>]*>(?:\s|&nbsp;|<br\s*\/?>)*<\/h\1>/gi, '').replace(/<p\b[^>]*>(?:\s|&nbsp;)*<\/p>/gi, '');
}
