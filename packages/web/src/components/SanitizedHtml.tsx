/**
 * THE ONLY place where HTML strings are injected into the page.
 *
 * Only for HTML the API has already sanitised server-side (article and fiche bodies,
 * question-réponse answers, all passed through sanitize-html at ingest). Never pass it user input
 * or text that was not sanitised by the API.
 */
export function SanitizedHtml({ html, className, id }: { html: string; className?: string; id?: string }) {
  return <div id={id} className={['eig-prose', className].filter(Boolean).join(' ')} dangerouslySetInnerHTML={{ __html: html }} />;
}
