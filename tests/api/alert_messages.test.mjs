// The per-case messages of the compliance alerts in Serbian (web/js/alertmsg.js,
// docs/compliance.md "Languages"). The server writes each message in English
// and a `detail` object of codes, dates and numbers; the UI makes the Serbian
// message from the template alerts.msg.<rule>[.<variant>] of web/i18n/ and that
// detail. Here: real alerts, raised through the API by cases written like the
// fixtures of compliance_rules.test.mjs (one or more per rule and variant),
// plus a detail for each variant the API cannot produce, written from the
// rule's C code. For every rule of data/compliance/rules.json: a Serbian
// template; each alert's detail has exactly the keys the rule writes (WRITES,
// read from src/domain/compliance_rules.c: a change there fails here); every
// placeholder is such a key; the message rendered by the UI's own code in
// Serbian Latin and Cyrillic has no placeholder left and no English word.
// English keeps the server's message; a detail missing a key falls back to it.
// SHOW_MSG=1 prints every alert's English and Serbian message for review.
// Synthetic data only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLantern, Client } from '../support/lantern.mjs';

// The UI's modules run here as they are: the catalogs come from web/i18n/
// through a fetch that reads the file; everything else goes to the server.
const web = new URL('../../web/', import.meta.url);
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, opts) => {
  if (typeof url === 'string' && url.startsWith('i18n/')) {
    const body = readFileSync(new URL(url, web), 'utf8');
    return { ok: true, status: 200, json: async () => JSON.parse(body) };
  }
  return realFetch(url, opts);
};
globalThis.document ??= { documentElement: {} };
const i18n = await import('../../web/js/i18n.js');
const { alertMessage, templateKey, knownRules } = await import('../../web/js/alertmsg.js');

const catalog = (name) => JSON.parse(readFileSync(new URL(`i18n/${name}.json`, web), 'utf8'));
const EN = catalog('en');
const SR = catalog('sr-Latn');
const RULE_IDS = JSON.parse(readFileSync(new URL('../../data/compliance/rules.json', import.meta.url), 'utf8')).rules.map((r) => r.id);
const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
const templatesOf = (cat, rule) => Object.keys(cat).filter((k) => k === `alerts.msg.${rule}` || k.startsWith(`alerts.msg.${rule}.`));

// The detail keys each rule writes, one list per kind of detailf() call in
// src/domain/compliance_rules.c (several add() calls may share one).
const WRITES = {
  'assistance-conditional-on-cooperation': [
    ['service', 'status', 'stop_reason', 'end_date'],
    ['service', 'status', 'end_date', 'cooperation_declined_date', 'days_after', 'days']],
  'service-without-consent': [['service', 'status', 'start_date']],
  'reflection-period-missing': [
    ['reasonable_grounds_date', 'deadline', 'reflection_date', 'days_after', 'days'],
    ['reasonable_grounds_date', 'deadline', 'days']],
  'reflection-period-short': [
    ['start_date', 'planned_end_date', 'planned_days', 'min_days'],
    ['start_date', 'actual_end_date', 'days', 'min_days', 'grounds']],
  'removal-during-identification': [
    ['kind', 'date', 'reasonable_grounds_date', 'conclusive_date'],
    ['kind', 'date', 'reflection_id', 'reflection_start', 'reflection_end']],
  'identification-overdue': [['referral_date', 'working_days', 'limit', 'holidays_skipped'], ['referral_date', 'days', 'limit']],
  'identification-without-reasons': [['stage', 'outcome', 'date']],
  'age-uncertain-treated-as-adult': [['place', 'start_date', 'age_at_referral'], ['stage', 'date', 'body', 'age_at_referral']],
  'child-without-guardian': [['referral_date', 'deadline', 'guardian_date', 'days'], ['referral_date', 'deadline', 'days']],
  'child-not-in-education': [['assisted_from', 'assisted_until', 'days_assisted', 'days']],
  'victim-penalised': [['kind', 'offence', 'offence_date', 'during_exploitation', 'outcome', 'penalty', 'non_punishment_assessed']],
  'no-specialised-prosecutor': [['opened_date', 'trafficking_article', 'screening_outcome']],
  'charge-downgraded': [['from_article', 'to_article', 'date', 'stage']],
  'plea-deal-child-victim': [['plea_date', 'this_victim_child']],
  'lenient-sentence': [['article', 'paragraph', 'sentence_months', 'suspended', 'statutory_min_months', 'min_months']],
  'compensation-not-claimed': [['stage', 'indictment_date']],
  'compensation-unpaid': [['forum', 'award_date', 'amount_awarded', 'amount_paid', 'months']],
  'vulnerable-witness-not-implemented': [['date', 'not_carried_out', 'confrontation']],
  'threat-without-protection': [['kind', 'date', 'deadline', 'days']],
  'non-specialised-accommodation': [['place', 'start_date', 'in_shelter', 'alternative', 'turn_away_reason']],
  'identity-disclosed': [['date', 'recipient', 'channel']],
  'unequal-access-foreign': [['period', 'service', 'nationals', 'nationals_served', 'foreign', 'foreign_served', 'gap_points']],
};

// Details the API cannot produce (a date or field the API requires, a
// second proceeding's child victim, ...), written from the C code.
const msg = 'English message (synthetic)';
const SYNTHETIC = [
  ['assistance-conditional-on-cooperation', { service: 'medical', status: 'refused', stop_reason: 'cooperation_declined', end_date: '' }],
  ['service-without-consent', { service: 'legal_information', status: 'completed', start_date: '' }],
  ['reflection-period-short', { start_date: '2024-03-01', actual_end_date: '2024-03-11', days: 10, min_days: 30, grounds: '' }],
  ['removal-during-identification', { kind: 'deportation', date: '2024-05-02', reflection_id: 4, reflection_start: '2024-05-01', reflection_end: '' }],
  ['identification-overdue', { referral_date: '2024-12-27', working_days: 9, limit: 5, holidays_skipped: 2 }],
  ['identification-without-reasons', { stage: 'review', outcome: 'upheld', date: '' }],
  ['victim-penalised', { kind: 'criminal', offence: 'theft', offence_date: '', during_exploitation: 1, outcome: 'penalty', penalty: '', non_punishment_assessed: false }],
  ['no-specialised-prosecutor', { opened_date: '', trafficking_article: '388', screening_outcome: '' }],
  ['no-specialised-prosecutor', { opened_date: '2024-02-03', trafficking_article: '', screening_outcome: 'trafficking' }],
  ['no-specialised-prosecutor', { opened_date: '', trafficking_article: '', screening_outcome: 'trafficking' }],
  ['charge-downgraded', { from_article: '388', to_article: '184', date: '', stage: 'trial' }],
  ['charge-downgraded', { from_article: '388', to_article: '350', date: '', stage: 'verdict' }],
  ['plea-deal-child-victim', { plea_date: '', this_victim_child: false }],
  ['plea-deal-child-victim', { plea_date: '2024-06-30', this_victim_child: false }],
  ['compensation-not-claimed', { stage: 'trial', indictment_date: '' }],
  ['vulnerable-witness-not-implemented', { date: '', not_carried_out: 'anonymity', confrontation: false }],
  ['vulnerable-witness-not-implemented', { date: '', not_carried_out: '', confrontation: true }],
  ['vulnerable-witness-not-implemented', { date: '', not_carried_out: 'video_link, closed_hearing, support_person', confrontation: true }],
  ['non-specialised-accommodation', { place: 'men', start_date: '', in_shelter: false, alternative: '', turn_away_reason: '' }],
  ['non-specialised-accommodation', { place: 'women', start_date: '', in_shelter: true, alternative: '', turn_away_reason: '' }],
  ['identity-disclosed', { date: '', recipient: 'media', channel: 'verbal' }],
].map(([rule, detail], i) => ({ id: -1 - i, rule, detail, message: msg, synthetic: true }));

const ORG = 'Messages Center (synthetic)';
const users = [{ username: 'coord', role: 'coordinator', org: ORG, password: 'coordinator-pass' }];
let srv, as, vocab;
const real = [];

const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
const year = Number(day(0).slice(0, 4));
const child = { birth_year: year - 14 };

async function ok(method, path, body) {
  const r = await as.request(method, path, { body });
  assert.ok([200, 201].includes(r.status), `${method} ${path} ${JSON.stringify(body)}: ${r.status} ${r.text}`);
  return r.json;
}
const post = (path, body) => ok('POST', path, body);
const kase = ({ days = 2, person = {} } = {}) => post('/api/v1/cases', {
  person: { sex: 'female', birth_year: 1990, citizenship: ['RS'], ...person },
  referral: { date: day(-days), source: 'police' }, exploitation: ['sexual'],
});
const service = (c, body) => post(`/api/v1/cases/${c.id}/services`, { consent: { date: body.start_date ?? day(-1), language: 'sr' }, ...body });
const decide = (c, action, outcome, date) => post(`/api/v1/cases/${c.id}/transitions`, { action, outcome, date, reasons: 'Synthetic reasons.' });
async function proceeding(c, over = {}) {
  const r = await post(`/api/v1/cases/${c.id}/proceedings`, {
    opened_date: day(-100), prosecutor_specialised: true, victim_role: 'injured_party',
    charge: { article: '388', paragraph: '1' }, ...over,
  });
  return r.id ?? r.proceedings?.at(-1)?.id;
}

/** Cases whose records raise every rule, most variants through the API. */
async function raiseAll(shelter, general) {
  // assistance-conditional-on-cooperation: the reason, and a stop soon after declining
  let c = await kase({ days: 30 });
  let s = await service(c, { type: 'psychological', status: 'active', start_date: day(-25) });
  await ok('PATCH', `/api/v1/cases/${c.id}/services/${s.services[0].id}`, { status: 'stopped', end_date: day(-20), stop_reason: 'cooperation_declined' });
  c = await kase({ days: 30 });
  s = await service(c, { type: 'legal_representation', status: 'active', start_date: day(-25) });
  await post(`/api/v1/cases/${c.id}/cooperation`, { status: 'declined', date: day(-12) });
  await ok('PATCH', `/api/v1/cases/${c.id}/services/${s.services[0].id}`, { status: 'stopped', end_date: day(-9), stop_reason: 'other' });
  // service-without-consent
  c = await kase();
  await post(`/api/v1/cases/${c.id}/services`, { type: 'medical', status: 'active', start_date: day(-1) });
  // reflection-period-missing: none yet, and decided late
  c = await kase({ days: 25 });
  await decide(c, 'reasonable_grounds', 'positive', day(-20));
  c = await kase({ days: 25 });
  await decide(c, 'reasonable_grounds', 'positive', day(-20));
  await post(`/api/v1/cases/${c.id}/reflection`, { status: 'granted', start_date: day(-5) });
  // reflection-period-short: planned short; ended early on a ground that does not allow it
  c = await kase({ days: 50 });
  await post(`/api/v1/cases/${c.id}/reflection`, { status: 'granted', start_date: day(-40), planned_end_date: day(-30), grounds: 'public_order' });
  c = await kase({ days: 50 });
  const rp = (await post(`/api/v1/cases/${c.id}/reflection`, { status: 'granted', start_date: day(-40) })).reflection_periods.at(-1);
  await post(`/api/v1/cases/${c.id}/reflection/${rp.id}/end`, { actual_end_date: day(-35), grounds: 'other' });
  // removal-during-identification: before a conclusive decision, with none, and in a reflection period
  c = await kase({ days: 25 });
  await decide(c, 'reasonable_grounds', 'positive', day(-20));
  await post(`/api/v1/cases/${c.id}/removals`, { date: day(-10), kind: 'expulsion' });
  c = await kase({ days: 25 });
  await decide(c, 'reasonable_grounds', 'positive', day(-20));
  await post(`/api/v1/cases/${c.id}/removals`, { date: day(-10), kind: 'forced_return' });
  await decide(c, 'identify', 'identified', day(-5));
  c = await kase({ days: 40 });
  await post(`/api/v1/cases/${c.id}/reflection`, { status: 'granted', start_date: day(-30) });
  await post(`/api/v1/cases/${c.id}/removals`, { date: day(-10), kind: 'removal' });
  // identification-overdue: both deadlines passed
  await kase({ days: 60 });
  // identification-without-reasons: only imported history lacks reasons
  const file = join(srv.dataDir, '..', 'messages-no-reasons.jsonl');
  writeFileSync(file, `${JSON.stringify({
    ref: 'MSG-NR-1', person: { sex: 'female', birth_year: 1990, citizenship: ['RS'] },
    referral: { date: day(-30), source: 'police' }, exploitation: ['sexual'],
    identification: { outcome: 'identified', date: day(-5) },
  })}\n`);
  const imp = srv.cli(['import', '--org', ORG, file]);
  assert.equal(imp.status, 0, imp.stderr);
  // age-uncertain-treated-as-adult: placed with adults; decided by the body for adults
  const uncertain = { birth_year: year - 19, age_uncertain: true };
  c = await kase({ days: 10, person: uncertain });
  await post(`/api/v1/cases/${c.id}/placements`, { shelter_id: shelter, place: 'women', start_date: day(-5) });
  c = await kase({ days: 10, person: uncertain });
  // The default body presumes a child; the adults' body is named on purpose.
  await post(`/api/v1/cases/${c.id}/transitions`, { action: 'reasonable_grounds', outcome: 'positive', date: day(-5),
    reasons: 'Synthetic reasons.', body: 'Center for Protection of Victims of Trafficking' });
  // child-without-guardian: none, and late
  c = await kase({ days: 10, person: child });
  await ok('PUT', `/api/v1/cases/${c.id}/unaccompanied`, { unaccompanied: true });
  c = await kase({ days: 10, person: child });
  await ok('PUT', `/api/v1/cases/${c.id}/unaccompanied`, { unaccompanied: true });
  await service(c, { type: 'guardian', status: 'active', start_date: day(-2) });
  // child-not-in-education
  c = await kase({ days: 50, person: child });
  await service(c, { type: 'psychological', status: 'active', start_date: day(-45) });
  // non-specialised-accommodation: turned away; a general shelter
  c = await kase({ days: 10 });
  await post(`/api/v1/cases/${c.id}/placements`, { alternative: 'social_welfare_shelter', turn_away_reason: 'full', place: 'women', start_date: day(-5) });
  c = await kase({ days: 10 });
  await post(`/api/v1/cases/${c.id}/placements`, { shelter_id: general, place: 'women', start_date: day(-5) });
  // victim-penalised: penalised, and pending without a non-punishment assessment
  c = await kase();
  await post(`/api/v1/cases/${c.id}/victim-proceedings`, { kind: 'misdemeanour', offence: 'prostitution', outcome: 'penalty', penalty: 'fine' });
  c = await kase();
  await post(`/api/v1/cases/${c.id}/victim-proceedings`, { kind: 'criminal', offence: 'document_fraud', offence_date: day(-60), outcome: 'pending' });
  // threat-without-protection
  c = await kase({ days: 20 });
  await post(`/api/v1/cases/${c.id}/threats`, { date: day(-10), kind: 'threat_to_family', source: 'perpetrator' });
  // identity-disclosed
  c = await kase();
  await post(`/api/v1/cases/${c.id}/identity-disclosures`, { date: day(-1), recipient: 'employer', channel: 'residence_document' });
  // no-specialised-prosecutor
  c = await kase();
  await proceeding(c, { prosecutor_specialised: false });
  // charge-downgraded: a new charge; a conviction under a lesser article
  c = await kase();
  let p = await proceeding(c);
  await post(`/api/v1/proceedings/${p}/charges`, { date: day(-50), stage: 'indictment', article: '184', paragraph: '1' });
  c = await kase();
  p = await proceeding(c);
  await ok('PUT', `/api/v1/proceedings/${p}/verdict`, { date: day(-10), outcome: 'conviction', article: '184', paragraph: '1', sentence_months: 24 });
  // plea-deal-child-victim
  c = await kase({ person: child });
  p = await proceeding(c);
  await ok('PUT', `/api/v1/proceedings/${p}/plea`, { date: day(-10) });
  // lenient-sentence: below the statutory minimum, suspended, under the rule's months
  c = await kase();
  p = await proceeding(c);
  await ok('PUT', `/api/v1/proceedings/${p}/verdict`, { date: day(-10), outcome: 'conviction', sentence_months: 12 });
  c = await kase();
  p = await proceeding(c);
  await ok('PUT', `/api/v1/proceedings/${p}/verdict`, { date: day(-10), outcome: 'conviction', sentence_months: 40, suspended: true });
  c = await kase();
  p = await proceeding(c, { charge: { article: '388', paragraph: '8' } });
  await ok('PUT', `/api/v1/proceedings/${p}/verdict`, { date: day(-10), outcome: 'conviction', sentence_months: 30 });
  // compensation-not-claimed
  c = await kase();
  p = await proceeding(c);
  await post(`/api/v1/proceedings/${p}/stage`, { stage: 'indictment', date: day(-50) });
  // compensation-unpaid: partly paid, and no amount recorded
  for (const amount of [100000, null]) {
    c = await kase();
    const r = await post(`/api/v1/cases/${c.id}/compensation`, { forum: amount ? 'civil' : 'state_fund', claimed_date: day(-400), amount_claimed: 100000 });
    const id = r.id ?? r.compensation_claims?.at(-1)?.id;
    await ok('PATCH', `/api/v1/cases/${c.id}/compensation/${id}`,
      { status: 'awarded', award_date: day(-300), ...(amount ? { amount_awarded: amount, amount_paid: 25000, paid_date: day(-100) } : {}) });
  }
  // vulnerable-witness-not-implemented: not carried out; confronted; both
  const hearing = async (confrontation, measures) => {
    const k = await kase();
    const q = await proceeding(k);
    await post(`/api/v1/proceedings/${q}/hearings`, { date: day(-5), case_id: k.id, confrontation, measures });
  };
  await hearing(false, [{ measure: 'video_link', requested: true, granted: true, carried_out: false }]);
  await hearing(true, [{ measure: 'no_confrontation', requested: true, granted: true, carried_out: true }]);
  await hearing(true, [{ measure: 'especially_vulnerable_witness', requested: true, granted: true, carried_out: true },
    { measure: 'video_link', requested: true, granted: true, carried_out: false },
    { measure: 'closed_hearing', requested: true, granted: true, carried_out: false }]);
  // unequal-access-foreign (register-wide): nationals get medical help, foreigners not
  for (const [citizenship, types, n] of [[['RS'], ['medical', 'psychological'], 2], [['RO'], ['psychological'], 5]]) {
    for (let i = 0; i < n; i++) {
      const k = await kase({ days: 3, person: { citizenship } });
      await decide(k, 'identify', 'identified', day(0));
      for (const type of types) await service(k, { type, status: 'active', start_date: day(0) });
    }
  }
  const r = srv.cli(['alerts', '--recheck', '--rule', 'unequal-access-foreign']);
  assert.equal(r.status, 0, r.stderr);
}

before(async () => {
  srv = await startLantern({ orgs: [{ name: ORG, kind: 'center' }], users });
  as = new Client(srv.url);
  assert.equal((await as.login('coord', 'coordinator-pass')).status, 200);
  const orgId = (await as.get('/api/v1/organisations')).json.items.find((o) => o.name === ORG).id;
  const shelter = async (name, specialised) => (await post('/api/v1/shelters', {
    organisation_id: orgId, name, specialised, capacity_women: 10, capacity_men: 10, capacity_children: 10,
    licence_valid_until: day(365), effective_date: day(-400),
  })).id;
  await raiseAll(await shelter('Messages Shelter (synthetic)', true), await shelter('General Shelter (synthetic)', false));
  const all = await as.get('/api/v1/alerts?per_page=200');
  assert.equal(all.status, 200, all.text);
  real.push(...all.json.items);
  vocab = (await as.get('/api/v1/vocabularies')).json;
});
after(async () => { await srv?.stop(); });

const everyAlert = () => [...real, ...SYNTHETIC];
const sameKeys = (a, b) => a.length === b.length && a.every((k) => b.includes(k));

test('the API answers each alert with its detail, in the list, alone and on the case', async () => {
  assert.ok(real.length >= RULE_IDS.length, `${real.length} alerts`);
  for (const a of real) assert.equal(typeof a.detail, 'object', `${a.rule}: detail`);
  const one = real.find((a) => a.case_id);
  const alone = await as.get(`/api/v1/alerts/${one.id}`);
  assert.deepEqual(alone.json.detail, one.detail);
  const onCase = (await as.get(`/api/v1/cases/${one.case_id}`)).json.alerts.find((a) => a.id === one.id);
  assert.deepEqual(onCase.detail, one.detail);
});

test('every rule raised a real alert, whose detail has the keys the rule writes', () => {
  assert.deepEqual(Object.keys(WRITES).sort(), [...RULE_IDS].sort(), 'WRITES lists every rule');
  assert.deepEqual(knownRules().sort(), [...RULE_IDS].sort(), 'alertmsg.js knows every rule');
  for (const id of RULE_IDS) assert.ok(real.some((a) => a.rule === id), `no real alert of ${id}`);
  for (const a of everyAlert()) {
    const keys = Object.keys(a.detail);
    assert.ok(WRITES[a.rule].some((w) => sameKeys(w, keys)), `${a.rule}: detail keys ${keys} are not what the rule writes`);
  }
});

test('every rule has Serbian templates; their placeholders are keys the rule writes', () => {
  for (const id of RULE_IDS) {
    const keys = templatesOf(SR, id);
    assert.ok(keys.length, `no Serbian template for ${id}`);
    assert.deepEqual(keys, templatesOf(EN, id), `${id}: the same templates in English`);
    const written = new Set(WRITES[id].flat());
    for (const k of keys) {
      for (const p of placeholders(SR[k])) assert.ok(written.has(p), `${k}: {${p}} is not a key ${id} writes`);
    }
  }
  // Each template is the one of some alert, and each alert's template exists.
  const used = new Set(everyAlert().map(templateKey));
  const all = Object.keys(SR).filter((k) => k.startsWith('alerts.msg.'));
  assert.deepEqual(all.filter((k) => !used.has(k)), [], 'templates no alert uses');
  assert.deepEqual([...used].filter((k) => !(k in SR)), [], 'alerts without a template');
  // Which variants the API produced (the rest are SYNTHETIC).
  const fromApi = new Set(real.map(templateKey));
  console.log(`templates: ${all.length}; from real alerts: ${fromApi.size}; from written details only: ${all.filter((k) => !fromApi.has(k)).join(', ')}`);
});

const ENGLISH = /\b(the|The|was|were|days?|referred|service|recorded|decision|article|reflection|proceeding|victim|child|hearing|threat|limit|since|after|before|with|without|granted|unrecorded|months?|working)\b/;

test('every alert reads in Serbian Latin and Cyrillic, with nothing left in English', async () => {
  for (const lang of ['sr-Latn', 'sr-Cyrl']) {
    await i18n.setLanguage(lang, { remember: false });
    for (const a of everyAlert()) {
      const m = alertMessage(a, vocab);
      const where = `${lang} ${a.rule} ${JSON.stringify(a.detail)}: ${m.text}`;
      if (process.env.SHOW_MSG) console.log(`${templateKey(a)}\n  ${a.message}\n  ${m.text}`);
      assert.equal(m.lang, null, `fell back to English: ${where}`);
      assert.notEqual(m.text, a.message, where);
      assert.doesNotMatch(m.text, /[{}]/, `placeholder left: ${where}`);
      assert.doesNotMatch(m.text, /\d\.\./, `double full stop: ${where}`);
      if (lang === 'sr-Latn') assert.doesNotMatch(m.text, ENGLISH, `English word: ${where}`);
      // In Cyrillic, any Latin letter is an untranslated code or word.
      else assert.doesNotMatch(m.text, /[A-Za-z]/, `Latin letters: ${where}`);
    }
  }
  await i18n.setLanguage('sr-Latn', { remember: false });
  const sample = (rule) => alertMessage(real.find((a) => a.rule === rule), vocab).text;
  assert.match(sample('service-without-consent'), /^Za uslugu „Zdravstvena zaštita” \(stanje: u toku, početak \d+\. [a-z]+ \d{4}\.\) nije evidentirana informisana saglasnost\.$/);
  assert.match(sample('identification-overdue'), /radnih dana|dana/);
  const both = real.find((a) => a.rule === 'vulnerable-witness-not-implemented' && a.detail.not_carried_out.includes(','));
  assert.match(alertMessage(both, vocab).text, /\((svedočenje putem video-veze|isključenje javnosti) i (svedočenje putem video-veze|isključenje javnosti)\)/);
});

test('English shows the server message; a detail without a needed key falls back to it', async () => {
  await i18n.setLanguage('en', { remember: false });
  for (const a of real) assert.deepEqual(alertMessage(a, vocab), { text: a.message, lang: null });
  await i18n.setLanguage('sr-Cyrl', { remember: false });
  const a = real.find((x) => x.rule === 'threat-without-protection');
  const { deadline, ...rest } = a.detail;
  assert.ok(deadline);
  assert.deepEqual(alertMessage({ ...a, detail: rest }, vocab), { text: a.message, lang: 'en' });
  assert.deepEqual(alertMessage({ ...a, detail: { ...a.detail, date: 'not a date' } }, vocab), { text: a.message, lang: 'en' });
  assert.deepEqual(alertMessage({ ...a, rule: 'a-rule-from-the-future' }, vocab), { text: a.message, lang: 'en' });
  assert.deepEqual(alertMessage({ ...a, detail: null }, vocab), { text: a.message, lang: 'en' });
  // Service names come from the vocabularies: without them, English.
  const svc = real.find((x) => x.rule === 'service-without-consent');
  assert.deepEqual(alertMessage(svc, null), { text: svc.message, lang: 'en' });
});
