// End-to-end test of the compliance rules' words in Serbian, in Debian's
// Chromium against a real `lantern serve` with the synthetic demo data: a
// service without consent raises `service-without-consent`; the inbox and the
// case page show the rule's title, standard and action in English (en), in
// Serbian Latin (sr-Latn, no lang="en" marker) and transliterated (sr-Cyrl);
// the per-case message is the server's English one in English, and in
// Serbian is made from the alert's detail (web/js/alertmsg.js): the service
// named as the case page names it, the date in the Serbian format, no
// lang="en" marker. tests/api/alert_messages.test.mjs checks every rule.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLantern, Client } from '../support/lantern.mjs';
import { launch, axeCheck, expectHeading, openSignedIn } from './browser.mjs';

const COORDINATOR = { username: 'demo-coordinator', password: 'demo-coordinator-synthetic-demo' };
const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of 401/;
const TITLE_EN = 'Service delivered without informed consent';
const TITLE_SR = 'Usluga pružena bez informisane saglasnosti';
const TITLE_CYRL = 'Услуга пружена без информисане сагласности';
// The service-without-consent message for an active medical service.
const MESSAGE_SR = /^Za uslugu „Zdravstvena zaštita” \(stanje: u toku, početak \d{1,2}\. [a-z]{3} \d{4}\.\) nije evidentirana informisana saglasnost\.$/;
const MESSAGE_CYRL = /^За услугу „Здравствена заштита” \(стање: у току, почетак \d{1,2}\. [а-я]{3} \d{4}\.\) није евидентирана информисана сагласност\.$/;

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

let server;
let browser;
let page;
let caseId;
let alert; // the service-without-consent alert, as the API answers it
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
  const alerts = await api.get(`/api/v1/alerts?case=${caseId}&rule=service-without-consent`);
  assert.equal(alerts.status, 200, alerts.text);
  alert = alerts.json.items[0];
  assert.equal(alert.detail.service, 'medical');
  assert.match(alert.message, /^The medical service \(active, started \d{4}-\d{2}-\d{2}\) has no informed consent recorded\.$/);
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
const message = () => page.locator('.records--cards .alert__message').first();

test('the inbox shows the rule in English, Serbian Latin and Serbian Cyrillic', async () => {
  await page.goto(`${server.url}/#/alerts?rule=service-without-consent&status=open&case=${caseId}`);
  await expectHeading(page, 'Compliance alerts');
  await page.locator('.records--cards li').first().waitFor();
  assert.equal(await titleSpan().innerText(), TITLE_EN);
  assert.equal(await titleSpan().getAttribute('lang'), null);
  // English shows the server's own message.
  assert.equal(await message().innerText(), alert.message);
  assert.equal(await message().getAttribute('lang'), null);

  await page.selectOption('#language', 'sr-Latn');
  await expectHeading(page, 'Upozorenja o poštovanju standarda');
  await page.locator('.records--cards li').first().waitFor();
  assert.equal(await titleSpan().innerText(), TITLE_SR);
  assert.equal(await titleSpan().getAttribute('lang'), null, 'Serbian text is not marked as English');
  const card = await page.locator('.records--cards li').first().innerText();
  assert.match(card, /informisanu saglasnost/);
  // The per-case message in Serbian, from the alert's detail.
  assert.match(await message().innerText(), MESSAGE_SR);
  assert.equal(await message().getAttribute('lang'), null, 'the Serbian message is not marked as English');
  // The rule filter lists the Serbian titles too.
  assert.ok((await page.locator('#f-rule option').allInnerTexts()).includes(TITLE_SR));
  await axeCheck(page, 'alerts inbox, Serbian Latin');

  await page.selectOption('#language', 'sr-Cyrl');
  await expectHeading(page, 'Упозорења о поштовању стандарда');
  await page.locator('.records--cards li').first().waitFor();
  assert.equal(await titleSpan().innerText(), TITLE_CYRL);
  assert.equal(await titleSpan().getAttribute('lang'), null);
  assert.match(await page.locator('.records--cards li').first().innerText(), /информисану сагласност/);
  assert.match(await message().innerText(), MESSAGE_CYRL);
  assert.equal(await message().getAttribute('lang'), null);
});

test('one alert shows its message in Serbian', async () => {
  await page.goto(`${server.url}/#/alerts/${alert.id}`);
  const one = page.locator('main .alert__message');
  await one.waitFor();
  assert.match(await one.innerText(), MESSAGE_CYRL);
  assert.equal(await one.getAttribute('lang'), null);
});

test('the case page alerts box shows the Serbian title in Cyrillic', async () => {
  await page.goto(`${server.url}/#/cases/${caseId}`);
  const box = page.locator('#section-alerts');
  await box.locator('.alert__title').first().waitFor();
  const titles = await box.locator('.alert__title > span:not(.badge)').allInnerTexts();
  assert.ok(titles.includes(TITLE_CYRL), JSON.stringify(titles));
  const messages = await box.locator('.alert__message').allInnerTexts();
  assert.ok(messages.some((m) => MESSAGE_CYRL.test(m)), JSON.stringify(messages));
  assert.equal(await box.locator('.alert__message[lang="en"]').count(), 0, 'every message of the box is in Serbian');
  await page.selectOption('#language', 'en');
  await box.locator('.alert__title').first().waitFor();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.locator('#section-alerts .alert__title', { hasText: TITLE_EN }).first().waitFor();
  assert.ok((await box.locator('.alert__message').allInnerTexts()).includes(alert.message));
});

test('no script errors or CSP violations', () => {
  assert.deepEqual(problems, []);
});
