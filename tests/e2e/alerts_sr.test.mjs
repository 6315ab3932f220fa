// End-to-end test of the compliance rules' words in Serbian, in Debian's
// Chromium against a real `lantern serve` with the synthetic demo data: a
// service without consent raises `service-without-consent`; the inbox and the
// case page show the rule's title, standard and action in English (en), in
// Serbian Latin (sr-Latn, no lang="en" marker) and transliterated (sr-Cyrl);
// the per-case message stays English and is marked lang="en".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLantern, Client } from '../support/lantern.mjs';
import { launch, axeCheck, expectHeading, openSignedIn } from './browser.mjs';

const COORDINATOR = { username: 'demo-coordinator', password: 'demo-coordinator-synthetic-demo' };
const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of 401/;
const TITLE_EN = 'Service delivered without informed consent';
const TITLE_SR = 'Usluga pružena bez informisane saglasnosti';
const TITLE_CYRL = 'Услуга пружена без информисане сагласности';

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

let server;
let browser;
let page;
let caseId;
const problems = [];

before(async () => {
  server = await startLantern({ demo: true });
  const api = new Client(server.url);
  assert.equal((await api.login(COORDINATOR.username, COORDINATOR.password)).status, 200);
  const made = await api.post('/api/v1/cases', {
    person: { sex: 'female', birth_year: 1990, citizenship: ['RS'] },
    referral: { date: day(-40), source: 'police' }, exploitation: ['forced_labour'], countries_of_exploitation: ['RS'],
  });
  assert.equal(made.status, 201, made.text);
  caseId = made.json.id;
  const svc = await api.post(`/api/v1/cases/${caseId}/services`, { type: 'medical', status: 'active', start_date: day(-30) });
  assert.equal(svc.status, 201, svc.text);
  browser = await launch();
  ({ page } = await openSignedIn(browser, server.url, COORDINATOR, problems, EXPECTED_CONSOLE));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (problems.length) console.log(problems.join('\n'));
});

// The title text of the first alert card (after the severity badge).
const titleSpan = () => page.locator('.records--cards .alert__title > span:not(.badge)').first();

test('the inbox shows the rule in English, Serbian Latin and Serbian Cyrillic', async () => {
  await page.goto(`${server.url}/#/alerts?rule=service-without-consent&status=open&case=${caseId}`);
  await expectHeading(page, 'Compliance alerts');
  await page.locator('.records--cards li').first().waitFor();
  assert.equal(await titleSpan().innerText(), TITLE_EN);
  assert.equal(await titleSpan().getAttribute('lang'), null);

  await page.selectOption('#language', 'sr-Latn');
  await expectHeading(page, 'Upozorenja o poštovanju standarda');
  await page.locator('.records--cards li').first().waitFor();
  assert.equal(await titleSpan().innerText(), TITLE_SR);
  assert.equal(await titleSpan().getAttribute('lang'), null, 'Serbian text is not marked as English');
  const card = await page.locator('.records--cards li').first().innerText();
  assert.match(card, /informisanu saglasnost/);
  // The per-case message is generated in English only, and marked so.
  assert.equal(await page.locator('.records--cards .alert__message').first().getAttribute('lang'), 'en');
  // The rule filter lists the Serbian titles too.
  assert.ok((await page.locator('#f-rule option').allInnerTexts()).includes(TITLE_SR));
  await axeCheck(page, 'alerts inbox, Serbian Latin');

  await page.selectOption('#language', 'sr-Cyrl');
  await expectHeading(page, 'Упозорења о поштовању стандарда');
  await page.locator('.records--cards li').first().waitFor();
  assert.equal(await titleSpan().innerText(), TITLE_CYRL);
  assert.equal(await titleSpan().getAttribute('lang'), null);
  assert.match(await page.locator('.records--cards li').first().innerText(), /информисану сагласност/);
});

test('the case page alerts box shows the Serbian title in Cyrillic', async () => {
  await page.goto(`${server.url}/#/cases/${caseId}`);
  const box = page.locator('#section-alerts');
  await box.locator('.alert__title').first().waitFor();
  const titles = await box.locator('.alert__title > span:not(.badge)').allInnerTexts();
  assert.ok(titles.includes(TITLE_CYRL), JSON.stringify(titles));
  await page.selectOption('#language', 'en');
  await box.locator('.alert__title').first().waitFor();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.locator('#section-alerts .alert__title', { hasText: TITLE_EN }).first().waitFor();
});

test('no script errors or CSP violations', () => {
  assert.deepEqual(problems, []);
});
