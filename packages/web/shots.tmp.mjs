import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
const base = process.argv[2] ?? 'http://127.0.0.1:3100';
const pages = (process.argv[3] ?? '/').split(',');
const width = Number(process.env.W ?? 1280);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--no-first-run','--disable-sync'] });
const ctx = await browser.newContext({ viewport: { width, height: 900 } });
const page = await ctx.newPage();
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.type(), m.text().slice(0, 300)); });
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('requestfailed', (r) => console.log('reqfailed', r.url()));
page.on('response', (r) => { if (r.status() >= 400) console.log('http', r.status(), r.url()); });
for (const p of pages) {
  const res = await page.goto(base + p, { waitUntil: 'networkidle' });
  const name = (p.replace(/[^a-z0-9]+/gi, '_') || 'root') + (width < 800 ? '_m' : '');
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  console.log(p, res.status(), await page.title(), 'axe violations:', axe.violations.length);
  for (const v of axe.violations) console.log('  ', v.id, v.impact, v.help, v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | '));
}
await browser.close();
