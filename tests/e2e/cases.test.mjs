// End-to-end test of the case pages in Debian's Chromium against a real
// `lantern serve` with the synthetic demo data: a case worker finds cases
// in the list (filters in the hash), registers a referral through the
// step form (a draft without names survives a reload; a lost connection
// loses nothing; the server's field errors appear next to their fields),
// sees the identity only on request, decides reasonable grounds, starts the
// reflection period, records the identification, a service and a shelter
// placement, and finds them on the timeline; then the shelter board and a
// group case. axe-core runs on every page and step visited and fails on any
// serious or critical violation; every page is checked at 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLantern, Client } from '../support/lantern.mjs';
import { launch, watch, axeCheck, phoneCheck, shot, expectHeading, signIn, DESKTOP, openSignedIn } from './browser.mjs';

const CASEWORKER = { username: 'demo-caseworker', password: 'demo-caseworker-synthetic-demo' };
const COORDINATOR = { username: 'demo-coordinator', password: 'demo-coordinator-synthetic-demo' };
// Synthetic person; these strings must never appear outside the identity box.
const GIVEN = 'Sintetika';
const FAMILY = 'Primerić';
const BIRTH = '1999-04-02';

// Console errors the UI causes on purpose: 401 before sign-in, 400 for a
// rejected form, 403 for an identity the receiver may not see, 409 for a
// refused move, and the requests made while the browser is offline.
const EXPECTED_CONSOLE = /Failed to load resource: (the server responded with a status of (400|401|403|409)|net::ERR_INTERNET_DISCONNECTED)/;

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
const D0 = day(-10); // referral
const D1 = day(-9);  // reasonable grounds, reflection period starts
const D2 = day(-8);  // identification, service, placement

let server;
let browser;
let context;
let page;
let api;          // the case worker's own API client, for setup and conflicts
let shelter;      // {id, name}
let caseId;
let caseNumber;
let referredId;   // a referred case made through the API, for the list and a turn-away
const problems = [];

before(async () => {
  server = await startLantern({ demo: true });
  const coord = new Client(server.url);
  assert.equal((await coord.login(COORDINATOR.username, COORDINATOR.password)).status, 200);
  const orgs = (await coord.get('/api/v1/organisations')).json.items;
  const made = await coord.post('/api/v1/shelters', {
    organisation_id: orgs.find((o) => o.kind === 'ngo').id, name: 'Safe House E2E (synthetic)', specialised: true,
    capacity_women: 3, capacity_men: 1, capacity_children: 2, licence_valid_until: day(400), effective_date: day(-60),
  });
  assert.equal(made.status, 201, made.text);
  shelter = made.json;
  api = new Client(server.url);
  assert.equal((await api.login(CASEWORKER.username, CASEWORKER.password)).status, 200);
  const referred = await api.post('/api/v1/cases', {
    person: { sex: 'female', birth_year: 1990, citizenship: ['RS'] },
    referral: { date: D0, source: 'ngo' }, exploitation: ['forced_labour'], countries_of_exploitation: ['RS'],
  });
  assert.equal(referred.status, 201, referred.text);
  referredId = referred.json.id;
  browser = await launch();
  ({ context, page } = await openSignedIn(browser, server.url, CASEWORKER, problems, EXPECTED_CONSOLE));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (problems.length) console.log(problems.join('\n'));
});

const mainText = () => page.locator('main').innerText();

test('the dashboard links to the case list, which shows numbers and never names', async () => {
  await page.click('#link-cases');
  await page.waitForURL(/#\/cases$/);
  await expectHeading(page, 'Cases');
  await page.locator('table tbody tr').first().waitFor();
  const headers = await page.locator('table thead th').allInnerTexts();
  assert.deepEqual(headers.map((x) => x.replace(/\(.*\)|[↕▲▼]/gs, '').trim()).slice(0, 7),
    ['Case number', 'Status', 'Sex', 'Age group', 'Referral date', 'Referred by', 'Forms of exploitation']);
  assert.match(await page.locator('table tbody th a').first().innerText(), /^LT-\d{4}-\d{6}$/);
  await axeCheck(page, 'case list');
  await phoneCheck(page, 'case list');
});

test('filters and sorting go into the hash, so a link can open a filtered list', async () => {
  await page.selectOption('#f-status', 'referred');
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/#\/cases\?status=referred$/);
  await page.waitForFunction(() => document.activeElement?.id === 'results-title');
  const statuses = await page.locator('table tbody td:nth-child(2)').allInnerTexts();
  assert.ok(statuses.length > 0);
  assert.ok(statuses.every((s) => s.trim() === 'Referred'), statuses.join(','));
  await page.click('th button.sort:has-text("Referral date")');
  await page.waitForURL(/sort=referral_date/);
  // The list is drawn again after the address changes: wait for the new table.
  await page.waitForFunction(() => document.querySelector('th[aria-sort="ascending"] button.sort')?.textContent.includes('Referral date'));
  assert.equal(await page.getAttribute('th:has(button:has-text("Referral date"))', 'aria-sort'), 'ascending');
  const dates = await page.locator('table tbody td:nth-child(5)').allInnerTexts();
  const parsed = dates.map((d) => Date.parse(d));
  assert.deepEqual(parsed, [...parsed].sort((a, b) => a - b), 'sorted by referral date');
  // A link (as a dashboard figure would make) opens the filtered list.
  await page.goto(`${server.url}/#/cases?child=false&sex=female`);
  await expectHeading(page, 'Cases');
  await page.locator('#results-title').waitFor();
  // The heading comes before the rows: wait until the filtered rows are drawn.
  await page.waitForFunction(() => {
    const sex = document.querySelector('#f-sex');
    const rows = document.querySelectorAll('table tbody tr');
    return sex && sex.value === 'female' && rows.length > 0;
  });
  assert.equal(await page.inputValue('#f-child'), 'false');
  assert.equal(await page.inputValue('#f-sex'), 'female');
  const ages = await page.locator('table tbody td:nth-child(4)').allInnerTexts();
  assert.ok(ages.every((a) => a.trim() === 'Adult'));
  await axeCheck(page, 'filtered case list');
});

test('a new referral: short steps, local checks, and a draft that keeps no names', async () => {
  await page.goto(`${server.url}/#/cases`);
  await page.click('a.button[href="#/cases/new"]');
  await page.waitForURL(/#\/cases\/new$/);
  await expectHeading(page, 'New referral');
  await page.locator('#step-person:not([hidden])').waitFor();
  assert.match(await page.locator('.privacy-note').innerText(), /never saved on this device/);
  await axeCheck(page, 'new referral, step 1');
  await phoneCheck(page, 'new referral, step 1');

  await page.click('form button[type=submit]'); // no sex chosen
  await page.locator('#sex-error').waitFor({ state: 'visible' });
  assert.match(await page.locator('.error-summary').innerText(), /Sex: choose one/);
  assert.equal(await page.getAttribute('#sex-0', 'aria-invalid'), 'true');
  await axeCheck(page, 'new referral, step 1 with an error');

  await page.fill('#given-name', GIVEN);
  await page.fill('#family-name', FAMILY);
  await page.check('#sex-0');
  await page.fill('#birth-date', BIRTH);
  await page.selectOption('#citizenship-select', 'RS');
  await page.click('#citizenship .picker button');
  assert.match(await page.locator('#citizenship-list').innerText(), /Serbia/);
  await page.click('form button[type=submit]');
  await page.locator('#step-referral:not([hidden])').waitFor();
  assert.ok(await page.locator('#sex-error').isHidden());
  await axeCheck(page, 'new referral, step 2');
  await phoneCheck(page, 'new referral, step 2');
  await page.fill('#referral-date', D0);
  await page.selectOption('#source', 'police');
  // 100 × ž is 100 characters but 200 bytes: only the server knows its byte limit (160).
  await page.fill('#referring-org', 'ž'.repeat(100));
  await page.check('#consent');

  // The draft is written as the user types, and holds no identifying field.
  await page.waitForFunction(() => Object.keys(localStorage).filter((k) => k.startsWith('lantern.draft.referral.'))
    .some((k) => localStorage.getItem(k).includes('"police"')));
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  for (const secret of [GIVEN, FAMILY, BIRTH, '1999']) assert.ok(!stored.includes(secret), `localStorage holds ${secret}`);

  // A reload (or the idle lock, or a closed tab) keeps the draft, not the names.
  await page.reload();
  await expectHeading(page, 'New referral');
  await page.locator('.notice--info').waitFor();
  assert.match(await page.locator('.notice--info').innerText(), /restored/);
  assert.equal(await page.inputValue('#given-name'), '');
  assert.equal(await page.inputValue('#birth-date'), '');
  assert.ok(await page.isChecked('#sex-0'), 'sex restored');
  assert.match(await page.locator('#citizenship-list').innerText(), /Serbia/);
  await axeCheck(page, 'new referral, draft restored');
  await page.fill('#given-name', GIVEN);
  await page.fill('#family-name', FAMILY);
  await page.fill('#birth-date', BIRTH);
  await page.click('form button[type=submit]');
  await page.locator('#step-referral:not([hidden])').waitFor();
  assert.equal(await page.inputValue('#source'), 'police');
  assert.equal(await page.inputValue('#referral-date'), D0);
  assert.ok(await page.isChecked('#consent'));
  await page.click('form button[type=submit]');
  await page.locator('#step-exploitation:not([hidden])').waitFor();
  await axeCheck(page, 'new referral, step 3');
  await phoneCheck(page, 'new referral, step 3');
  await page.check('#exploitation input[value="sexual"]');
  await page.selectOption('#countries-select', 'RS');
  await page.click('#countries .picker button');
  await page.click('form button[type=submit]');
  await page.locator('#step-review:not([hidden])').waitFor();
  const review = await page.locator('#step-review').innerText();
  assert.match(review, new RegExp(GIVEN));
  assert.match(review, /Police/);
  await axeCheck(page, 'new referral, check and send');
  await phoneCheck(page, 'new referral, check and send');
});

test('a lost connection loses nothing, and the server\'s field errors appear next to their fields', async () => {
  await context.setOffline(true);
  await page.click('form button[type=submit]');
  await page.locator('.error-summary').waitFor();
  assert.match(await page.locator('.error-summary').innerText(), /server cannot be reached/);
  assert.equal(await page.inputValue('#given-name'), GIVEN, 'entries kept on the page');
  await context.setOffline(false);

  await page.click('form button[type=submit]');
  // The server refuses the referring organisation's name (bytes, not
  // characters): the form goes back to that step and shows it there.
  await page.locator('#referring-org-error').waitFor({ state: 'visible' });
  assert.ok(await page.locator('#step-referral').isVisible());
  assert.match(await page.locator('#referring-org-error').innerText(), /Referring organisation: the text is too long \(at most 160 bytes\)/);
  assert.equal(await page.getAttribute('#referring-org', 'aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'referring-org');
  await axeCheck(page, 'new referral, server error');
  await page.fill('#referring-org', 'Police Directorate (synthetic)');
  await page.click('form button[type=submit]');
  await page.locator('#step-exploitation:not([hidden])').waitFor();
  await page.click('form button[type=submit]');
  await page.locator('#step-review:not([hidden])').waitFor();
  await page.click('form button[type=submit]');
  await page.waitForURL(/#\/cases\/\d+$/);
  await expectHeading(page, /^Case LT-\d{4}-\d{6}$/);
  caseId = Number(page.url().match(/#\/cases\/(\d+)$/)[1]);
  caseNumber = (await page.locator('main h1').innerText()).replace('Case ', '').trim();
  assert.match(await page.locator('main .notice').first().innerText(), new RegExp(`registered as case ${caseNumber}`));
  const drafts = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lantern.draft.')));
  assert.deepEqual(drafts, [], 'the draft is gone');
});

test('the identity is shown only on request, and never in the title, the URL or the list', async () => {
  await page.locator('#section-timeline h2').waitFor();
  assert.ok(!(await mainText()).includes(GIVEN), 'no name on the case page by default');
  await axeCheck(page, 'case page');
  await page.click('#show-identity');
  const box = page.locator('#identity-box');
  await box.waitFor({ state: 'visible' });
  assert.match(await box.innerText(), new RegExp(`${GIVEN}[\\s\\S]*${FAMILY}`));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'identity-box');
  for (const where of [await page.title(), page.url()]) assert.ok(!where.includes(GIVEN), `identity in ${where}`);
  await axeCheck(page, 'case page, identity shown');
  await page.click('#hide-identity');
  await box.waitFor({ state: 'hidden' });
  assert.ok(!(await mainText()).includes(GIVEN));

  // Shown again, then gone after moving to another page and back.
  await page.click('#show-identity');
  await box.waitFor({ state: 'visible' });
  await page.click('main a[href="#/cases"]');
  await expectHeading(page, 'Cases');
  await page.locator('#results-title').waitFor();
  assert.ok(!(await mainText()).includes(GIVEN), 'no name in the list');
  await page.goBack();
  await expectHeading(page, `Case ${caseNumber}`);
  await page.locator('#show-identity').waitFor();
  assert.ok(await box.isHidden());
  assert.ok(!(await mainText()).includes(GIVEN));
});

test('reasonable grounds, reflection period, identification and a service reach the timeline', async () => {
  await page.click('#action-reasonable_grounds');
  await page.locator('#action-form form').waitFor();
  assert.match(await page.locator('#action-form').innerText(), /first, lighter test/);
  assert.ok(await page.locator('#decision-body').isVisible(), 'reasonable grounds record the deciding body too');
  await page.click('#action-form button[type=submit]');
  await page.locator('#decision-reasons-error').waitFor({ state: 'visible' });
  assert.ok(await page.locator('#decision-outcome-error').isVisible());
  await axeCheck(page, 'case page, decision form with errors');
  await page.check('#decision-outcome-0');
  await page.fill('#decision-date', D1);
  await page.fill('#decision-reasons', 'Indicators of deception and control (synthetic).');
  await page.click('#action-form button[type=submit]');
  await page.locator('#section-decisions .notice').waitFor();
  assert.match(await page.locator('#section-decisions .notice').innerText(), /Under assessment/);

  await page.click('#open-refl-grant');
  await page.fill('#refl-start', D1);
  await page.click('#refl-grant-form-slot button[type=submit]');
  await page.locator('#section-reflection .notice').waitFor();
  assert.match(await page.locator('#section-reflection').innerText(), /Granted, running/);

  await page.click('#action-identify');
  await page.check('#decision-outcome-0');
  await page.fill('#decision-date', D2);
  await page.fill('#decision-reasons', 'Assessment by the panel (synthetic).');
  await page.click('#action-form button[type=submit]');
  await page.locator('#section-decisions .notice').waitFor();
  assert.match(await page.locator('#section-decisions .notice').innerText(), /now: Identified/);

  await page.click('#open-svc-new');
  await page.selectOption('#svc-new-type', 'psychological');
  await page.fill('#svc-new-start', D2);
  await page.fill('#svc-new-consent-date', D2);
  await page.click('#svc-new-form-slot button[type=submit]');
  await page.locator('#svc-new-consent-lang-error').waitFor({ state: 'visible' }); // a date needs its language
  await page.selectOption('#svc-new-consent-lang', 'sr');
  await page.click('#svc-new-form-slot button[type=submit]');
  await page.locator('#section-services .notice').waitFor();
  assert.match(await page.locator('#section-services').innerText(), /Consent given on .* in Serbian/);

  await page.click('#open-place-new');
  await page.selectOption('#place-shelter', String(shelter.id));
  assert.equal(await page.inputValue('#place-place'), 'women');
  await page.fill('#place-start', D2);
  await page.click('#place-new-form-slot button[type=submit]');
  await page.locator('#section-placements .notice').waitFor();

  const timeline = await page.locator('#section-timeline').innerText();
  for (const line of [/Referred \(by: Police\)/, /Reasonable grounds decided: Positive/,
    /Reflection period granted/, /Identification decided: Identified as a victim/,
    /Service recorded: .*Active/, /Placed in a shelter: Safe House E2E \(synthetic\)/]) {
    assert.match(timeline, line);
  }
  assert.match(timeline, /Indicators of deception and control \(synthetic\)\./, 'reasons on the timeline');
  await axeCheck(page, 'case page with every part');
  await phoneCheck(page, 'case page with every part');
  await shot(page, 'case.png');
});

test('a referral to another organisation: sent here, accepted there', async () => {
  const orgs = (await api.get('/api/v1/organisations')).json.items;
  const ngo = orgs.find((o) => o.kind === 'ngo');
  await page.click('#open-ref-new');
  await page.selectOption('#ref-to', String(ngo.id));
  await page.selectOption('#ref-purpose', 'psychological');
  assert.ok(await page.isEnabled('#ref-share'), 'consent was given in the referral form');
  await page.fill('#ref-date', D2);
  await page.click('#ref-new-form-slot button[type=submit]');
  await page.locator('#section-referrals .notice').waitFor();
  assert.match(await page.locator('#section-referrals').innerText(), /identity not shared/);
  await page.click('nav a[href="#/referrals"]');
  await expectHeading(page, 'Referrals');
  await page.click('a:has-text("Sent by us")');
  await page.waitForURL(/direction=outgoing/);
  await page.locator(`table a:has-text("${caseNumber}")`).waitFor();
  await axeCheck(page, 'referrals, outgoing');
  await phoneCheck(page, 'referrals, outgoing');

  // The receiving organisation finds it among the referrals sent to it,
  // sees the case by its number only, and accepts it.
  const other = await context.browser().newContext({ viewport: DESKTOP, locale: 'en-GB' });
  other.setDefaultTimeout(10_000);
  try {
    const p = await other.newPage();
    watch(p, problems, EXPECTED_CONSOLE);
    await signIn(p, server.url, { username: 'demo-ngo', password: 'demo-ngo-synthetic-demo' });
    await p.click('nav a[href="#/referrals"]');
    await expectHeading(p, 'Referrals');
    await p.click(`table a:has-text("${caseNumber}")`);
    await expectHeading(p, `Case ${caseNumber}`);
    await p.locator('#section-timeline h2').waitFor();
    assert.ok(!(await p.locator('main').innerText()).includes(GIVEN));
    await p.click('#show-identity');
    await p.locator('#section-identity .error-text').waitFor();
    assert.match(await p.locator('#section-identity .error-text').innerText(), /did not consent to share their identity with your organisation/);
    const accept = p.locator('#section-referrals button:has-text("Accept the referral")');
    await accept.click();
    await p.locator('#section-referrals form button[type=submit]').click();
    await p.locator('#section-referrals .notice').waitFor();
    assert.match(await p.locator('#section-referrals .notice').innerText(), /now: Accepted/);
    await axeCheck(p, 'received case page');
  } finally {
    await other.close();
  }
});

test('a move the server refuses is explained in its own words', async () => {
  await page.goto(`${server.url}/#/cases/${caseId}`);
  await expectHeading(page, `Case ${caseNumber}`);
  await page.click('#action-close');
  await page.fill('#decision-date', D2);
  await page.fill('#decision-reasons', 'Assistance completed (synthetic).');
  // Meanwhile someone else closes the case.
  const r = await api.post(`/api/v1/cases/${caseId}/transitions`, { action: 'close', date: D2, reasons: 'Closed elsewhere (synthetic).' });
  assert.equal(r.status, 200, r.text);
  await page.click('#action-form button[type=submit]');
  await page.locator('#action-form .error-summary').waitFor();
  assert.match(await page.locator('#action-form .error-summary').innerText(), /The case is already closed\./);
  await axeCheck(page, 'case page, refused move');
  await page.reload();
  await expectHeading(page, `Case ${caseNumber}`);
  await page.locator('#action-reopen').waitFor();
  assert.match(await page.locator('#section-cooperation').innerText(), /never a condition for assistance/);
});

test('the shelter board shows occupancy by day and the turn-aways, each leading to its case', async () => {
  // A turn-away on another case, through the API.
  const other = { id: referredId };
  const ta = await api.post(`/api/v1/cases/${other.id}/placements`, {
    alternative: 'ngo_accommodation', turn_away_reason: 'full', place: 'women', start_date: D2, turn_away_shelter_id: shelter.id,
  });
  assert.equal(ta.status, 201, ta.text);
  await page.click('nav a[href="#/shelters"]');
  await expectHeading(page, 'Shelter board');
  await page.locator('#board-result').waitFor();
  await page.fill('#board-from', D0);
  await page.fill('#board-to', day(0));
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(new RegExp(`#/shelters\\?from=${D0}&to=`));
  await page.waitForFunction(() => document.activeElement?.id === 'board-result');
  const table = page.locator(`table:has(caption:has-text("${shelter.name}"))`);
  const row = table.locator('tbody tr', { has: page.locator(`time[datetime="${D2}"]`) });
  assert.match(await row.innerText(), /1 of 3/);
  const turnaways = await page.locator('section[aria-labelledby="turnaways-title"]').innerText();
  assert.match(turnaways, /1 person turned away/);
  assert.match(turnaways, /The shelter was full\s+1/);
  await page.locator(`section[aria-labelledby="turnaways-title"] a[href="#/cases/${other.id}"]`).waitFor();
  await axeCheck(page, 'shelter board');
  await phoneCheck(page, 'shelter board');
});

test('a group case lists its members and their states; its counts lead to the cases', async () => {
  await page.click('nav a[href="#/groups"]');
  await expectHeading(page, 'Group cases');
  await page.locator('#group-name').waitFor();
  await axeCheck(page, 'group list');
  await phoneCheck(page, 'group list');
  await page.fill('#group-name', 'Farm site (synthetic)');
  await page.fill('#group-site', 'Farm near Subotica (synthetic)');
  await page.click('button:has-text("Add a link to the chain")');
  await page.selectOption('#chain-role-0', 'agency');
  await page.click('form[aria-labelledby="new-group-title"] button[type=submit]');
  await page.waitForURL(/#\/groups\/\d+$/);
  await expectHeading(page, 'Group case: Farm site (synthetic)');
  await page.fill('#member-numbers', caseNumber);
  await page.click('form[aria-labelledby="add-members-title"] button[type=submit]');
  await page.waitForFunction(() => document.activeElement?.id === 'members-title');
  const members = await page.locator('section[aria-labelledby="members-title"]').innerText();
  assert.match(members, /1 member/);
  assert.match(members, new RegExp(caseNumber));
  assert.ok(!members.includes(GIVEN));
  await axeCheck(page, 'group page');
  await phoneCheck(page, 'group page');
  const closed = page.locator('.counts a', { hasText: 'Closed' });
  assert.equal((await closed.innerText()).trim().split(/\s+/)[0], '1');
  await closed.click();
  await page.waitForURL(/#\/cases\?group=\d+&status=closed$/);
  // The hash changes before the list replaces the group page, whose member table also has rows.
  await expectHeading(page, 'Cases');
  await page.locator('table tbody th a').first().waitFor();
  assert.deepEqual(await page.locator('table tbody th a').allInnerTexts(), [caseNumber]);
});

test('the case page in Serbian Cyrillic', async () => {
  await page.goto(`${server.url}/#/cases/${caseId}`);
  await expectHeading(page, `Case ${caseNumber}`);
  await page.selectOption('#language', 'sr-Cyrl');
  await expectHeading(page, `Случај ${caseNumber}`);
  await page.locator('#section-timeline h2').waitFor();
  const text = await page.locator('#section-reflection h2').innerText();
  assert.equal(text, 'Период опоравка и размишљања');
  await axeCheck(page, 'case page, Cyrillic');
  await phoneCheck(page, 'case page, Cyrillic');
  await page.selectOption('#language', 'en');
});

test('the case list finds negative decisions nobody reviewed, closed cases included', async () => {
  const made = await api.post('/api/v1/cases', {
    person: { sex: 'male', birth_year: 1985, citizenship: ['RS'] },
    referral: { date: D0, source: 'police' }, exploitation: ['forced_labour'], countries_of_exploitation: ['RS'],
  });
  assert.equal(made.status, 201, made.text);
  const moves = `/api/v1/cases/${made.json.id}/transitions`;
  let r = await api.post(moves, { action: 'identify', outcome: 'not_identified', date: D1, reasons: 'Insufficient indicators (synthetic).' });
  assert.equal(r.status, 200, r.text);
  r = await api.post(moves, { action: 'close', date: D2, reasons: 'No further contact (synthetic).' });
  assert.equal(r.status, 200, r.text);
  const number = made.json.case_number;

  await page.goto(`${server.url}/#/cases`);
  await expectHeading(page, 'Cases');
  await page.locator('#f-unreviewed').waitFor();
  assert.equal(await page.isChecked('#f-unreviewed'), false);
  await page.check('#f-unreviewed');
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/#\/cases\?negative_unreviewed=true$/);
  const row = page.locator('table tbody tr', { has: page.locator(`th a:has-text("${number}")`) });
  await row.waitFor();
  assert.match(await row.innerText(), /Closed/);
  await axeCheck(page, 'case list, negative decisions not reviewed');
  // The filter is in the hash: a link opens the list with the box ticked.
  await page.goto(`${server.url}/#/cases?status=closed&negative_unreviewed=true`);
  await expectHeading(page, 'Cases');
  await page.waitForFunction(() => document.querySelector('#f-unreviewed')?.checked && document.querySelectorAll('table tbody tr').length > 0);
  assert.ok(await page.locator(`table tbody th a:has-text("${number}")`).count());

  // A coordinator's dashboard links to the same list.
  const other = await context.browser().newContext({ viewport: DESKTOP, locale: 'en-GB' });
  other.setDefaultTimeout(10_000);
  try {
    const p = await other.newPage();
    watch(p, problems, EXPECTED_CONSOLE);
    await signIn(p, server.url, COORDINATOR);
    await p.click('#link-cases-unreviewed');
    await p.waitForURL(/#\/cases\?negative_unreviewed=true$/);
    await expectHeading(p, 'Cases');
    await p.locator(`table tbody th a:has-text("${number}")`).waitFor();
    assert.ok(await p.isChecked('#f-unreviewed'));
  } finally {
    await other.close();
  }
});

test('a full shelter turns the placement form to the alternative used, filled in', async () => {
  const coord = new Client(server.url);
  assert.equal((await coord.login(COORDINATOR.username, COORDINATOR.password)).status, 200);
  const ngo = (await coord.get('/api/v1/organisations')).json.items.find((o) => o.kind === 'ngo');
  const made = await coord.post('/api/v1/shelters', {
    organisation_id: ngo.id, name: 'Full House E2E (synthetic)', specialised: true,
    capacity_women: 1, capacity_men: 0, capacity_children: 0, licence_valid_until: day(400), effective_date: day(-60),
  });
  assert.equal(made.status, 201, made.text);
  const full = made.json;
  const woman = () => api.post('/api/v1/cases', {
    person: { sex: 'female', birth_year: 1991, citizenship: ['RS'] },
    referral: { date: D0, source: 'ngo' }, exploitation: ['sexual'], countries_of_exploitation: ['RS'],
  });
  const first = (await woman()).json, second = (await woman()).json;
  const taken = await api.post(`/api/v1/cases/${first.id}/placements`, { shelter_id: full.id, place: 'women', start_date: D1 });
  assert.equal(taken.status, 201, taken.text);

  await page.goto(`${server.url}/#/cases/${second.id}`);
  await expectHeading(page, `Case ${second.case_number}`);
  await page.click('#open-place-new');
  await page.selectOption('#place-shelter', String(full.id));
  await page.fill('#place-start', D2);
  await page.click('#place-new-form-slot button[type=submit]');
  // The 409 turns the form to what happened instead, reason and shelter filled in.
  const note = page.locator('#place-refused .notice');
  await note.waitFor();
  assert.equal(await note.innerText(), 'Full House E2E (synthetic) could not take the person: the shelter was full. '
    + 'Record where the person went instead: the form below now asks for the alternative used.');
  assert.ok(await page.isChecked('#place-kind-1'), 'the alternative is chosen');
  assert.ok(await page.isHidden('#place-shelter'));
  assert.equal(await page.inputValue('#place-reason'), 'full');
  assert.equal(await page.inputValue('#place-turned'), String(full.id));
  assert.equal(await page.inputValue('#place-start'), D2, 'what was typed stays');
  await page.waitForFunction(() => document.activeElement?.id === 'place-alt');
  assert.equal(await page.locator('#place-new-form-slot .error-summary').count(), 0, 'not shown as an error');
  await axeCheck(page, 'placement form after a full shelter');
  await page.selectOption('#place-alt', 'ngo_accommodation');
  await page.click('#place-new-form-slot button[type=submit]');
  await page.locator('#section-placements .notice:has-text("The accommodation has been recorded.")').waitFor();
  const section = await page.locator('#section-placements').innerText();
  assert.match(section, /Accommodation by an NGO/);
  assert.match(section, /No shelter place: The shelter was full \(Full House E2E \(synthetic\)\)/);
  const placements = (await api.get(`/api/v1/cases/${second.id}`)).json.placements;
  assert.deepEqual(placements.map((x) => [x.alternative, x.turn_away_reason, x.turn_away_shelter?.id, x.start_date]),
    [['ngo_accommodation', 'full', full.id, D2]]);
});

test('no script errors or CSP violations on the case pages', () => {
  assert.deepEqual(problems, []);
});
