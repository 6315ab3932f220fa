// End-to-end test of the UI shell in Debian's Chromium (playwright-core, no
// downloaded browser) against a real `lantern serve`: sign in, dashboard,
// Serbian Cyrillic (remembered across a reload), account page, a server-side
// form error, 360 px layout, sign out; then the idle lock and the cross-tab
// sign-out. axe-core checks every page visited and fails on any serious or
// critical violation.
//
// axe is injected with page.evaluate(source), not page.addScriptTag: the
// server's CSP (script-src 'self') blocks the inline <script> that
// addScriptTag creates, and we do not weaken the CSP (no bypassCSP) for it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, copyFile, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startLantern } from '../support/lantern.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const shots = path.join(here, 'screenshots');
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

let server;
let browser;
let context;
let page;
let user;            // {username, password}
const problems = []; // console errors and page errors of the main page

// Console errors the UI causes on purpose: the first /me before sign-in
// answers 401, a rejected password change answers 400.
const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (400|401)/;

function watch(p, sink) {
  p.on('pageerror', (err) => sink.push(`page error: ${err.message}`));
  p.on('console', (msg) => {
    if (msg.type() === 'error' && !EXPECTED_CONSOLE.test(msg.text())) sink.push(`console: ${msg.text()}`);
  });
}

/** Runs axe on the page; fails on serious or critical violations, printing them. */
async function axeCheck(p, label) {
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

async function noHorizontalOverflow(p, label) {
  const { scroll, client } = await p.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, client: window.innerWidth,
  }));
  assert.ok(scroll <= PHONE.width, `${label}: page is ${scroll}px wide at a ${client}px viewport`);
}

async function shot(p, name) {
  await mkdir(shots, { recursive: true });
  const file = path.join(shots, name);
  await p.screenshot({ path: file, fullPage: true });
  return file;
}

/** Waits until the page's h1 reads TEXT (routes render after the URL changes). */
async function expectHeading(p, text) {
  const h1 = p.locator('main h1');
  try {
    await p.waitForFunction((t) => document.querySelector('main h1')?.textContent.trim() === t, text, { timeout: 5000 });
  } catch {
    assert.fail(`expected the heading "${text}", found "${(await h1.textContent().catch(() => ''))?.trim()}"`);
  }
}

async function signIn(p, who) {
  await p.goto(server.url);
  await p.waitForURL(/#\/login$/);
  await p.fill('#username', who.username);
  await p.fill('#password', who.password);
  await p.click('form button[type=submit]');
  await p.waitForURL(/#\/dashboard$/);
}

// One of the synthetic demo logins that `lantern demo` creates and prints.
const DEMO_USER = { username: 'demo-coordinator', password: 'demo-coordinator-synthetic-demo' };

before(async () => {
  server = await startLantern({ demo: true });
  user = { ...DEMO_USER };
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  watch(page, problems);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (problems.length) console.log(problems.join('\n'));
});

test('the login page is accessible and in English', async () => {
  await page.goto(server.url);
  await page.waitForURL(/#\/login$/);
  await expectHeading(page, 'Sign in');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.title(), 'Sign in · Lantern');
  await axeCheck(page, 'login, English');
  await shot(page, 'login.png');
});

test('a wrong password is refused with a message', async () => {
  await page.fill('#username', user.username);
  await page.fill('#password', 'not-the-password');
  await page.click('form button[type=submit]');
  const alert = page.locator('.error-summary');
  await alert.waitFor();
  assert.match(await alert.textContent(), /username or password is not correct/);
  assert.equal(await page.inputValue('#password'), '', 'the password field is cleared');
  await axeCheck(page, 'login with error, English');
});

test('signing in by keyboard alone shows the dashboard', async () => {
  await page.reload();
  await expectHeading(page, 'Sign in');
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'skip-link', 'the skip link comes first');
  await page.keyboard.press('Enter');
  assert.equal(await focused(), 'page-title', 'the skip link moves focus to the page heading');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'username');
  await page.keyboard.type(user.username);
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'password');
  await page.keyboard.type(user.password);
  await page.keyboard.press('Enter');
  await page.waitForURL(/#\/dashboard$/);
  await expectHeading(page, 'Dashboard');
  const figure = page.locator('#figure-persons .figure__value');
  await figure.waitFor();
  assert.match((await figure.textContent()).trim(), /^\d[\d,]*$/);
  const header = await page.locator('header').textContent();
  assert.ok(header.includes(user.username), 'the header names the signed-in user');
  assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), 'Dashboard');
  assert.ok(!(await page.title()).includes(user.username), 'no user data in the title');
  // The coordinator's assessment card: the Watch List clock for Serbia, and trends as words.
  const clock = page.locator('#clock-sentence');
  await clock.waitFor();
  assert.match(await clock.textContent(), /2 of 2 years used, waiver used: the next report must place the country on Tier 2 or better, or Tier 3/);
  assert.match(await page.locator('section[aria-labelledby="assess-title"] tbody').textContent(), /up|flat|down|not comparable/);
  await axeCheck(page, 'dashboard, English');
  const file = await shot(page, 'dashboard.png');
  // The README's picture is refreshed on request only, so a test run leaves the tree clean.
  if (process.env.LANTERN_UPDATE_DOCS_SCREENSHOT) {
    await mkdir(path.join(root, 'docs', 'img'), { recursive: true });
    await copyFile(file, path.join(root, 'docs', 'img', 'dashboard.png'));
  }
});

test('the assessment card shows each figure\'s evidence and switches to the calendar year', async () => {
  const card = page.locator('section[aria-labelledby="assess-title"]');
  const caption = card.locator('#assess-card caption');
  await caption.waitFor();
  const now = new Date().toISOString().slice(0, 10);
  const reporting = Number(now.slice(0, 4)) - (now.slice(5) < '04-01' ? 1 : 0);
  const calendar = Number(now.slice(0, 4)) - 1;
  assert.equal(await card.locator('#assess-period input:checked').getAttribute('value'), 'reporting');
  assert.match(await caption.innerText(), new RegExp(`^Reporting year ${reporting} \\(`));
  // The evidence is in a disclosure per figure, hidden until opened, and
  // reachable by keyboard (no tooltip).
  const row = card.locator('#assess-victims_identified');
  const text = row.locator('.evidence__text');
  assert.equal(await text.isVisible(), false, 'closed at first');
  assert.equal(await row.locator('td[title]').count(), 0, 'no tooltip');
  await row.locator('summary').focus();
  await page.keyboard.press('Enter');
  await text.waitFor({ state: 'visible' });
  assert.match(await text.innerText(), new RegExp(`identified from ${reporting - 1}-04-01 to ${reporting}-03-31; \\d+ identified from ${reporting - 2}-04-01 to ${reporting - 1}-03-31`));
  assert.match(await row.locator('summary').innerText(), /^Show/);
  await axeCheck(page, 'dashboard, evidence open');
  // The calendar year: another period in the caption and in the evidence.
  await card.locator('#assess-period input[value="calendar"]').check();
  await page.waitForFunction((y) => document.querySelector('#assess-card caption')?.textContent.startsWith(`Calendar year ${y} (`), calendar);
  await row.locator('summary').click();
  await text.waitFor({ state: 'visible' });
  assert.match(await text.innerText(), new RegExp(`identified from ${calendar}-01-01 to ${calendar}-12-31; \\d+ identified from ${calendar - 1}-01-01 to ${calendar - 1}-12-31`));
  const places = card.locator('#assess-shelter_places');
  await places.locator('summary').click();
  assert.match(await places.locator('.evidence__text').innerText(), new RegExp(`places? on ${calendar}-12-31; \\d+ on ${calendar - 1}-12-31`));
  await axeCheck(page, 'dashboard, calendar year');
});

test('the dashboard fits a 360 px phone', async () => {
  await page.setViewportSize(PHONE);
  await noHorizontalOverflow(page, 'dashboard, English, 360 px');
  await axeCheck(page, 'dashboard, English, 360 px');
  await shot(page, 'dashboard-mobile.png');
  await page.setViewportSize(DESKTOP);
});

test('switching to Serbian Cyrillic translates the page and sets lang', async () => {
  await page.selectOption('#language', 'sr-Cyrl');
  await page.waitForFunction(() => document.documentElement.lang === 'sr-Cyrl');
  await expectHeading(page, 'Преглед');
  assert.equal(await page.locator('#logout').textContent(), 'Одјави се');
  assert.match(await page.locator('#figure-persons .figure__label').textContent(), /^[\u0400-\u04FF ]+$/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'language', 'focus stays on the switcher');
  // The evidence in the user's language, built from the figure (the server
  // writes its sentence in English only).
  const evidence = page.locator('#assess-victims_identified');
  await evidence.locator('summary').click();
  assert.match(await evidence.locator('summary').innerText(), /^Прикажи/);
  assert.match(await evidence.locator('.evidence__text').innerText(), /^\d+ у периоду од .+ до .+; \d+ у периоду од .+ до .+$/);
  assert.doesNotMatch(await evidence.locator('.evidence__text').innerText(), /[a-z]/i);
  await axeCheck(page, 'dashboard, Cyrillic');
});

test('the language is remembered across a reload, and the session too', async () => {
  await page.reload();
  await page.waitForFunction(() => document.documentElement.lang === 'sr-Cyrl');
  await page.waitForURL(/#\/dashboard$/);
  await expectHeading(page, 'Преглед');
  assert.equal(await page.inputValue('#language'), 'sr-Cyrl');
});

test('the account page shows the user and the server\'s field errors', async () => {
  await page.click('nav a[href="#/account"]');
  await page.waitForURL(/#\/account$/);
  await expectHeading(page, 'Налог');
  assert.ok((await page.locator('main dl').textContent()).includes(user.username));
  await axeCheck(page, 'account, Cyrillic');

  // The current password is checked only by the server: its 400 problem
  // names the field, and the UI shows the message next to that field.
  await page.fill('#current-password', 'certainly-not-my-password');
  await page.fill('#new-password', 'a long enough new password');
  await page.fill('#repeat-password', 'a long enough new password');
  await page.click('main form button[type=submit]');
  const err = page.locator('#current-password-error');
  await err.waitFor({ state: 'visible' });
  assert.equal((await err.textContent()).replace(/^Грешка:\s*/, ''), 'Тренутна лозинка није исправна.');
  assert.equal(await page.getAttribute('#current-password', 'aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'current-password');
  assert.ok(await page.locator('#new-password-error').isHidden());
  await axeCheck(page, 'account with errors, Cyrillic');
  await shot(page, 'account-cyrillic.png');
});

test('the password can be changed', async () => {
  const next = `${user.password}-changed-in-e2e`;
  await page.fill('#current-password', user.password);
  await page.fill('#new-password', next);
  await page.fill('#repeat-password', next);
  await page.click('main form button[type=submit]');
  const done = page.locator('main .notice');
  await done.waitFor();
  assert.equal((await done.textContent()).trim(), 'Лозинка је промењена.');
  assert.ok(await page.locator('#current-password-error').isHidden());
  for (const id of ['current-password', 'new-password', 'repeat-password']) {
    assert.equal(await page.inputValue(`#${id}`), '', `#${id} is emptied`);
  }
  user = { ...user, password: next };
});

test('every signed-in page fits 360 px in Cyrillic', async () => {
  await page.setViewportSize(PHONE);
  for (const [route, title] of [['account', 'Налог'], ['dashboard', 'Преглед'], ['cases', 'Случајеви']]) {
    await page.click(`nav a[href="#/${route}"]`);
    await page.waitForURL(new RegExp(`#/${route}$`));
    await expectHeading(page, title);
    await noHorizontalOverflow(page, `${route}, Cyrillic, 360 px`);
  }
  await axeCheck(page, 'cases, Cyrillic, 360 px');
  await page.setViewportSize(DESKTOP);
});

test('logging out returns to the login page and ends the session', async () => {
  await page.click('#logout');
  await page.waitForURL(/#\/login$/);
  await expectHeading(page, 'Пријава');
  assert.match(await page.locator('main .notice').textContent(), /Одјавили сте се/);
  assert.equal(await page.locator('header nav').count(), 0, 'no navigation after sign-out');
  const status = await page.evaluate(async () => (await fetch('api/v1/me')).status);
  assert.equal(status, 401);
  await axeCheck(page, 'login, Cyrillic');
  await page.setViewportSize(PHONE);
  await noHorizontalOverflow(page, 'login, Cyrillic, 360 px');
  await page.setViewportSize(DESKTOP);
  await page.goto(`${server.url}/#/account`);
  await page.waitForURL(/#\/login$/);
});

test('the page has no script errors or CSP violations', () => {
  assert.deepEqual(problems, []);
});

test('after the idle time the UI warns, then signs out and clears the screen', async () => {
  const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
  ctx.setDefaultTimeout(10_000);
  const p = await ctx.newPage();
  const errors = [];
  watch(p, errors);
  try {
    await p.clock.install();
    await signIn(p, user);
    await p.locator('#figure-persons .figure__value').waitFor();

    await p.clock.fastForward('29:30');
    const dialog = p.locator('dialog[open]');
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /signed out in \d+ seconds/);
    await axeCheck(p, 'idle warning, English');

    await p.keyboard.press('Shift'); // any input keeps the session
    await dialog.waitFor({ state: 'detached' });
    await expectHeading(p, 'Dashboard');

    await p.clock.fastForward('29:30');
    await dialog.waitFor();
    await p.clock.fastForward('00:40');
    await p.waitForURL(/#\/login$/);
    assert.match(await p.locator('main .notice').textContent(), /signed out after 30 minutes without activity/);
    assert.equal(await p.locator('#figure-persons').count(), 0, 'the dashboard is gone');
    const status = await p.evaluate(async () => (await fetch('api/v1/me')).status);
    assert.equal(status, 401, 'the server session has ended too');
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});

test('signing out in one tab clears the other tabs', async () => {
  const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
  ctx.setDefaultTimeout(10_000);
  try {
    const first = await ctx.newPage();
    await signIn(first, user);
    const second = await ctx.newPage();
    await second.goto(`${server.url}/#/account`);
    await second.waitForURL(/#\/account$/);
    await expectHeading(second, 'Account');
    await first.click('#logout');
    await first.waitForURL(/#\/login$/);
    await second.waitForURL(/#\/login$/);
    assert.equal(await second.locator('main dl').count(), 0, 'the account details are gone');
  } finally {
    await ctx.close();
  }
});

test('after repeated failed sign-ins the UI says when to try again', async () => {
  const ctx = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
  ctx.setDefaultTimeout(10_000);
  try {
    const p = await ctx.newPage();
    await p.goto(server.url);
    await expectHeading(p, 'Sign in');
    const summary = p.locator('.error-summary');
    let text = '';
    for (let i = 0; i < 8 && !/Too many failed attempts/.test(text); i++) {
      await p.fill('#username', 'demo-auditor');
      await p.fill('#password', `wrong-password-${i}`);
      await p.click('form button[type=submit]');
      await p.waitForFunction(() => document.querySelector('form')?.getAttribute('aria-busy') === 'false');
      text = await summary.textContent();
    }
    assert.match(text, /Too many failed attempts\. Try again after \d{1,2}:\d{2}/);
    await axeCheck(p, 'login locked, English');
  } finally {
    await ctx.close();
  }
});
