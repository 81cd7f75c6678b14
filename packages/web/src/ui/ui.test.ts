import { describe, expect, it } from 'vitest';
import { decodeEntities, parseSnippet } from './highlight.ts';
import { renumberHeadings, tidy } from './SanitizedHtml.tsx';

describe('parseSnippet', () => {
  it('splits marks and decodes entities without keeping other tags', () => {
    expect(parseSnippet('Le <mark>licenciement</mark> &amp; l&#39;<b>x</b>indemnité')).toEqual([
      { text: 'Le ', marked: false },
      { text: 'licenciement', marked: true },
      { text: " & l'xindemnité", marked: false },
    ]);
  });
  it('escaped markup stays text', () => {
    expect(parseSnippet('&lt;script&gt;')).toEqual([{ text: '<script>', marked: false }]);
    expect(decodeEntities('&#x41;&quot;&unknown;')).toBe('A"&unknown;');
  });
});

describe('embedded HTML', () => {
  it('removes empty headings and paragraphs', () => {
    expect(tidy('<h3> </h3><p>&nbsp;</p><p>ok</p>')).toBe('<p>ok</p>');
  });
  it('renumbers headings below the parent level without jumps', () => {
    expect(renumberHeadings('<h4>a</h4><h6>b</h6><h4 class="x">c</h4>', 2)).toBe('<h3>a</h3><h4>b</h4><h3 class="x">c</h3>');
  });
});
