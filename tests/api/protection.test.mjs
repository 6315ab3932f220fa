// Protection and non-punishment on a case: threats and the protection that
// answers them, proceedings against the victim (non-punishment), removals,
// identity disclosures, the unaccompanied flag and age assessments. Every
// endpoint: the happy path, bad input naming its field, 404 outside scope,
// 403 for roles that may not, the case JSON members, notes shown only where
// the case page shows free text, the timeline and the audit.
// Synthetic data only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLantern, Client } from '../support/lantern.mjs';

const A = 'Protect Center A (synthetic)', B = 'Protect NGO B (synthetic)', P = 'Protect Prosecution P (synthetic)';
const users = [
  { username: 'cw-a', role: 'caseworker', org: A, password: 'caseworker-pass-a' },
  { username: 'cw-b', role: 'caseworker', org: B, password: 'caseworker-pass-b' },
  { username: 'coord', role: 'coordinator', org: B, password: 'coordinator-pass' },
  { username: 'liaison', role: 'prosecutor_liaison', org: P, password: 'liaison-pass-123' },
  { username: 'analyst', role: 'analyst', org: A, password: 'analyst-pass-123' },
  { username: 'auditor', role: 'auditor', org: A, password: 'auditor-pass-123' },
];
let srv;
const as = {};
const org = {};

function doc(over = {}) {
  return {
    person: { given_name: 'Sintetika', family_name: 'Zaštitić', sex: 'female', birth_year: 1995, citizenship: ['MD'] },
    referral: { date: '2021-03-04', source: 'police' },
    exploitation: ['sexual'],
    ...over,
  };
}

async function newCase(over) {
  const r = await as['cw-a'].post('/api/v1/cases', doc(over));
  assert.equal(r.status, 201, r.text);
  return r.json;
}

const put = (who, path, body) => as[who].request('PUT', path, { body });
const patch = (who, path, body) => as[who].request('PATCH', path, { body });
const fields = (r) => (r.json?.errors ?? []).map((e) => e.field).sort();
const reason = (r, field) => (r.json?.errors ?? []).find((e) => e.field === field)?.reason ?? '';
const getCase = async (who, id) => {
  const r = await as[who].get(`/api/v1/cases/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
};

before(async () => {
  srv = await startLantern({
    orgs: [{ name: A, kind: 'center' }, { name: B, kind: 'ngo' }, { name: P, kind: 'prosecution' }],
    users,
  });
  for (const u of users) {
    as[u.username] = new Client(srv.url);
    assert.equal((await as[u.username].login(u.username, u.password)).status, 200);
  }
  for (const o of (await as['cw-a'].get('/api/v1/organisations')).json.items) org[o.name] = o.id;
});
after(async () => { await srv?.stop(); });

/* ---------- threats and protection measures ---------- */

test('a threat is recorded, then police protection the next day, then ended', async () => {
  const c = await newCase();
  let r = await as['cw-a'].post(`/api/v1/cases/${c.id}/threats`,
    { date: '2021-05-10', kind: 'intimidation', source: 'perpetrator', note: 'Message to her phone (synthetic).' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(Object.keys(r.json).sort(), ['date', 'id', 'kind', 'proceeding_id', 'source']);
  assert.deepEqual({ ...r.json, id: 0 }, { id: 0, date: '2021-05-10', kind: 'intimidation', source: 'perpetrator', proceeding_id: null });
  const threat = r.json;

  r = await as['cw-a'].post(`/api/v1/cases/${c.id}/protection-measures`,
    { date: '2021-05-11', measure: 'police_protection', threat_id: threat.id, note: 'Patrol at the shelter (synthetic).' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual({ ...r.json, id: 0 }, { id: 0, date: '2021-05-11', measure: 'police_protection', threat_id: threat.id, end_date: null });
  const measure = r.json;

  r = await patch('cw-a', `/api/v1/cases/${c.id}/protection-measures/${measure.id}`, { end_date: '2021-06-30' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.end_date, '2021-06-30');
  assert.equal(r.json.threat_id, threat.id);

  const got = await getCase('cw-a', c.id);
  assert.deepEqual(got.threats, [{ ...threat, note: 'Message to her phone (synthetic).' }]);
  assert.deepEqual(got.protection_measures, [{ ...measure, end_date: '2021-06-30', note: 'Patrol at the shelter (synthetic).' }]);
  const kinds = got.timeline.map((e) => `${e.kind}:${e.action}`);
  assert.ok(kinds.includes('threat:recorded') && kinds.includes('protection:recorded') && kinds.includes('protection:ended'), kinds.join());
  const ev = got.timeline.find((e) => e.kind === 'threat');
  assert.deepEqual(ev.detail, { threat: threat.id, kind: 'intimidation', source: 'perpetrator', proceeding: null });
  assert.equal(ev.date, '2021-05-10');
  assert.equal(ev.reasons, null, 'the note is on the record, not copied to the timeline');

  // Clearing the end date reopens the measure.
  r = await patch('cw-a', `/api/v1/cases/${c.id}/protection-measures/${measure.id}`, { end_date: null });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.end_date, null);

  const audit = srv.cli(['audit', 'list', '--action', 'case.protection', '--limit', '50']).stdout;
  assert.match(audit, /protection=\d+ police_protection/);
});

test('threat and protection input is checked field by field', async () => {
  const c = await newCase();
  const other = await newCase();
  const url = `/api/v1/cases/${c.id}/threats`;
  let r = await as['cw-a'].post(url, {});
  assert.equal(r.status, 400);
  assert.deepEqual(fields(r), ['date', 'kind']);
  r = await as['cw-a'].post(url, { date: '2999-01-01', kind: 'shouting', source: 'neighbour', proceeding_id: 4242, colour: 'red' });
  assert.equal(r.status, 400);
  assert.deepEqual(fields(r), ['colour']);
  r = await as['cw-a'].post(url, { date: '2999-01-01', kind: 'shouting', source: 'neighbour', proceeding_id: 4242 });
  assert.equal(r.status, 400);
  assert.deepEqual(fields(r), ['date', 'kind', 'proceeding_id', 'source']);
  assert.match(reason(r, 'date'), /future/);
  assert.match(reason(r, 'kind'), /threat, intimidation, violence, threat_to_family, other/);
  assert.match(reason(r, 'source'), /perpetrator, associate, unknown, other/);
  assert.match(reason(r, 'proceeding_id'), /concerns this case/);
  r = await as['cw-a'].post(url, { date: '2021-05-10', kind: 'violence', note: 'x'.repeat(4001) });
  assert.deepEqual(fields(r), ['note']);

  // A threat of another case cannot be answered here; nor can a measure precede its threat.
  const t = (await as['cw-a'].post(`/api/v1/cases/${other.id}/threats`, { date: '2021-05-10', kind: 'threat' })).json;
  const own = (await as['cw-a'].post(url, { date: '2021-05-10', kind: 'threat' })).json;
  const murl = `/api/v1/cases/${c.id}/protection-measures`;
  r = await as['cw-a'].post(murl, { date: '2021-05-11', measure: 'relocation', threat_id: t.id });
  assert.deepEqual(fields(r), ['threat_id']);
  r = await as['cw-a'].post(murl, { date: '2021-05-09', measure: 'relocation', threat_id: own.id });
  assert.deepEqual(fields(r), ['date']);
  assert.match(reason(r, 'date'), /threat's date \(2021-05-10\)/);
  r = await as['cw-a'].post(murl, { date: '2021-05-11', measure: 'bodyguard', end_date: '2021-05-01' });
  assert.deepEqual(fields(r), ['end_date', 'measure']);
  assert.match(reason(r, 'measure'), /police_protection, witness_protection_programme, relocation, safe_accommodation, restraining_order, other/);
  r = await as['cw-a'].post(murl, {});
  assert.deepEqual(fields(r), ['date', 'measure']);

  const m = (await as['cw-a'].post(murl, { date: '2021-05-11', measure: 'safe_accommodation' })).json;
  const mu = `/api/v1/cases/${c.id}/protection-measures/${m.id}`;
  r = await patch('cw-a', mu, {});
  assert.deepEqual(fields(r), ['(body)']);
  r = await patch('cw-a', mu, { end_date: '2021-05-01' });
  assert.deepEqual(fields(r), ['end_date']);
  r = await patch('cw-a', mu, { end_date: '2999-05-01' });
  assert.deepEqual(fields(r), ['end_date']);
  r = await patch('cw-a', mu, { measure: 'relocation' });
  assert.deepEqual(fields(r), ['measure']);
  // A measure of another case is no record here.
  assert.equal((await patch('cw-a', `/api/v1/cases/${other.id}/protection-measures/${m.id}`, { end_date: '2021-06-01' })).status, 404);
  assert.equal((await patch('cw-a', `/api/v1/cases/${c.id}/protection-measures/99999`, { end_date: '2021-06-01' })).status, 404);
});

/* ---------- proceedings against the victim ---------- */

test('a fine for prostitution during exploitation, then a non-punishment assessment', async () => {
  const c = await newCase();
  const url = `/api/v1/cases/${c.id}/victim-proceedings`;
  let r = await as['cw-a'].post(url, {
    kind: 'misdemeanour', offence: 'prostitution', offence_date: '2020-11-02', during_exploitation: true,
    authority: 'Demo Misdemeanour Court (synthetic)', outcome: 'penalty', penalty: 'fine', outcome_date: '2020-12-01',
    note: 'Fined while still controlled (synthetic).',
  });
  assert.equal(r.status, 201, r.text);
  const vp = r.json;
  assert.deepEqual({ ...vp, id: 0 }, {
    id: 0, kind: 'misdemeanour', offence: 'prostitution', offence_date: '2020-11-02', during_exploitation: true,
    authority: 'Demo Misdemeanour Court (synthetic)', outcome: 'penalty', penalty: 'fine', outcome_date: '2020-12-01',
    non_punishment_assessed: false, assessment_date: null,
  });

  const vu = `${url}/${vp.id}`;
  r = await patch('cw-a', vu, { non_punishment_assessed: true, assessment_date: '2021-04-01', outcome: 'not_punished', penalty: null, outcome_date: '2021-04-01' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.outcome, 'not_punished');
  assert.equal(r.json.penalty, null);
  assert.equal(r.json.non_punishment_assessed, true);
  assert.equal(r.json.assessment_date, '2021-04-01');
  assert.equal(r.json.authority, 'Demo Misdemeanour Court (synthetic)', 'unchanged members stay');

  const got = await getCase('cw-a', c.id);
  assert.equal(got.victim_proceedings.length, 1);
  assert.equal(got.victim_proceedings[0].note, 'Fined while still controlled (synthetic).');
  assert.equal(got.victim_proceedings[0].outcome, 'not_punished');
  const evs = got.timeline.filter((e) => e.kind === 'victim_proceeding');
  assert.deepEqual(evs.map((e) => e.action), ['recorded', 'not_punished']);
  assert.equal(evs[1].detail.from, 'penalty');
  assert.equal(evs[1].date, '2021-04-01');
  assert.ok(!JSON.stringify(evs).includes('synthetic'), 'no free text in the timeline details');

  // The note may be replaced and cleared; during_exploitation may go back to unknown.
  r = await patch('cw-a', vu, { note: 'Assessed by the prosecutor (synthetic).', during_exploitation: null });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.during_exploitation, null);
  assert.equal((await getCase('cw-a', c.id)).victim_proceedings[0].note, 'Assessed by the prosecutor (synthetic).');
  r = await patch('cw-a', vu, { note: null });
  assert.equal(r.status, 200, r.text);
  assert.equal((await getCase('cw-a', c.id)).victim_proceedings[0].note, null);
});

test('proceedings against the victim are checked as a whole', async () => {
  const c = await newCase();
  const url = `/api/v1/cases/${c.id}/victim-proceedings`;
  let r = await as['cw-a'].post(url, {});
  assert.equal(r.status, 400);
  assert.deepEqual(fields(r), ['kind', 'offence', 'outcome']);
  r = await as['cw-a'].post(url, { kind: 'civil', offence: 'loitering', outcome: 'fined' });
  assert.deepEqual(fields(r), ['kind', 'offence', 'outcome']);
  assert.match(reason(r, 'offence'), /prostitution, begging, immigration, document_fraud, theft, drugs, labour, other/);
  assert.match(reason(r, 'outcome'), /pending, penalty, acquitted, dismissed, not_punished/);
  // Penalty required with outcome penalty...
  r = await as['cw-a'].post(url, { kind: 'criminal', offence: 'drugs', outcome: 'penalty' });
  assert.deepEqual(fields(r), ['penalty']);
  r = await as['cw-a'].post(url, { kind: 'criminal', offence: 'drugs', outcome: 'penalty', penalty: 'flogging' });
  assert.match(reason(r, 'penalty'), /fine, prison, probation, other/);
  // ...and refused otherwise.
  r = await as['cw-a'].post(url, { kind: 'criminal', offence: 'drugs', outcome: 'acquitted', penalty: 'prison' });
  assert.deepEqual(fields(r), ['penalty']);
  // Dates: not in the future, outcome and assessment not before the offence.
  r = await as['cw-a'].post(url, { kind: 'criminal', offence: 'theft', offence_date: '2021-02-01', outcome: 'dismissed',
                                    outcome_date: '2021-01-01', non_punishment_assessed: true, assessment_date: '2020-12-31' });
  assert.deepEqual(fields(r), ['assessment_date', 'outcome_date']);
  assert.match(reason(r, 'outcome_date'), /offence date \(2021-02-01\)/);
  r = await as['cw-a'].post(url, { kind: 'criminal', offence: 'theft', offence_date: '2999-02-01', outcome: 'pending' });
  assert.deepEqual(fields(r), ['offence_date']);
  // The assessment date comes with an assessment, and only with one.
  r = await as['cw-a'].post(url, { kind: 'misdemeanour', offence: 'begging', outcome: 'pending', non_punishment_assessed: true });
  assert.deepEqual(fields(r), ['assessment_date']);
  r = await as['cw-a'].post(url, { kind: 'misdemeanour', offence: 'begging', outcome: 'pending', assessment_date: '2021-03-01' });
  assert.deepEqual(fields(r), ['assessment_date']);
  // A pending proceeding has no outcome date.
  r = await as['cw-a'].post(url, { kind: 'misdemeanour', offence: 'begging', outcome: 'pending', outcome_date: '2021-03-01' });
  assert.deepEqual(fields(r), ['outcome_date']);
  r = await as['cw-a'].post(url, { kind: 'misdemeanour', offence: 'begging', outcome: 'pending', during_exploitation: 'yes' });
  assert.deepEqual(fields(r), ['during_exploitation']);

  const vp = (await as['cw-a'].post(url, { kind: 'misdemeanour', offence: 'immigration', outcome: 'penalty', penalty: 'probation' })).json;
  const vu = `${url}/${vp.id}`;
  r = await patch('cw-a', vu, {});
  assert.deepEqual(fields(r), ['(body)']);
  // The changed record must hold as a whole: the stored penalty must be cleared.
  r = await patch('cw-a', vu, { outcome: 'acquitted' });
  assert.deepEqual(fields(r), ['penalty']);
  assert.match(reason(r, 'penalty'), /null to clear/);
  r = await patch('cw-a', vu, { outcome: null, non_punishment_assessed: null });
  assert.deepEqual(fields(r), ['non_punishment_assessed', 'outcome']);
  r = await patch('cw-a', vu, { offence: 'theft', kind: 'criminal' });
  assert.deepEqual(fields(r), ['kind', 'offence'], 'kind and offence are fixed once recorded');
  const unchanged = (await getCase('cw-a', c.id)).victim_proceedings.find((v) => v.id === vp.id);
  assert.equal(unchanged.outcome, 'penalty', 'a refused change writes nothing');
  assert.equal((await patch('cw-a', `${url}/999999`, { outcome: 'pending' })).status, 404);
});

/* ---------- removals and identity disclosures ---------- */

test('a removal and an identity disclosure are recorded with their codes', async () => {
  const c = await newCase();
  let r = await as['cw-a'].post(`/api/v1/cases/${c.id}/removals`,
    { date: '2021-04-02', kind: 'expulsion', authority: 'Demo Border Police (synthetic)', note: 'Put on a bus (synthetic).' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual({ ...r.json, id: 0 }, { id: 0, date: '2021-04-02', kind: 'expulsion', authority: 'Demo Border Police (synthetic)' });
  r = await as['cw-a'].post(`/api/v1/cases/${c.id}/identity-disclosures`,
    { date: '2021-05-03', recipient: 'employer', channel: 'residence_document', note: 'Permit names the ground (synthetic).' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual({ ...r.json, id: 0 }, { id: 0, date: '2021-05-03', recipient: 'employer', channel: 'residence_document' });

  const got = await getCase('cw-a', c.id);
  assert.equal(got.removals[0].kind, 'expulsion');
  assert.equal(got.removals[0].note, 'Put on a bus (synthetic).');
  assert.equal(got.identity_disclosures[0].channel, 'residence_document');
  assert.equal(got.identity_disclosures[0].note, 'Permit names the ground (synthetic).');
  const ev = got.timeline.find((e) => e.kind === 'disclosure');
  assert.deepEqual(ev.detail, { disclosure: got.identity_disclosures[0].id, recipient: 'employer', channel: 'residence_document' });

  r = await as['cw-a'].post(`/api/v1/cases/${c.id}/removals`, { date: 'yesterday', kind: 'exile' });
  assert.deepEqual(fields(r), ['date', 'kind']);
  assert.match(reason(r, 'kind'), /removal, expulsion, deportation, forced_return/);
  r = await as['cw-a'].post(`/api/v1/cases/${c.id}/removals`, {});
  assert.deepEqual(fields(r), ['date', 'kind']);
  r = await as['cw-a'].post(`/api/v1/cases/${c.id}/identity-disclosures`, { date: '2999-01-01', recipient: 'neighbour', channel: 'gossip' });
  assert.deepEqual(fields(r), ['channel', 'date', 'recipient']);
  assert.match(reason(r, 'recipient'), /employer, landlord, media, public, authority, other/);
  assert.match(reason(r, 'channel'), /residence_document, document, referral, export, verbal, other/);
  r = await as['cw-a'].post(`/api/v1/cases/${c.id}/identity-disclosures`, {});
  assert.deepEqual(fields(r), ['channel', 'date', 'recipient']);
});

/* ---------- children: unaccompanied and age assessments ---------- */

test('an unaccompanied child with an age assessment', async () => {
  const c = await newCase({ person: { sex: 'male', birth_year: 2006, citizenship: ['AF'] } });
  let got = await getCase('cw-a', c.id);
  assert.equal(got.unaccompanied, null, 'not recorded yet');
  assert.deepEqual(got.age_assessments, []);
  let r = await put('cw-a', `/api/v1/cases/${c.id}/unaccompanied`, { unaccompanied: true });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { case_id: c.id, unaccompanied: true });
  r = await as['cw-a'].post(`/api/v1/cases/${c.id}/age-assessments`,
    { date: '2021-03-08', result: 'child', method: 'interview', note: 'Says he is fifteen (synthetic).' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual({ ...r.json, id: 0 }, { id: 0, date: '2021-03-08', result: 'child', method: 'interview' });
  // Setting the same value again changes nothing and adds no event.
  r = await put('cw-a', `/api/v1/cases/${c.id}/unaccompanied`, { unaccompanied: true });
  assert.equal(r.status, 200, r.text);
  got = await getCase('cw-a', c.id);
  assert.equal(got.unaccompanied, true);
  assert.equal(got.age_assessments[0].note, 'Says he is fifteen (synthetic).');
  assert.deepEqual(got.timeline.filter((e) => e.kind === 'unaccompanied').map((e) => [e.action, e.detail]),
                   [['set', { unaccompanied: true, from: null }]]);
  assert.equal(got.timeline.find((e) => e.kind === 'age_assessment').detail.result, 'child');
  r = await put('cw-a', `/api/v1/cases/${c.id}/unaccompanied`, { unaccompanied: false });
  assert.equal(r.status, 200, r.text);
  assert.equal((await getCase('cw-a', c.id)).unaccompanied, false);

  r = await put('cw-a', `/api/v1/cases/${c.id}/unaccompanied`, {});
  assert.deepEqual(fields(r), ['unaccompanied']);
  r = await put('cw-a', `/api/v1/cases/${c.id}/unaccompanied`, { unaccompanied: 'yes' });
  assert.deepEqual(fields(r), ['unaccompanied']);
  r = await as['cw-a'].post(`/api/v1/cases/${c.id}/age-assessments`, { date: '2999-03-08', result: 'teen', method: 'x-ray' });
  assert.deepEqual(fields(r), ['date', 'method', 'result']);
  assert.match(reason(r, 'result'), /child, adult, undetermined/);
  assert.match(reason(r, 'method'), /documents, interview, medical, other/);
  r = await as['cw-a'].post(`/api/v1/cases/${c.id}/age-assessments`, {});
  assert.deepEqual(fields(r), ['date', 'result']);
});

test('unaccompanied is for a child, or a person whose age is not known', async () => {
  const adult = await newCase();
  let r = await put('cw-a', `/api/v1/cases/${adult.id}/unaccompanied`, { unaccompanied: true });
  assert.equal(r.status, 400);
  assert.deepEqual(fields(r), ['unaccompanied']);
  assert.match(reason(r, 'unaccompanied'), /adult at referral/);
  assert.equal((await put('cw-a', `/api/v1/cases/${adult.id}/unaccompanied`, { unaccompanied: false })).status, 200);
  // An age assessment that finds a child makes it possible.
  await as['cw-a'].post(`/api/v1/cases/${adult.id}/age-assessments`, { date: '2021-03-09', result: 'child', method: 'documents' });
  assert.equal((await put('cw-a', `/api/v1/cases/${adult.id}/unaccompanied`, { unaccompanied: true })).status, 200);

  // Age uncertain (an adult's estimated year): allowed (presumed a child
  // until verified)...
  const unknown = await newCase({ person: { sex: 'female', birth_year: 1995, age_uncertain: true, citizenship: ['NG'] } });
  assert.equal((await put('cw-a', `/api/v1/cases/${unknown.id}/unaccompanied`, { unaccompanied: true })).status, 200);
  // ...until an assessment finds an adult.
  await as['cw-a'].post(`/api/v1/cases/${unknown.id}/age-assessments`, { date: '2021-03-09', result: 'adult', method: 'medical' });
  r = await put('cw-a', `/api/v1/cases/${unknown.id}/unaccompanied`, { unaccompanied: true });
  assert.equal(r.status, 400);
  assert.match(reason(r, 'unaccompanied'), /age assessment found an adult/);
});

/* ---------- who may ---------- */

test('scope: 404 outside it, 403 for roles that may not, referrals followed', async () => {
  const c = await newCase({ referral: { date: '2021-03-04', source: 'police', consent: true } });
  const base = `/api/v1/cases/${c.id}`;
  const t = (await as['cw-a'].post(`${base}/threats`, { date: '2021-05-10', kind: 'threat', note: 'Secret (synthetic).' })).json;
  const m = (await as['cw-a'].post(`${base}/protection-measures`, { date: '2021-05-10', measure: 'relocation', threat_id: t.id })).json;
  const vp = (await as['cw-a'].post(`${base}/victim-proceedings`, { kind: 'criminal', offence: 'document_fraud', outcome: 'pending' })).json;
  const writes = [
    ['POST', `${base}/threats`, { date: '2021-05-10', kind: 'threat' }],
    ['POST', `${base}/protection-measures`, { date: '2021-05-10', measure: 'relocation' }],
    ['PATCH', `${base}/protection-measures/${m.id}`, { end_date: '2021-05-20' }],
    ['POST', `${base}/victim-proceedings`, { kind: 'criminal', offence: 'theft', outcome: 'pending' }],
    ['PATCH', `${base}/victim-proceedings/${vp.id}`, { outcome: 'dismissed' }],
    ['POST', `${base}/removals`, { date: '2021-05-10', kind: 'removal' }],
    ['POST', `${base}/identity-disclosures`, { date: '2021-05-10', recipient: 'media', channel: 'verbal' }],
    ['PUT', `${base}/unaccompanied`, { unaccompanied: false }],
    ['POST', `${base}/age-assessments`, { date: '2021-05-10', result: 'adult' }],
  ];
  for (const [method, path, body] of writes) {
    assert.equal((await as['cw-b'].request(method, path, { body })).status, 404, `${method} ${path} by another organisation`);
    assert.equal((await as.analyst.request(method, path, { body })).status, 403, `${method} ${path} by the analyst`);
    assert.equal((await as.auditor.request(method, path, { body })).status, 403, `${method} ${path} by the auditor`);
    assert.equal((await as['cw-a'].request(method, `/api/v1/cases/999999/${path.split('/').slice(5).join('/')}`, { body })).status, 404);
  }
  assert.equal((await as.analyst.get(base)).status, 403);
  assert.equal((await as.auditor.get(base)).status, 403);

  // The coordinator (another organisation) reaches every case.
  assert.equal((await as.coord.post(`${base}/removals`, { date: '2021-05-11', kind: 'deportation' })).status, 201);
  const seen = await getCase('coord', c.id);
  assert.equal(seen.threats[0].note, 'Secret (synthetic).');

  // A prosecutor's liaison office reached by a referral (identity not shared)
  // sees and records the justice parts, without notes; it may not record
  // removals, which are case assistance its role does not have.
  const sent = await as['cw-a'].post(`${base}/referrals`, { to_organisation_id: org[P], purpose: 'legal_information', date: '2021-05-12' });
  assert.equal(sent.status, 201, sent.text);
  const viaReferral = await getCase('liaison', c.id);
  assert.equal(viaReferral.threats.length, 1);
  assert.ok(!('note' in viaReferral.threats[0]), 'no notes without free text');
  assert.ok(!('note' in viaReferral.removals[0]));
  assert.ok(!('note' in viaReferral.protection_measures[0]));
  assert.ok(Array.isArray(viaReferral.victim_proceedings));
  assert.equal((await as.liaison.post(`${base}/threats`, { date: '2021-05-13', kind: 'threat_to_family', source: 'associate' })).status, 201);
  assert.equal((await as.liaison.post(`${base}/removals`, { date: '2021-05-13', kind: 'removal' })).status, 403);
  assert.equal((await put('liaison', `${base}/unaccompanied`, { unaccompanied: false })).status, 403);
  // Without a referral the liaison office sees nothing.
  const hidden = await newCase();
  assert.equal((await as.liaison.post(`/api/v1/cases/${hidden.id}/threats`, { date: '2021-05-13', kind: 'threat' })).status, 404);
});

/* ---------- links to criminal proceedings (docs/justice.md) ---------- */

test('a threat may name a criminal proceeding only when it concerns the case', async () => {
  const c = await newCase();
  const other = await newCase();
  const made = await as['cw-a'].post(`/api/v1/cases/${c.id}/proceedings`, {
    opened_date: '2021-04-01', prosecutor_specialised: true, victim_role: 'injured_party_and_witness',
    charge: { article: '388', paragraph: '1' },
  });
  assert.equal(made.status, 201, made.text);
  const pid = made.json.id;
  let r = await as['cw-a'].post(`/api/v1/cases/${c.id}/threats`, { date: '2021-05-10', kind: 'intimidation', proceeding_id: pid });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.proceeding_id, pid);
  assert.equal((await getCase('cw-a', c.id)).timeline.find((e) => e.kind === 'threat').detail.proceeding, pid);
  r = await as['cw-a'].post(`/api/v1/cases/${other.id}/threats`, { date: '2021-05-10', kind: 'intimidation', proceeding_id: pid });
  assert.equal(r.status, 400);
  assert.deepEqual(fields(r), ['proceeding_id']);
});
