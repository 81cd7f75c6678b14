// After the two Vite builds: the DSFR stylesheet subset and script, precompressed copies of every
// text asset (served as they are by @fastify/static, so no request pays for compression), and
// web-manifest.json, which tells the host what each page links.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import subsetFont from 'subset-font';
import { scanTargets, subsetDsfr, usedClasses } from './dsfr-subset.mjs';

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = join(webDir, 'build');
const assetsDir = join(buildDir, 'client', 'assets');
const require = createRequire(import.meta.url);
const reactDsfrDir = dirname(require.resolve('@codegouvfr/react-dsfr/package.json'));
const dsfrDir = join(reactDsfrDir, 'dsfr');
const dsfrVersion = JSON.parse(readFileSync(join(reactDsfrDir, 'package.json'), 'utf8')).version;
const dsfrPrefix = `/static/dsfr/${dsfrVersion}/`;

const hash = (buf) => createHash('sha256').update(buf).digest('hex').slice(0, 10);
function emit(name, ext, content) {
  const file = `${name}-${hash(content)}${ext}`;
  writeFileSync(join(assetsDir, file), content);
  return `/assets/${file}`;
}

// The DSFR script: its own behaviours (header menu on small screens, modals, accordions).
const dsfrScriptFile = join(dsfrDir, 'dsfr.module.min.js');
const dsfrScript = emit('dsfr', '.js', readFileSync(dsfrScriptFile));

// The DSFR fonts cover many scripts; French pages use Latin letters and punctuation. Subsetting them
// (harfbuzz, through subset-font) halves each file; `unicode-range` lets any other character fall back
// to the system font (e.g. Cyrillic or Arabic text, which Marianne does not draw well or at all).
const RANGES = [
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x152, 0x153],
  [0x178, 0x178],
  [0x2c6, 0x2c6],
  [0x2da, 0x2dc],
  [0x2010, 0x2027],
  [0x202f, 0x203a],
  [0x20ac, 0x20ac],
  [0x2122, 0x2122],
  [0x2212, 0x2212],
];
const hex = (n) => n.toString(16).toUpperCase();
const unicodeRange = RANGES.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(', ');
const fontText = RANGES.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i))).join('');
const fontUrls = new Map();
for (const name of readdirSync(join(dsfrDir, 'fonts')).filter((f) => f.endsWith('.woff2'))) {
  const subset = await subsetFont(readFileSync(join(dsfrDir, 'fonts', name)), fontText, { targetFormat: 'woff2' });
  fontUrls.set(`fonts/${name}`, emit(name.replace(/\.woff2$/, ''), '.woff2', subset));
}

const used = usedClasses({ scanFiles: scanTargets({ buildDir, packagesDir: join(webDir, '..') }), dsfrScript: dsfrScriptFile });
const components = readdirSync(join(dsfrDir, 'component'))
  .filter((c) => existsSync(join(dsfrDir, 'component', c, `${c}.min.css`)))
  .map((c) => `component/${c}/${c}.min.css`);
const { css, kept, dropped } = subsetDsfr({
  dsfrDir,
  sources: ['core/core.min.css', ...components, 'utility/utility.min.css'],
  used,
  urlPrefix: dsfrPrefix,
  fontUrls,
  unicodeRange,
});
const dsfrCss = emit('dsfr', '.css', css);

// The suite's own stylesheet and the island loader, from Vite's manifest.
const viteManifest = JSON.parse(readFileSync(join(buildDir, 'client', '.vite', 'manifest.json'), 'utf8'));
const entry = viteManifest['src/entry-client.tsx'];
const appCss = viteManifest['src/styles/app.css'];
if (!entry || !appCss) throw new Error('Vite manifest lacks the island loader or the stylesheet');
// React itself is shared by every island: preload it on pages with islands.
const preloads = new Set();
for (const key of entry.dynamicImports ?? []) {
  const chunk = viteManifest[key];
  if (chunk && /node_modules\/(react|react-dom|scheduler)\//.test(key)) preloads.add(`/${chunk.file}`);
}

const manifest = {
  styles: [dsfrCss, `/${appCss.file}`],
  dsfrScript,
  islandScript: `/${entry.file}`,
  islandPreloads: [...preloads],
  // Regular and bold are on every page; the others load when used.
  fonts: [fontUrls.get('fonts/Marianne-Regular.woff2'), fontUrls.get('fonts/Marianne-Bold.woff2')],
  dsfrPrefix,
  dsfrVersion,
};
writeFileSync(join(buildDir, 'client', 'web-manifest.json'), JSON.stringify(manifest, null, 2));

let raw = 0;
let br = 0;
for (const name of readdirSync(assetsDir)) {
  if (!/\.(js|css|svg|json|html|txt)$/.test(name)) continue;
  const file = join(assetsDir, name);
  const content = readFileSync(file);
  const b = brotliCompressSync(content, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
  });
  writeFileSync(`${file}.br`, b);
  writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
  raw += content.length;
  br += b.length;
}
console.log(
  `post-build: DSFR subset ${Math.round(css.length / 1024)} KB (${kept} rules kept, ${dropped} dropped); ` +
    `assets ${Math.round(raw / 1024)} KB, ${Math.round(br / 1024)} KB with brotli`,
);
