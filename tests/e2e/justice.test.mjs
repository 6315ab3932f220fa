// End-to-end test of the justice and alerts pages in Debian's Chromium
// against a real `lantern serve` with the synthetic demo data: a coordinator
// opens a criminal proceeding on a case (a server field error first, next to
// its field), charges article 388 and then 184 (the downgrade marker, then
// the compliance alert on the case page), finds the alert in the inbox,
// tries "resolved" (refused plainly: the data still shows the problem),
// justifies it with a reason, records a hearing with its protective measures
// and, in the protection section, a proceeding against the victim. axe-core
// runs on each new page (serious or critical violations fail), each is
// checked at 360 px, and the case page once in Cyrillic.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLantern, Client } from '../support/lantern.mjs';
import { launch, watch, axeCheck, phoneCheck, shot, expectHeading, signIn, DESKTOP, openSignedIn } from './browser.mjs';

const COORDINATOR = { username: 'demo-coordinator', password: 'demo-coordinator-synthetic-demo' };
// The answers the test provokes on purpose: the first /me before signing in
// (401), a refused paragraph (400) and "resolved" while the problem is still
// there (409).
const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (400|401|409)/;

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

let server;
let browser;
let page;
let api;
let caseId;
let caseNumber;
const problems = [];

before(async () => {
  server = await startLantern({ demo: true });
  api = new Client(server.url);
  assert.equal((await api.login(COORDINATOR.username, COORDINATOR.password)).status, 200);
  const made = await api.post('/api/v1/cases', {
    person: { sex: 'female', birth_year: 1994, citizenship: ['RS'] },
    referral: { date: day(-60), source: 'police' }, exploitation: ['sexual'], countries_of_exploitation: ['RS'],
  });
  assert.equal(made.status, 201, made.text);
  ({ id: caseId, case_number: caseNumber } = made.json);
  browser = await launch();
  ({ page } = await openSignedIn(browser, server.url, COORDINATOR, problems, EXPECTED_CONSOLE));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (problems.length) console.log(problems.join('\n'));
});

const section = (name) => page.locator(`#section-${name}`);
async function focusedOn(id) {
  await page.waitForFunction((want) => document.activeElement?.id === want, id);
}

test('the dashboard counts the open alerts and links to the inbox', async () => {
  await page.locator('#figure-alerts').waitFor();
  const open = (await api.get('/api/v1/alerts?status=open&per_page=1')).json.total;
  assert.ok(open > 0, 'the demo data raises alerts');
  assert.equal(await page.locator('#figure-alerts .figure__value').innerText(), String(open));
  assert.equal(await page.locator('nav a[href="#/alerts"]').innerText(), 'Alerts');
  await page.click('#figure-alerts');
  await page.waitForURL(/#\/alerts\?status=open$/);
  await expectHeading(page, 'Compliance alerts');
  await page.locator('#results-title').filter({ hasText: /alerts?$/ }).waitFor();
  assert.match(await page.locator('#results-title').innerText(), new RegExp(`^${open} alerts$`));
  // Counts by rule link to the inbox filtered by that rule.
  const byRule = page.locator('.counts--rules a').first();
  assert.match(await byRule.getAttribute('href'), /^#\/alerts\?rule=[a-z-]+&status=open$/);
  // Lists show case numbers, never a name.
  assert.match(await page.locator('.records--cards li').first().innerText(), /Case LT-\d{4}-\d{6}/);
  await axeCheck(page, 'alerts inbox');
  await phoneCheck(page, 'alerts inbox');
  await shot(page, 'alerts.png');
});

test('a coordinator opens a proceeding, and the downgraded charge raises an alert on the case', async () => {
  await page.goto(`${server.url}/#/cases/${caseId}`);
  await expectHeading(page, `Case ${caseNumber}`);
  const procs = section('proceedings');
  await procs.locator('#open-proc-new').waitFor();
  assert.equal(await procs.locator('h2').innerText(), 'Criminal proceedings');
  assert.match(await procs.innerText(), /No criminal proceeding is recorded for this case\./);
  assert.ok(await section('protection').isVisible());
  assert.ok(await section('alerts').isVisible(), 'the alerts box is on the case page');
  await axeCheck(page, 'case page with the justice sections');

  await page.click('#open-proc-new');
  await page.waitForFunction(() => document.activeElement?.textContent === 'Record a criminal proceeding');
  // Local checks first.
  await procs.locator('button[type=submit]').click();
  await page.locator('#proc-new-victim-role-error:not([hidden])').waitFor();
  assert.match(await page.locator('#proc-new-victim-role-error').innerText(), /Role of the person in the proceeding: this field is required/);
  await axeCheck(page, 'new proceeding, with errors');
  // Then a paragraph only the server can refuse: its error is next to the field.
  await page.fill('#proc-new-opened-date', day(-40));
  await page.selectOption('#proc-new-victim-role', 'injured_party');
  await page.selectOption('#proc-new-charge-article', '388');
  await page.fill('#proc-new-charge-paragraph', '99');
  await page.check('#proc-new-prosecutor-specialised');
  await page.fill('#proc-new-prosecutor-office', 'Higher Public Prosecutor, Belgrade (synthetic)');
  await procs.locator('button[type=submit]').click();
  await page.locator('#proc-new-charge-paragraph-error:not([hidden])').waitFor();
  assert.match(await page.locator('#proc-new-charge-paragraph-error').innerText(), /Paragraph: must be a paragraph of article 388/);
  assert.equal(await page.getAttribute('#proc-new-charge-paragraph', 'aria-invalid'), 'true');
  await focusedOn('proc-new-charge-paragraph');
  await phoneCheck(page, 'new proceeding, server error');
  await page.fill('#proc-new-charge-paragraph', '1');
  await procs.locator('button[type=submit]').click();
  await focusedOn('proceedings-title');
  let text = await procs.innerText();
  assert.match(text, /The proceeding has been recorded\./);
  assert.match(text, /Proceeding opened/);
  assert.match(text, /Charge now\s+Art\. 388\(1\) · Trafficking in human beings · trafficking offence/);
  assert.match(text, /Higher Public Prosecutor, Belgrade \(synthetic\) · specialised prosecutor/);
  assert.equal(await procs.locator('.marker').count(), 0, 'no downgrade yet');
  const pid = (await api.get(`/api/v1/cases/${caseId}/proceedings`)).json.items[0].id;

  // The charge becomes mediation in prostitution: marked as a downgrade.
  await page.click(`#open-proc-${pid}-charge`);
  await page.fill(`#proc-${pid}-charge-date`, day(-20));
  await page.selectOption(`#proc-${pid}-charge-article`, '184');
  await page.fill(`#proc-${pid}-charge-paragraph`, '1');
  await procs.locator('button[type=submit]').click();
  await focusedOn('proceedings-title');
  text = await procs.innerText();
  assert.match(text, /The charge has been recorded\./);
  assert.match(text, /Charge now\s+Art\. 184\(1\) · Mediation in prostitution · lesser offence/);
  assert.match(await procs.locator('.marker').innerText(), /Charge downgraded\. .*changed from a trafficking offence to Art\. 184\(1\)/);
  assert.match(await section('timeline').innerText(), /Charge changed: Art\. 184\(1\) · Mediation in prostitution · Downgraded from a trafficking offence/);
  // The compliance rules ran with the write: the alert is on the case page.
  const box = section('alerts');
  assert.match(await box.innerText(), /Trafficking charge changed to a lesser offence/);
  assert.match(await box.innerText(), /What to do:/);
  assert.match(await box.innerText(), /Standard: Trafficking should be prosecuted as trafficking.*\(TVPA/);
  await axeCheck(page, 'case page with a downgraded charge');
  await phoneCheck(page, 'case page with a downgraded charge');
  await shot(page, 'case-proceedings.png');
});

test('the alert: "resolved" is refused while the data shows the problem, "justified" needs a reason', async () => {
  const alert = (await api.get(`/api/v1/alerts?rule=charge-downgraded&case=${caseId}`)).json.items[0];
  assert.ok(alert, 'the charge-downgraded alert exists');
  await page.click(`#section-alerts a[href="#/alerts/${alert.id}"]`);
  await expectHeading(page, 'Alert');
  // The heading comes first; the alert follows once it (and the labels) load.
  await page.locator('main').filter({ hasText: `Case ${caseNumber}` }).waitFor();
  assert.match(await page.locator('main').innerText(), new RegExp(`Case ${caseNumber}`));
  await axeCheck(page, 'one alert');
  await page.click(`#alert-${alert.id}-resolve`);
  await page.fill(`#alert-${alert.id}-note`, 'Asked the prosecutor (synthetic).');
  await page.click(`#alert-${alert.id}-form button[type=submit]`);
  const summary = page.locator(`#alert-${alert.id}-form .error-summary`);
  await summary.waitFor();
  assert.match(await summary.innerText(), /still show the problem, so the alert stays open\. Record the fix on the case first, or mark the alert as justified\./);
  await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
  assert.equal((await api.get(`/api/v1/alerts/${alert.id}`)).json.status, 'open');
  await axeCheck(page, 'one alert, resolve refused');
  await phoneCheck(page, 'one alert, resolve refused');

  await page.click(`#alert-${alert.id}-justify`);
  assert.equal(await page.getAttribute(`#alert-${alert.id}-resolve`, 'aria-expanded'), 'false');
  await page.click(`#alert-${alert.id}-form button[type=submit]`);
  await page.locator(`#alert-${alert.id}-reason-error:not([hidden])`).waitFor();
  await focusedOn(`alert-${alert.id}-reason`);
  await page.fill(`#alert-${alert.id}-reason`, 'The court requalified after the victim withdrew testimony (synthetic).');
  await page.click(`#alert-${alert.id}-form button[type=submit]`);
  await page.locator('main .notice').waitFor();
  assert.match(await page.locator('main .notice').innerText(), /The alert is marked as justified\./);
  assert.match(await page.locator('main').innerText(), /Justified · raised/);
  assert.match(await page.locator('main').innerText(), /The court requalified after the victim withdrew testimony/);
  assert.equal((await api.get(`/api/v1/alerts/${alert.id}`)).json.status, 'justified');

  // The inbox filtered by rule and status (filters in the hash).
  await page.click('.back a');
  await expectHeading(page, 'Compliance alerts');
  await page.locator('#f-rule option[value="charge-downgraded"]').waitFor({ state: 'attached' });
  await page.selectOption('#f-rule', 'charge-downgraded');
  await page.selectOption('#f-status', 'justified');
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/#\/alerts\?rule=charge-downgraded&status=justified$/);
  await focusedOn('results-title');
  assert.match(await page.locator('#results-title').innerText(), /^1 alert$/);
  assert.match(await page.locator('.records--cards').innerText(), new RegExp(`Case ${caseNumber} · Justified`));
  await axeCheck(page, 'alerts inbox, filtered');
  await phoneCheck(page, 'alerts inbox, filtered');
});

test('a hearing with its protective measures, and a proceeding against the victim', async () => {
  await page.goto(`${server.url}/#/cases/${caseId}`);
  await expectHeading(page, `Case ${caseNumber}`);
  const pid = (await api.get(`/api/v1/cases/${caseId}/proceedings`)).json.items[0].id;
  await page.click(`#open-proc-${pid}-hearing`);
  const form = page.locator(`#proc-${pid}-hearing-form-slot form`);
  await form.waitFor();
  await page.fill(`#hear-${pid}-date`, day(-5));
  const video = 1; // the second measure: testimony by video link
  await page.check(`#hear-${pid}-${video}-req`);
  await page.check(`#hear-${pid}-${video}-granted`);
  // Granted and past: whether it was carried out must be said.
  await form.locator('button[type=submit]').click();
  await page.locator(`#hear-${pid}-${video}-carried-out-error:not([hidden])`).waitFor();
  await axeCheck(page, 'hearing form, with errors');
  await phoneCheck(page, 'hearing form, with errors');
  await page.selectOption(`#hear-${pid}-${video}-carried-out`, 'false');
  await form.locator('button[type=submit]').click();
  await focusedOn('proceedings-title');
  const table = await section('proceedings').locator('table').innerText();
  assert.match(table, /Testimony by video link\s+Yes\s+Yes\s+No/);

  const prot = section('protection');
  await page.click('#open-vp-new');
  await page.selectOption('#vp-new-kind', 'misdemeanour');
  await page.selectOption('#vp-new-offence', 'prostitution');
  await page.selectOption('#vp-new-during-exploitation', 'true');
  assert.equal(await page.isVisible('#vp-new-penalty'), false, 'the penalty is asked only for a penalty');
  await page.selectOption('#vp-new-outcome', 'penalty');
  await page.locator('#vp-new-penalty').waitFor();
  await prot.locator('button[type=submit]').click();
  await page.locator('#vp-new-penalty-error:not([hidden])').waitFor();
  await page.selectOption('#vp-new-penalty', 'fine');
  await page.fill('#vp-new-outcome-date', day(-3));
  await prot.locator('button[type=submit]').click();
  await focusedOn('protection-title');
  const text = await prot.innerText();
  assert.match(text, /The proceeding against the person has been recorded\./);
  assert.match(text, /Misdemeanour · Prostitution · Penalised \(fine\)/);
  assert.match(text, /Non-punishment has not been assessed\./);
  assert.match(text, /The person was penalised for an act committed during the exploitation\./);
  assert.match(await section('alerts').innerText(), /Victim penalised for acts linked to the exploitation/);
  await axeCheck(page, 'protection section');
  await phoneCheck(page, 'protection section');
  await shot(page, 'case-protection.png');
});

test('another victim is added to a proceeding by case number', async () => {
  // A second case of the coordinator's, and one of the NGO's (another
  // organisation: the coordinator may record on it, the NGO cannot see ours).
  const newCase = async (client) => {
    const r = await client.post('/api/v1/cases', {
      person: { sex: 'female', birth_year: 1996, citizenship: ['RS'] },
      referral: { date: day(-50), source: 'police' }, exploitation: ['sexual'], countries_of_exploitation: ['RS'],
    });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const second = await newCase(api);
  const ngo = new Client(server.url);
  assert.equal((await ngo.login('demo-ngo', 'demo-ngo-synthetic-demo')).status, 200);
  const third = await newCase(ngo);

  await page.goto(`${server.url}/#/cases/${caseId}`);
  await expectHeading(page, `Case ${caseNumber}`);
  const pid = (await api.get(`/api/v1/cases/${caseId}/proceedings`)).json.items[0].id;
  const procs = section('proceedings');
  assert.match(await procs.innerText(), new RegExp(`Victims in this proceeding\\s+${caseNumber} \\(this case\\) · Injured party`));
  await page.click(`#open-proc-${pid}-victim`);
  const form = page.locator(`#proc-${pid}-victim-form-slot form`);
  await form.waitFor();
  const num = `#proc-${pid}-victim-case-number`;
  const err = `${num}-error`;
  const submitWith = async (value) => {
    await page.fill(num, value);
    await form.locator('button[type=submit]').click();
    await page.locator(`${err}:not([hidden])`).waitFor();
    await focusedOn(num.slice(1));
    return page.locator(err).innerText();
  };
  // A number in the wrong form, checked before sending; then one nobody has.
  assert.match(await submitWith('2024-12'), /Case number of the other victim: write it as on the case page, for example LT-2024-000123\./);
  await page.selectOption(`#proc-${pid}-victim-victim-role`, 'witness');
  assert.match(await submitWith('LT-1999-999999'), /Case number of the other victim: there is no case LT-1999-999999 among the cases you can see\. Check the number\./);
  assert.equal(await page.getAttribute(num, 'aria-invalid'), 'true');
  assert.match(await form.locator('.error-summary').innerText(), /LT-1999-999999/);
  await axeCheck(page, 'add another victim, with an error');
  await phoneCheck(page, 'add another victim, with an error');
  // The case itself is linked already.
  assert.match(await submitWith(caseNumber), new RegExp(`case ${caseNumber} is in this proceeding already\\.`));

  // The second case, written in lower case: found, linked, listed as a link.
  await page.fill(num, second.case_number.toLowerCase());
  await form.locator('button[type=submit]').click();
  await focusedOn('proceedings-title');
  const text = await procs.innerText();
  assert.match(text, /The other victim's case has been added to the proceeding\./);
  const link = procs.locator(`a[href="#/cases/${second.id}"]`);
  assert.equal(await link.innerText(), second.case_number);
  assert.match(await link.locator('xpath=..').innerText(), /· Witness$/);
  assert.match(await section('timeline').innerText(), /Proceeding/);
  const linked = (await api.get(`/api/v1/proceedings/${pid}`)).json.cases.map((x) => x.case_id).sort((a, b) => a - b);
  assert.deepEqual(linked, [caseId, second.id].sort((a, b) => a - b));
  await axeCheck(page, 'proceeding with two victims');
  await phoneCheck(page, 'proceeding with two victims');

  // The NGO's case too; then, signed in as the NGO, its case page names
  // only its own case and counts the two it cannot see.
  await page.click(`#open-proc-${pid}-victim`);
  await page.fill(num, third.case_number);
  await page.selectOption(`#proc-${pid}-victim-victim-role`, 'injured_party_and_witness');
  await page.locator(`#proc-${pid}-victim-form-slot form button[type=submit]`).click();
  await focusedOn('proceedings-title');
  assert.equal(await procs.locator(`a[href="#/cases/${third.id}"]`).innerText(), third.case_number);
  const other = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
  try {
    const p = await other.newPage();
    watch(p, problems, EXPECTED_CONSOLE);
    await signIn(p, server.url, { username: 'demo-ngo', password: 'demo-ngo-synthetic-demo' });
    await p.goto(`${server.url}/#/cases/${third.id}`);
    await expectHeading(p, `Case ${third.case_number}`);
    const theirs = p.locator('#section-proceedings');
    await theirs.locator('.records--cards').waitFor();
    const seen = await theirs.innerText();
    assert.match(seen, new RegExp(`${third.case_number} \\(this case\\) · Injured party and witness`));
    assert.match(seen, /and 2 other victims you cannot see/);
    assert.doesNotMatch(seen, new RegExp(`${caseNumber}|${second.case_number}`));
    assert.equal(await theirs.locator('a[href^="#/cases/"]').count(), 0);
    // The coordinator's case is not in the NGO's scope: not found, in plain words.
    await p.click(`#open-proc-${pid}-victim`);
    await p.fill(num, caseNumber);
    await p.selectOption(`#proc-${pid}-victim-victim-role`, 'witness');
    await p.locator(`#proc-${pid}-victim-form-slot form button[type=submit]`).click();
    await p.locator(`${err}:not([hidden])`).waitFor();
    assert.match(await p.locator(err).innerText(), new RegExp(`there is no case ${caseNumber} among the cases you can see`));
    await axeCheck(p, 'proceeding seen by another organisation');
    await phoneCheck(p, 'proceeding seen by another organisation');
  } finally {
    await other.close();
  }
});

test('the justice sections in Serbian Cyrillic', async () => {
  await page.selectOption('#language', 'sr-Cyrl');
  await expectHeading(page, `Случај ${caseNumber}`);
  await section('proceedings').locator('.marker').waitFor();
  assert.equal(await section('proceedings').locator('h2').innerText(), 'Кривични поступци');
  assert.match(await section('proceedings').innerText(), /Садашња квалификација\s+чл\. 184 ст\. 1 · Посредовање у вршењу проституције · блаже кривично дело/);
  assert.equal(await section('protection').locator('h2').innerText(), 'Заштита и некажњавање');
  // The alert's message is written in Serbian from its detail, not English.
  const message = section('alerts').locator('.alert__message').first();
  assert.equal(await message.getAttribute('lang'), null);
  assert.match(await message.innerText(), /[А-Яа-яЂђЉљЊњЋћЏџ]{3}/, 'written in Cyrillic');
  await axeCheck(page, 'justice sections, Cyrillic');
  await phoneCheck(page, 'justice sections, Cyrillic');
  await page.selectOption('#language', 'en');
  await expectHeading(page, `Case ${caseNumber}`);
});

test('no script errors or CSP violations on the justice pages', () => {
  assert.deepEqual(problems, []);
});
