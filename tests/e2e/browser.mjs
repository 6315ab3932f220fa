// Shared pieces of the browser tests: Debian's Chromium through
// playwright-core (no downloaded browser), axe-core injected with
// page.evaluate (the CSP blocks the inline <script> of addScriptTag, and
// the tests run under the CSP users get), the 360 px overflow check,
// screenshots and sign-in.
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const shots = path.join(here, 'screenshots');
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** Collects page errors and console errors into SINK, except those that
 *  match EXPECTED (answers the UI provokes on purpose). */
export function watch(p, sink, expected) {
  p.on('pageerror', (err) => sink.push(`page error: ${err.message}`));
  p.on('console', (msg) => {
    if (msg.type() === 'error' && !expected.test(msg.text())) sink.push(`console: ${msg.text()}`);
  });
}

/** Runs axe on the page; fails on serious or critical violations, printing them. */
export async function axeCheck(p, label) {
  if (!(await p.evaluate(() => typeof window.axe === 'object'))) await p.evaluate(axeSource);
  const violations = await p.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  });
  for (const v of violations) {
    console.log(`axe [${label}] ${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.join('\n  ')}`);
  }
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.equal(bad.length, 0, `${label}: ${bad.length} serious/critical axe violations:\n${JSON.stringify(bad, null, 2)}`);
}

export async function noHorizontalOverflow(p, label) {
  const { scroll, client } = await p.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, client: window.innerWidth,
  }));
  assert.ok(scroll <= client, `${label}: page is ${scroll}px wide at a ${client}px viewport`);
}

/** At 360 px: no horizontal scrolling, and axe passes there too. */
export async function phoneCheck(p, label) {
  const size = p.viewportSize();
  await p.setViewportSize(PHONE);
  try {
    await noHorizontalOverflow(p, `${label}, 360 px`);
    await axeCheck(p, `${label}, 360 px`);
  } finally {
    await p.setViewportSize(size);
  }
}

export async function shot(p, name) {
  await mkdir(shots, { recursive: true });
  const file = path.join(shots, name);
  await p.screenshot({ path: file, fullPage: true });
  return file;
}

/** Waits until the page's h1 reads TEXT (or matches it, for a RegExp). */
export async function expectHeading(p, text) {
  try {
    await p.waitForFunction((want) => {
      const got = document.querySelector('main h1')?.textContent.trim() ?? '';
      return want.re ? new RegExp(want.re).test(got) : got === want.s;
    }, text instanceof RegExp ? { re: text.source } : { s: text }, { timeout: 5000 });
  } catch {
    assert.fail(`expected the heading ${text}, found "${(await p.locator('main h1').textContent().catch(() => ''))?.trim()}"`);
  }
}

export async function signIn(p, url, who) {
  await p.goto(url);
  await p.waitForURL(/#\/login$/);
  await p.fill('#username', who.username);
  await p.fill('#password', who.password);
  await p.click('form button[type=submit]');
  await p.waitForURL(/#\/dashboard$/);
}

/** A desktop page of BROWSER signed in to URL as WHO, its console and CSP
 *  reports collected into PROBLEMS (EXPECTED ones aside): {context, page}. */
export async function openSignedIn(browser, url, who, problems, expected) {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  watch(page, problems, expected);
  await signIn(page, url, who);
  return { context, page };
}
