// Parses Mermaid diagrams with the real Mermaid (its browser bundle, in a
// headless Chromium driven by playwright-core) and checks each outcome.
//
//   node scripts/mermaid-parse.mjs [--accept] FILE... [--reject FILE...]
//
// Files after `--accept` (the default) must parse; files after `--reject`
// must fail to parse. One line per file; exit 0 when every file behaved as
// expected, 1 when one did not, 2 when Mermaid or the browser could not be
// loaded. No network: the bundle is injected from disk into about:blank.
//
// MERMAID_NODE_DIR: where `npm install --prefix DIR mermaid@11 playwright-core`
// put its node_modules (default: target/node-mermaid beside this script).
// CHROMIUM: the browser binary (default: /usr/bin/chromium).

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const nodeDir = process.env.MERMAID_NODE_DIR ?? path.join(here, '..', 'target', 'node-mermaid');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const bundle = path.join(nodeDir, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');

const jobs = [];
let expect = 'accept';
for (const arg of process.argv.slice(2)) {
  if (arg === '--accept' || arg === '--reject') {
    expect = arg.slice(2);
  } else {
    jobs.push({ file: arg, expect });
  }
}
if (jobs.length === 0) {
  console.error('usage: mermaid-parse.mjs [--accept] FILE... [--reject FILE...]');
  process.exit(2);
}

let browser;
try {
  const require = createRequire(path.join(nodeDir, 'package.json'));
  const { chromium } = require('playwright-core');
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
} catch (error) {
  console.error(`error: cannot start ${chromiumPath} with playwright-core from ${nodeDir}: ${error.message}`);
  process.exit(2);
}

let failures = 0;
try {
  const page = await browser.newPage();
  await page.goto('about:blank');
  await page.addScriptTag({ path: bundle });
  await page.evaluate(() => globalThis.mermaid.initialize({ startOnLoad: false }));
  const { version } = JSON.parse(
    readFileSync(path.join(nodeDir, 'node_modules', 'mermaid', 'package.json'), 'utf8'),
  );
  console.log(`mermaid ${version} in Chromium ${browser.version()}`);

  for (const { file, expect } of jobs) {
    const text = readFileSync(file, 'utf8');
    const result = await page.evaluate(async (source) => {
      try {
        const parsed = await globalThis.mermaid.parse(source);
        return { ok: true, type: parsed.diagramType };
      } catch (error) {
        return { ok: false, error: String(error?.message ?? error) };
      }
    }, text);
    if (result.ok && result.type !== 'journey') {
      result.ok = false;
      result.error = `parsed as a ${result.type} diagram, not a journey`;
    }
    const outcome = result.ok ? 'accepted' : 'rejected';
    const good = (expect === 'accept') === result.ok;
    if (!good) failures += 1;
    const detail = result.ok ? '' : `: ${result.error.replace(/\s+/g, ' ').trim()}`;
    console.log(`${good ? 'ok  ' : 'FAIL'} ${outcome} (expected: ${expect}) ${file}${detail}`);
  }
} catch (error) {
  console.error(`error: ${error.message}`);
  await browser.close();
  process.exit(2);
}
await browser.close();
if (failures > 0) {
  console.error(`${failures} diagram(s) did not behave as expected`);
  process.exit(1);
}
