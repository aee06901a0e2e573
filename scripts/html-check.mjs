// Opens exported journey-map pages in headless Chromium and fails on anything
// that a self-contained, working page must not do.
//
//   node scripts/html-check.mjs --screenshots DIR [--expect-fail] PAGE.html[=TITLE] …
//
// For each page, from its file:// URL: no console error and no page error; no
// request other than the page's own file; an <svg> with a <title>; an <h1>
// showing TITLE (when given); a full-page screenshot DIR/<name>.png; and a
// rendering with print media emulated, without error. With --expect-fail the
// pages are deliberately bad ones: every one of them must be reported, and the
// exit status is 0 only if so (this proves the check can fail).
//
// Exit status: 0 all good, 1 a page failed (each failure names its file).

import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const modules = process.env.PLAYWRIGHT_MODULES;
let playwright;
try {
  playwright = modules
    ? require(require.resolve('playwright-core', { paths: [modules] }))
    : require('playwright-core');
} catch (error) {
  console.error(`html-check: cannot load playwright-core (${error.message}); run scripts/test-html`);
  process.exit(2);
}

const args = process.argv.slice(2);
let screenshots = null;
let expectFail = false;
const pages = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--screenshots') screenshots = args[++i];
  else if (args[i] === '--expect-fail') expectFail = true;
  else {
    const eq = args[i].indexOf('=');
    pages.push(eq < 0 ? { file: args[i], title: null } : { file: args[i].slice(0, eq), title: args[i].slice(eq + 1) });
  }
}
if (pages.length === 0) {
  console.error('html-check: no page given');
  process.exit(2);
}

/** Every problem of one page, as sentences. */
async function check(browser, { file, title }) {
  const problems = [];
  const url = pathToFileURL(path.resolve(file)).href;
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', async (dialog) => {
    problems.push(`a script opened a dialog (${dialog.type()}): ${dialog.message()}`);
    await dialog.dismiss().catch(() => {});
  });
  page.on('request', (request) => {
    if (request.url() !== url) problems.push(`network request: ${request.url()}`);
  });
  // Nothing may leave the page; aborted requests still fire 'request' above.
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');

    const svgTitles = await page.locator('svg > title').count();
    if (svgTitles === 0) problems.push('no <svg> element with a <title>');
    const h1 = page.locator('h1');
    if ((await h1.count()) !== 1) problems.push(`expected one <h1>, found ${await h1.count()}`);
    else if (title !== null) {
      const shown = (await h1.innerText()).trim();
      if (!(await h1.isVisible())) problems.push('the <h1> is not visible');
      if (shown !== title) problems.push(`the <h1> shows ${JSON.stringify(shown)}, not the map's title ${JSON.stringify(title)}`);
    }
    if (await page.locator('script').count()) problems.push('the page has a <script> element');
    const lang = await page.evaluate(() => document.documentElement.lang);
    if (lang !== 'en') problems.push(`<html lang> is ${JSON.stringify(lang)}`);

    if (screenshots) {
      const name = path.basename(file).replace(/\.html?$/, '');
      await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
    }
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    const printedH1 = await page.locator('h1').first().isVisible().catch(() => false);
    if (!printedH1) problems.push('the <h1> is not visible in print');
  } catch (error) {
    problems.push(`could not check the page: ${error.message}`);
  } finally {
    await context.close();
  }
  return problems;
}

if (screenshots) mkdirSync(screenshots, { recursive: true });
const browser = await playwright.chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
let failed = 0;
try {
  for (const target of pages) {
    const problems = await check(browser, target);
    const name = target.file;
    if (expectFail) {
      if (problems.length === 0) {
        console.error(`FAIL ${name}: a deliberately bad page passed the check`);
        failed++;
      } else {
        console.log(`ok   ${name}: the bad page was caught: ${problems.join('; ')}`);
      }
    } else if (problems.length > 0) {
      for (const problem of problems) console.error(`FAIL ${name}: ${problem}`);
      failed++;
    } else {
      console.log(`ok   ${name}`);
    }
  }
} finally {
  await browser.close();
}
process.exit(failed > 0 ? 1 : 0);
