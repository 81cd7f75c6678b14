import { describe, expect, it } from 'vitest';
import { allowedTags, sanitizeHtml, type HtmlPolicy } from './sanitize.ts';

/** What must never survive any policy. */
const DANGEROUS =
  /<\s*(script|style|iframe|frame|object|embed|img|svg|math|form|input|button|base|meta|link|template|video|audio|source)\b|\son[a-z]+\s*=|\sstyle\s*=|javascript:|vbscript:|data:|srcdoc/i;

const HOSTILE = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>',
  '<p onclick="alert(1)" onmouseover=alert(1)>texte</p>',
  '<a href="javascript:alert(1)">lien</a>',
  '<a href=" JaVaScRiPt:alert(1)">lien</a>',
  '<a href="jav&#x09;ascript:alert(1)">lien</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">lien</a>',
  '<a href="java\0script:alert(1)">lien</a>',
  '<a href="vbscript:msgbox(1)">lien</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">lien</a>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<style>@import "//evil.example/x.css"; body { display: none }</style>',
  '<iframe src="https://evil.example" srcdoc="<script>alert(1)</script>"></iframe>',
  '<svg onload=alert(1)><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<form action="https://evil.example"><input name=x><button formaction=javascript:alert(1)>ok</button></form>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example"><link rel=stylesheet href=x>',
  '<template><script>alert(1)</script></template>',
  '<!--<script>alert(1)</script>--><p>après</p>',
  '<div><table><tr><td onmouseover=alert(1)>cellule',
  '<a href="https://exemple.gouv.fr" target="_blank" onclick="x">lien</a>',
  '<video><source onerror="alert(1)"></video><audio src=x onerror=alert(1)>',
];

describe.each(['content', 'inline', 'text'] as HtmlPolicy[])('the %s policy against hostile input', (policy) => {
  it.each(HOSTILE)('neutralises %s', (html) => {
    const out = sanitizeHtml(html, policy);
    expect(out).not.toMatch(DANGEROUS);
    // Sanitising is stable: a second pass changes nothing.
    expect(sanitizeHtml(out, policy)).toBe(out);
  });
});

describe('content policy', () => {
  it('keeps rich text: headings, lists, tables, quotes, links, and adds rel to links', () => {
    const html =
      '<h2>Congés</h2><p>Le salarié <strong>a droit</strong> à <em>2,5 jours</em> par mois (<a href="https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000033020517" title="Article L3141-3">L3141-3</a>).</p>' +
      '<ul><li>un</li><li>deux</li></ul><ol><li>premier</li></ol>' +
      '<table><caption>Durées</caption><thead><tr><th colspan="2">Ancienneté</th></tr></thead><tbody><tr><td rowspan="2">1 an</td><td>1 mois</td></tr></tbody></table>' +
      '<blockquote>Citation</blockquote><p><a href="/service/fiche/conges">fiche</a> <a href="mailto:contact@exemple.gouv.fr">écrire</a></p>';
    const out = sanitizeHtml(html, 'content');
    expect(out).toContain('<h2>Congés</h2>');
    expect(out).toContain(
      '<a href="https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000033020517" title="Article L3141-3" rel="noopener noreferrer">L3141-3</a>',
    );
    expect(out).toContain('<th colspan="2">Ancienneté</th>');
    expect(out).toContain('<td rowspan="2">1 an</td>');
    expect(out).toContain('<a href="/service/fiche/conges" rel="noopener noreferrer">fiche</a>');
    expect(out).toContain('<a href="mailto:contact@exemple.gouv.fr" rel="noopener noreferrer">écrire</a>');
    expect(out).toContain('<ul><li>un</li><li>deux</li></ul>');
  });

  it('drops what is dangerous and keeps the text around it', () => {
    expect(sanitizeHtml('<p onclick="alert(1)" style="color:red" class="x">texte</p>', 'content')).toBe('<p>texte</p>');
    expect(sanitizeHtml('<a href="javascript:alert(1)">lien</a>', 'content')).toBe('<a rel="noopener noreferrer">lien</a>');
    expect(sanitizeHtml('<a href="//evil.example/x">lien</a>', 'content')).toBe('<a rel="noopener noreferrer">lien</a>');
    expect(sanitizeHtml('<p>avant<script>alert(1)</script>après</p>', 'content')).toBe('<p>avantaprès</p>');
    expect(sanitizeHtml('<h1>Titre</h1><p>x</p>', 'content')).toBe('Titre<p>x</p>');
    expect(sanitizeHtml('<p>non fermé', 'content')).toBe('<p>non fermé</p>');
    expect(sanitizeHtml('<p>a &lt;b&gt; &amp; c</p>', 'content')).toBe('<p>a &lt;b&gt; &amp; c</p>');
    expect(sanitizeHtml('', 'content')).toBe('');
  });
});

describe('inline and text policies', () => {
  it('inline keeps emphasis, links and code but no blocks', () => {
    expect(
      sanitizeHtml('<p>Un <strong>mot</strong> et <a href="https://x.fr">lien</a></p><h2>Titre</h2><ul><li>l</li></ul>', 'inline'),
    ).toBe('Un <strong>mot</strong> et <a href="https://x.fr" rel="noopener noreferrer">lien</a>Titrel');
    expect(sanitizeHtml('<mark>trouvé</mark> <code>L1234-1</code>', 'inline')).toBe('<mark>trouvé</mark> <code>L1234-1</code>');
  });

  it('text keeps the text only, escaped', () => {
    expect(sanitizeHtml('<p>Un <strong>mot</strong> &amp; <script>x</script>un autre</p>', 'text')).toBe('Un mot &amp; un autre');
    expect(sanitizeHtml('1 < 2', 'text')).toBe('1 &lt; 2');
  });

  it('says which tags a policy allows, and refuses an unknown policy', () => {
    expect(allowedTags('inline')).toContain('a');
    expect(allowedTags('content')).toContain('table');
    expect(allowedTags('text')).toEqual([]);
    expect(() => sanitizeHtml('<p>x</p>', 'rich' as HtmlPolicy)).toThrow(/Unknown HTML policy/);
  });
});
