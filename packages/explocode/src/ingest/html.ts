/** HTML helpers shared by the parsers: sanitising, plain text, slugs, a small markdown converter. */
import { sanitizeHtml } from '@eig/platform/html';
import { escapeHtml } from '@eig/platform/search';
import { decodeEntities } from '../core/citations.ts';
import { themeSlug } from '../core/themes.ts';

/** The platform's `content` policy (ExploCode's own, moved there so that every service shares it). */
export function sanitize(html: string): string {
  return sanitizeHtml(html, 'content');
}

/** Plain text with paragraph breaks: block tags become newlines, inline tags vanish, entities decoded. */
export function htmlToText(html: string): string {
  if (!html) return '';
  const s = html
    .replace(/<(script|style|button)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(?:p|div|li|ul|ol|h[1-6]|tr|table|section|blockquote|dt|dd)\b[^>]*>/gi, '\n')
    .replace(/<\/t[dh]>/gi, ' \t')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(s)
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\r/g, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function cleanTitle(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Same slugs as theme ids, so a fiche's or answer's slug and its theme slug agree. */
export const slugify = themeSlug;

export { escapeHtml };

function inlineMd(s: string): string {
  let out = escapeHtml(s);
  out = out.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/__([^_]+)__/g, '<strong>$1</strong>');
  out = out.replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
  out = out.replace(/\[([^\]]*)\]\(([^)\s]+)\)/g, (_m, label: string, href: string) => `<a href="${href}">${label}</a>`);
  return out;
}

/**
 * Minimal markdown → HTML (headings, bullet/numbered lists, bold, italics, links, paragraphs) for the
 * contributions. Raw HTML tags already in the text (converted by the caller) are passed through when the
 * line starts with "<".
 */
export function markdownToHtml(md: string): string {
  const lines = md.replace(/\r/g, '').split('\n');
  const out: string[] = [];
  let para: string[] = [];
  let list: 'ul' | 'ol' | null = null;
  const flushPara = () => {
    if (para.length) out.push(`<p>${para.map(inlineMd).join('<br>')}</p>`);
    para = [];
  };
  const closeList = () => {
    if (list) out.push(`</${list}>`);
    list = null;
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    const t = line.trim();
    if (!t) {
      flushPara();
      closeList();
      continue;
    }
    if (t.startsWith('<') && /^<\/?[a-z][\w-]*(\s|>|\/)/i.test(t)) {
      flushPara();
      closeList();
      out.push(t);
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(t);
    if (h) {
      flushPara();
      closeList();
      const level = Math.min(6, Math.max(3, h[1].length));
      out.push(`<h${level}>${inlineMd(h[2])}</h${level}>`);
      continue;
    }
    const ul = /^[-*+]\s+(.*)$/.exec(t);
    const ol = /^\d+[.)]\s+(.*)$/.exec(t);
    if (ul || ol) {
      flushPara();
      const kind = ul ? 'ul' : 'ol';
      if (list !== kind) {
        closeList();
        out.push(`<${kind}>`);
        list = kind;
      }
      out.push(`<li>${inlineMd((ul ?? ol)![1])}</li>`);
      continue;
    }
    if (list && /^\s{2,}/.test(line) && out.length) {
      // continuation of a list item
      out[out.length - 1] = out[out.length - 1].replace(/<\/li>$/, ` ${inlineMd(t)}</li>`);
      continue;
    }
    closeList();
    para.push(t);
  }
  flushPara();
  closeList();
  return out.join('\n');
}
