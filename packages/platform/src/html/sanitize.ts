/**
 * The suite's one HTML sanitising policy, on sanitize-html (htmlparser2 underneath: a real parser, an
 * allow-list of tags, attributes and URL schemes; never regular expressions). Every service that
 * stores or shows HTML it did not write (imported fiches and answers, contributed fiches, court
 * decisions) passes it through one of these named policies:
 *
 *  - `content`: rich text of a page body: paragraphs, headings h2–h6 (the page owns its h1), lists,
 *    tables, quotes, links (http, https, mailto, same-site paths), abbreviations, code. The labour-law
 *    explorer's policy, moved here: its stored HTML is byte-identical (checked on the 11,545 articles,
 *    269 fiches and 41 contributions of its ingest).
 *  - `inline`: a snippet inside a line: emphasis, links, code, line breaks; no blocks.
 *  - `text`: no markup at all, text kept (escaped).
 *
 * Everything else goes: scripts and styles with their content, event handlers (on*), style
 * attributes, iframes, forms, embedded objects, SVG and MathML, images, and URLs whose scheme is not
 * allowed (javascript:, data:, vbscript:, however encoded). Links get rel="noopener noreferrer".
 */
import sanitize from 'sanitize-html';

export type HtmlPolicy = 'content' | 'inline' | 'text';

/** Contents dropped with their tag (not kept as text). */
// prettier-ignore
const DROP_WITH_CONTENT = ['script', 'style', 'textarea', 'option', 'noscript', 'button', 'iframe', 'template', 'svg', 'math', 'object', 'select', 'title'];

const LINK_SCHEMES = ['http', 'https', 'mailto'];

/** rel="noopener noreferrer" on links: a linked page gets neither our window nor our URL. */
const safeLinks: sanitize.IOptions['transformTags'] = {
  a: (tagName, attribs) => ({
    tagName,
    attribs: attribs.href ? { ...attribs, rel: 'noopener noreferrer' } : attribs,
  }),
};

const POLICIES: Record<HtmlPolicy, sanitize.IOptions> = {
  content: {
    // prettier-ignore
    allowedTags: [
      'p', 'br', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i', 'u', 'sup', 'sub', 'a', 'h2', 'h3', 'h4', 'h5', 'h6',
      'blockquote', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'div', 'span', 'dl', 'dt', 'dd',
      'abbr', 'hr', 'pre', 'code', 'section',
    ],
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
      abbr: ['title'],
    },
    allowedSchemes: LINK_SCHEMES,
    // "//evil.example/x" is an absolute link in disguise: links are http(s), mailto or same-site paths.
    allowProtocolRelative: false,
    transformTags: safeLinks,
    nonTextTags: DROP_WITH_CONTENT,
  },
  inline: {
    allowedTags: ['strong', 'b', 'em', 'i', 'u', 'sup', 'sub', 'a', 'abbr', 'code', 'br', 'mark'],
    allowedAttributes: { a: ['href', 'title', 'rel'], abbr: ['title'] },
    allowedSchemes: LINK_SCHEMES,
    // "//evil.example/x" is an absolute link in disguise: links are http(s), mailto or same-site paths.
    allowProtocolRelative: false,
    transformTags: safeLinks,
    nonTextTags: DROP_WITH_CONTENT,
  },
  text: {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: DROP_WITH_CONTENT,
  },
};

/** Clean `html` under a named policy (`content` by default); trimmed, '' for empty input. */
export function sanitizeHtml(html: string, policy: HtmlPolicy = 'content'): string {
  if (!html) return '';
  const options = POLICIES[policy];
  if (!options) throw new Error(`Unknown HTML policy "${policy}"`);
  return sanitize(html, options).trim();
}

/** The tags a policy lets through (for documentation and front-end styling). */
export function allowedTags(policy: HtmlPolicy): readonly string[] {
  return [...((POLICIES[policy].allowedTags as string[] | false) || [])];
}
