import { chromium } from 'playwright-core';
const [url, name, ...ys] = process.argv.slice(2);
const width = Number(process.env.W ?? 1280);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
await page.goto(url, { waitUntil: 'networkidle' });
for (const y of ys.length ? ys : ['0']) {
  await page.evaluate((y) => window.scrollTo(0, Number(y)), y);
  await page.waitForTimeout(100);
  await page.screenshot({ path: `/tmp/shots/${name}-${y}.png` });
}
await browser.close();
