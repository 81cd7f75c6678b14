// The DSFR stylesheet the suite's pages actually use. The full DSFR is 600 KB of CSS plus 214 KB of
// icons; a page uses a small part. The rules are kept or dropped by the class names they select:
// a rule stays when some selector only names classes that the built code mentions (views, islands,
// react-dsfr components as bundled) or that the DSFR's own script adds at run time (`--` states);
// rules without classes (elements, fonts, variables) always stay. Uses postcss (a CSS parser) rather
// than regular expressions over CSS.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, relative, posix } from 'node:path';
import postcss from 'postcss';

const CLASS_IN_TEXT = /fr-[a-zA-Z0-9_-]+/g;
const CLASS_IN_SELECTOR = /\.(fr-[a-zA-Z0-9_-]+)/g;

function files(dir, ext) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === 'build') return [];
    return statSync(full).isDirectory() ? files(full, ext) : ext.some((e) => name.endsWith(e)) ? [full] : [];
  });
}

/** Class names the built code and the services' content mention, and class prefixes built at run time. */
export function usedClasses({ scanFiles, dsfrScript }) {
  const exact = new Set();
  const prefixes = new Set();
  for (const file of scanFiles) {
    for (const m of readFileSync(file, 'utf8').matchAll(CLASS_IN_TEXT)) {
      const token = m[0];
      // `fr-btn--${priority}` leaves "fr-btn--" in the bundle: every modifier (or element) of that
      // component may be used. A bare family prefix such as "fr-icon-" (a check in code, not a class
      // being built) would keep every icon: only `--` and `__` prefixes count.
      if (token.endsWith('-') || token.endsWith('_')) {
        if (token.includes('--') || token.includes('__')) prefixes.add(token);
      } else exact.add(token);
    }
  }
  // The DSFR's script adds state classes through its namespace function (ns("collapse--expanded")).
  for (const m of readFileSync(dsfrScript, 'utf8').matchAll(/["'`]([a-z0-9]+(?:-[a-z0-9]+)*--[a-z0-9-]+)["'`]/g)) exact.add(`fr-${m[1]}`);
  return { exact, prefixes: [...prefixes] };
}

function selectorUsed(selector, used) {
  const classes = [...selector.matchAll(CLASS_IN_SELECTOR)].map((m) => m[1]);
  return classes.every((c) => used.exact.has(c) || used.prefixes.some((p) => c.startsWith(p)));
}

/**
 * One stylesheet: the kept rules of `sources` (paths inside the DSFR folder), with url()s made
 * absolute under `urlPrefix` (the DSFR folder served as static files).
 */
export function subsetDsfr({ dsfrDir, sources, used, urlPrefix, fontUrls = new Map(), unicodeRange }) {
  const out = [];
  let kept = 0;
  let dropped = 0;
  for (const source of sources) {
    const file = join(dsfrDir, source);
    const root = postcss.parse(readFileSync(file, 'utf8'), { from: file });
    root.walkRules((rule) => {
      if (rule.parent?.type === 'atrule' && /keyframes$/i.test(rule.parent.name)) return;
      const selectors = rule.selectors.filter((s) => selectorUsed(s, used));
      if (selectors.length === 0) {
        rule.remove();
        dropped++;
      } else {
        rule.selectors = selectors;
        kept++;
      }
    });
    root.walkAtRules((at) => {
      if (at.nodes && at.nodes.length === 0) at.remove();
    });
    root.walkComments((c) => c.remove());
    // Subset fonts: declare what they cover, so that other scripts fall back to system fonts.
    if (unicodeRange) root.walkAtRules('font-face', (at) => at.append({ prop: 'unicode-range', value: unicodeRange }));
    root.walkDecls((decl) => {
      if (!decl.value.includes('url(')) return;
      decl.value = decl.value.replace(/url\((['"]?)([^'")]+)\1\)/g, (whole, _q, url) => {
        if (/^(data:|https?:|\/)/.test(url)) return whole;
        const abs = posix.normalize(posix.join(relative(dsfrDir, dirname(file)).split('\\').join('/'), url));
        return `url(${fontUrls.get(abs) ?? `${urlPrefix}${abs}`})`;
      });
    });
    out.push(root.toString());
  }
  return { css: out.join('\n'), kept, dropped };
}

/** Text files whose class names count as used: built bundles, and the services' own sources and content. */
export function scanTargets({ buildDir, packagesDir }) {
  return [
    ...files(join(buildDir, 'ssr'), ['.js']),
    ...files(join(buildDir, 'client', 'assets'), ['.js']),
    ...readdirSync(packagesDir).flatMap((p) => [
      ...files(join(packagesDir, p, 'src'), ['.ts', '.tsx']),
      ...files(join(packagesDir, p, 'content'), ['.json']),
    ]),
  ];
}
