// Criminal proceedings and compensation (docs/justice.md): opening a
// proceeding on a case, stages, charges with requalification and downgrade,
// plea, verdict with the statutory minimum of the offence's time, appeals,
// hearings with protective measures, other victims, compensation claims;
// every write on every linked case's timeline; scope (404), roles (403), the
// case document, and a liaison officer working through a referral.
// Synthetic data only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLantern, Client } from '../support/lantern.mjs';

const A = 'Jus Center A (synthetic)', B = 'Jus NGO B (synthetic)', P = 'Jus Prosecution P (synthetic)';
const users = [
  { username: 'cw-a', role: 'caseworker', org: A, password: 'caseworker-pass-a' },
  { username: 'cw-b', role: 'caseworker', org: B, password: 'caseworker-pass-b' },
  { username: 'analyst', role: 'analyst', org: B, password: 'analyst-pass-123' },
  { username: 'liaison', role: 'prosecutor_liaison', org: P, password: 'liaison-pass-123' },
  { username: 'coord', role: 'coordinator', org: A, password: 'coordinator-pass' },
];
let srv;
const as = {};
const org = {};

const fields = (r) => (r.json?.errors ?? []).map((e) => e.field).sort();
const reason = (r, field) => (r.json?.errors ?? []).find((e) => e.field === field)?.reason ?? '';
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
const send = (who, method, path, body) => as[who].request(method, path, { body });

async function newCase(who = 'cw-a', over = {}) {
  const r = await as[who].post('/api/v1/cases', {
    person: { given_name: 'Sintetika', family_name: 'Pravdić', sex: 'female', birth_year: 1999, citizenship: ['RS'] },
    referral: { date: '2021-03-04', source: 'police' },
    exploitation: ['sexual'],
    ...over,
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function open(caseId, over = {}, who = 'cw-a') {
  const r = await as[who].post(`/api/v1/cases/${caseId}/proceedings`, {
    opened_date: '2021-04-01', prosecutor_specialised: true, victim_role: 'injured_party',
    charge: { article: '388', paragraph: '1' }, ...over,
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

const timeline = async (caseId, who = 'cw-a') => (await as[who].get(`/api/v1/cases/${caseId}`)).json.timeline;

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

test('a proceeding is opened on a case, read back, and goes to the timeline and the case', async () => {
  const c = await newCase();
  const p = await open(c.id, { offence_date: '2020-11-01', police_unit: 'Police unit (synthetic)',
                               prosecutor_office: 'Prosecutor office (synthetic)', court: 'Court (synthetic)',
                               file_number: 'KTO 1/21' });
  assert.equal(p.stage, 'investigation');
  assert.deepEqual(p.stages, [{ stage: 'investigation', date: '2021-04-01' }]);
  assert.deepEqual(p.cases, [{ case_id: c.id, case_number: c.case_number, victim_role: 'injured_party' }]);
  assert.equal(p.other_victims, 0);
  assert.deepEqual(p.charge, { article: '388', paragraph: '1', offence_class: 'trafficking' });
  assert.equal(p.charges.length, 1);
  assert.equal(p.charges[0].requalification, false);
  assert.equal(p.plea_agreement, null);
  assert.equal(p.verdict, null);
  assert.deepEqual([p.appeals, p.hearings, p.compensation_claims], [[], [], []]);
  assert.equal(p.file_number, 'KTO 1/21');

  const got = await as['cw-a'].get(`/api/v1/proceedings/${p.id}`);
  assert.equal(got.status, 200);
  assert.deepEqual(got.json, p);
  const list = await as['cw-a'].get(`/api/v1/cases/${c.id}/proceedings`);
  assert.deepEqual(list.json.items.map((x) => x.id), [p.id]);

  const doc = (await as['cw-a'].get(`/api/v1/cases/${c.id}`)).json;
  assert.deepEqual(doc.proceedings, [{ id: p.id, stage: 'investigation', prosecutor_specialised: true,
    victim_role: 'injured_party', charge: { article: '388', paragraph: '1', offence_class: 'trafficking' },
    verdict_outcome: null, plea_agreement: false }]);
  assert.deepEqual(doc.compensation_claims, []);
  const ev = doc.timeline.find((e) => e.kind === 'proceeding');
  assert.deepEqual([ev.action, ev.date], ['opened', '2021-04-01']);
  assert.deepEqual(ev.detail, { proceeding: p.id, victim_role: 'injured_party', prosecutor_specialised: true,
    article: '388', offence_class: 'trafficking' });
});

test('bad input on opening names the fields', async () => {
  const c = await newCase();
  const base = `/api/v1/cases/${c.id}/proceedings`;
  let r = await as['cw-a'].post(base, {});
  assert.equal(r.status, 400);
  assert.deepEqual(fields(r), ['opened_date', 'prosecutor_specialised', 'victim_role']);
  r = await as['cw-a'].post(base, { opened_date: day(3), offence_date: '2021-13-01', prosecutor_specialised: 'yes',
                                    victim_role: 'victim' });
  assert.deepEqual(fields(r), ['prosecutor_specialised']); // the structure first
  r = await as['cw-a'].post(base, { opened_date: day(3), offence_date: '2021-13-01', prosecutor_specialised: false,
                                    victim_role: 'victim', charge: { article: '999' } });
  assert.deepEqual(fields(r), ['charge.article', 'offence_date', 'opened_date', 'victim_role']);
  assert.match(reason(r, 'charge.article'), /criminal code.*388, 389, 390, 184, 132, 135/);
  assert.match(reason(r, 'victim_role'), /injured_party, witness, injured_party_and_witness/);
  r = await as['cw-a'].post(base, { opened_date: '2021-04-01', offence_date: '2021-05-01', prosecutor_specialised: false,
                                    victim_role: 'witness', charge: { article: '388', paragraph: '12' } });
  assert.deepEqual(fields(r), ['charge.paragraph', 'offence_date']);
  assert.match(reason(r, 'charge.paragraph'), /paragraph of article 388/);
  r = await as['cw-a'].post(base, { opened_date: '2021-04-01', prosecutor_specialised: false, victim_role: 'witness',
                                    charge: { article: '132', paragraph: '1' } });
  assert.match(reason(r, 'charge.paragraph'), /none is recorded/);
  r = await as['cw-a'].post(base, { opened_date: '2021-04-01', prosecutor_specialised: false, victim_role: 'witness', judge: 'x' });
  assert.deepEqual(r.json.errors, [{ field: 'judge', reason: 'unknown field' }]);
  // Nothing was written.
  assert.deepEqual((await as['cw-a'].get(base)).json.items, []);
});

test('scope answers 404 and a role without justice records 403', async () => {
  const c = await newCase();
  const p = await open(c.id);
  for (const [m, path, body] of [
    ['GET', `/api/v1/cases/${c.id}/proceedings`], ['GET', `/api/v1/proceedings/${p.id}`],
    ['PATCH', `/api/v1/proceedings/${p.id}`, { court: 'x' }],
    ['POST', `/api/v1/proceedings/${p.id}/stage`, { stage: 'trial', date: '2021-05-01' }],
    ['POST', `/api/v1/cases/${c.id}/proceedings`, { opened_date: '2021-04-01', prosecutor_specialised: true, victim_role: 'witness' }],
    ['POST', `/api/v1/cases/${c.id}/compensation`, { forum: 'civil', claimed_date: '2021-05-01' }],
    ['GET', '/api/v1/proceedings/999999'],
  ]) {
    const r = await send('cw-b', m, path, body);
    assert.equal(r.status, 404, `${m} ${path}: ${r.text}`);
    const a = await send('analyst', m, path, body);
    assert.equal(a.status, 403, `${m} ${path} as analyst: ${a.text}`);
    assert.equal((await send('liaison', m, path, body)).status, 404);
  }
  // A coordinator reaches everything.
  assert.equal((await as.coord.get(`/api/v1/proceedings/${p.id}`)).status, 200);
  assert.equal((await as['cw-a'].get('/api/v1/proceedings/not-a-number')).status, 404);
});

test('charges: a requalification and a downgrade from trafficking are flagged', async () => {
  const c = await newCase();
  const p = await open(c.id);
  const base = `/api/v1/proceedings/${p.id}/charges`;
  let r = await as['cw-a'].post(base, { date: '2021-06-01', stage: 'indictment', article: '184', paragraph: '1' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.charge, { article: '184', paragraph: '1', offence_class: 'lesser' });
  const last = r.json.charges.at(-1);
  assert.deepEqual([last.article, last.offence_class, last.requalification, last.downgrade], ['184', 'lesser', true, true]);
  r = await as['cw-a'].post(base, { date: '2021-06-02', stage: 'indictment', article: '132' });
  assert.deepEqual([r.json.charges.at(-1).requalification, r.json.charges.at(-1).downgrade], [true, false]);
  r = await as['cw-a'].post(base, { date: '2021-06-03', stage: 'trial', article: '132' });
  assert.deepEqual([r.json.charges.at(-1).requalification, r.json.charges.at(-1).downgrade], [false, false]);
  r = await as['cw-a'].post(base, { date: '2021-06-04', stage: 'trial', article: '388', paragraph: '3' });
  assert.deepEqual([r.json.charges.at(-1).requalification, r.json.charges.at(-1).downgrade], [true, false]);
  r = await as['cw-a'].post(base, { date: '2021-06-05', stage: 'trial', article: '390', paragraph: '1' });
  assert.deepEqual([r.json.charges.at(-1).requalification, r.json.charges.at(-1).downgrade], [true, false],
                   'from one trafficking article to another is no downgrade');
  const events = (await timeline(c.id)).filter((e) => e.kind === 'proceeding');
  const down = events.find((e) => e.detail.downgrade);
  assert.deepEqual([down.action, down.detail.from_article, down.detail.article], ['requalified', '388', '184']);

  r = await as['cw-a'].post(base, { date: '2021-06-01', stage: 'bench', article: '999', paragraph: '1' });
  assert.deepEqual(fields(r), ['article', 'date', 'stage']);
  assert.match(reason(r, 'date'), /date of the current charge/);
  r = await as['cw-a'].post(base, {});
  assert.deepEqual(fields(r), ['article', 'date', 'stage']);
});

test('stages move forward with dates; a closed proceeding moves no further', async () => {
  const c = await newCase();
  const p = await open(c.id);
  const base = `/api/v1/proceedings/${p.id}/stage`;
  let r = await as['cw-a'].post(base, { stage: 'indictment', date: '2021-03-01' });
  assert.deepEqual(fields(r), ['date']);
  assert.match(reason(r, 'date'), /opening date/);
  r = await as['cw-a'].post(base, { stage: 'indictment', date: '2021-06-01' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.indictment_date, '2021-06-01');
  r = await as['cw-a'].post(base, { stage: 'indictment', date: '2021-06-02' });
  assert.equal(r.status, 409);
  r = await as['cw-a'].post(base, { stage: 'trial', date: '2021-05-01' });
  assert.match(reason(r, 'date'), /current stage/);
  // Two days on: the server takes dates up to today anywhere on Earth (UTC+14).
  r = await as['cw-a'].post(base, { stage: 'hearing', date: day(2) });
  assert.deepEqual(fields(r), ['date', 'stage']);
  r = await as['cw-a'].post(base, { stage: 'discontinued', date: '2021-07-01' });
  assert.equal(r.json.stage, 'discontinued');
  assert.deepEqual(r.json.stages.map((s) => s.stage), ['investigation', 'indictment', 'discontinued']);
  assert.equal((await as['cw-a'].post(base, { stage: 'trial', date: '2021-07-02' })).status, 409);
  const v = await send('cw-a', 'PUT', `/api/v1/proceedings/${p.id}/verdict`, { date: '2021-07-03', outcome: 'acquittal' });
  assert.equal(v.status, 409);
  const ev = (await timeline(c.id)).filter((e) => e.kind === 'proceeding' && e.action === 'stage');
  assert.deepEqual(ev.map((e) => e.detail.stage), ['indictment', 'discontinued']);
});

test('the verdict: article from the charge, statutory minimum of the offence time, final, appeals', async () => {
  const c = await newCase();
  // Offence before the 2009 amendments: 2-10 years then.
  const old = await open(c.id, { offence_date: '2008-06-01', opened_date: '2010-02-01' });
  let r = await send('cw-a', 'PUT', `/api/v1/proceedings/${old.id}/verdict`,
                     { date: '2011-05-01', outcome: 'conviction', sentence_months: 24, suspended: false });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.verdict, { outcome: 'conviction', date: '2011-05-01', article: '388', paragraph: '1',
    sentence_months: 24, suspended: false, fine_amount: null, fine_currency: null, final: false,
    statutory_minimum_months: 24 });
  assert.equal(r.json.stage, 'verdict');
  // Offence after: 3-12 years.
  const now = await open(c.id, { offence_date: '2019-06-01', opened_date: '2020-02-01' });
  r = await send('cw-a', 'PUT', `/api/v1/proceedings/${now.id}/verdict`,
                 { date: '2021-05-01', outcome: 'conviction', sentence_months: 24, suspended: true, fine_amount: 1000 });
  assert.equal(r.json.verdict.statutory_minimum_months, 36);
  assert.equal(r.json.verdict.fine_currency, 'RSD');
  assert.equal(r.json.verdict.suspended, true);
  // Without an offence date the opening date decides; a minor's paragraph.
  const minor = await open(c.id, { opened_date: '2009-01-15', charge: { article: '388', paragraph: '3' } });
  r = await send('cw-a', 'PUT', `/api/v1/proceedings/${minor.id}/verdict`, { date: '2010-01-15', outcome: 'conviction' });
  assert.equal(r.json.verdict.statutory_minimum_months, 36);
  r = await send('cw-a', 'PATCH', `/api/v1/proceedings/${minor.id}`, { offence_date: null });
  assert.equal(r.status, 200);
  r = await send('cw-a', 'PUT', `/api/v1/proceedings/${minor.id}/verdict`,
                 { date: '2010-01-15', outcome: 'conviction', article: '388', paragraph: '3', sentence_months: 60 });
  assert.equal(r.json.verdict.statutory_minimum_months, 36);
  const later = await open(c.id, { opened_date: '2015-01-15', charge: { article: '388', paragraph: '3' } });
  r = await send('cw-a', 'PUT', `/api/v1/proceedings/${later.id}/verdict`, { date: '2016-01-15', outcome: 'conviction' });
  assert.equal(r.json.verdict.statutory_minimum_months, 60);
  const ev = (await timeline(c.id)).find((e) => e.action === 'verdict' && e.date === '2016-01-15');
  assert.equal(ev.detail.statutory_minimum_months, 60);

  // Only a conviction has an article and a sentence.
  r = await send('cw-a', 'PUT', `/api/v1/proceedings/${later.id}/verdict`,
                 { date: '2016-01-15', outcome: 'acquittal', article: '388', sentence_months: 12, fine_currency: 'EUR' });
  assert.deepEqual(fields(r), ['article', 'fine_currency', 'sentence_months']);
  r = await send('cw-a', 'PUT', `/api/v1/proceedings/${later.id}/verdict`,
                 { date: '2014-01-15', outcome: 'guilty' });
  assert.deepEqual(fields(r), ['date', 'outcome']);
  r = await send('cw-a', 'PUT', `/api/v1/proceedings/${later.id}/verdict`,
                 { date: '2016-01-15', outcome: 'conviction', suspended: true, fine_currency: 'eur', sentence_months: -1 });
  assert.deepEqual(fields(r), ['fine_currency', 'sentence_months']);
  const bare = await open(c.id, { charge: undefined });
  r = await send('cw-a', 'PUT', `/api/v1/proceedings/${bare.id}/verdict`, { date: '2021-05-01', outcome: 'conviction' });
  assert.deepEqual(fields(r), ['article']);
  r = await send('cw-a', 'PUT', `/api/v1/proceedings/${bare.id}/verdict`, { date: '2021-05-01', outcome: 'conviction', suspended: true });
  assert.deepEqual(fields(r), ['article', 'suspended']);

  // Appeals: not before the verdict, not without one, not after a final one.
  const ap = `/api/v1/proceedings/${now.id}/appeals`;
  r = await as['cw-a'].post(`/api/v1/proceedings/${bare.id}/appeals`, { filed_date: '2021-06-01', appellant: 'defence' });
  assert.equal(r.status, 409);
  r = await as['cw-a'].post(ap, { filed_date: '2021-04-01', appellant: 'judge' });
  assert.deepEqual(fields(r), ['appellant', 'filed_date']);
  assert.match(reason(r, 'filed_date'), /verdict date/);
  r = await as['cw-a'].post(ap, { filed_date: '2021-05-20', appellant: 'prosecution' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.stage, 'appeal');
  const aid = r.json.appeals[0].id;
  assert.deepEqual(r.json.appeals[0], { id: aid, filed_date: '2021-05-20', appellant: 'prosecution', decided_date: null, outcome: null });
  r = await send('cw-a', 'PATCH', `${ap}/${aid}`, { outcome: 'modified' });
  assert.deepEqual(fields(r), ['decided_date']);
  r = await send('cw-a', 'PATCH', `${ap}/${aid}`, { decided_date: '2021-05-01', outcome: 'maybe' });
  assert.deepEqual(fields(r), ['decided_date', 'outcome']);
  r = await send('cw-a', 'PATCH', `${ap}/${aid}`, {});
  assert.deepEqual(fields(r), ['(body)']);
  r = await send('cw-a', 'PATCH', `${ap}/${aid}`, { decided_date: '2021-09-01', outcome: 'modified' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.appeals[0].decided_date, r.json.appeals[0].outcome], ['2021-09-01', 'modified']);
  assert.equal((await send('cw-a', 'PATCH', `${ap}/999999`, { outcome: 'upheld' })).status, 404);
  assert.equal((await send('cw-a', 'PATCH', `/api/v1/proceedings/${old.id}/appeals/${aid}`, { outcome: 'upheld' })).status, 404);
  // The final verdict moves the stage to final.
  r = await send('cw-a', 'PUT', `/api/v1/proceedings/${now.id}/verdict`,
                 { date: '2021-09-01', outcome: 'conviction', sentence_months: 30, final: true });
  assert.deepEqual([r.json.stage, r.json.verdict.final], ['final', true]);
  r = await as['cw-a'].post(ap, { filed_date: '2021-09-10', appellant: 'defence' });
  assert.equal(r.status, 409);
});

test('a plea agreement is recorded and shows on the case', async () => {
  const c = await newCase('cw-a', { person: { sex: 'female', birth_year: 2006 } });
  const p = await open(c.id);
  let r = await send('cw-a', 'PUT', `/api/v1/proceedings/${p.id}/plea`, { date: '2021-03-01' });
  assert.deepEqual(fields(r), ['date']);
  r = await send('cw-a', 'PUT', `/api/v1/proceedings/${p.id}/plea`, {});
  assert.deepEqual(fields(r), ['date']);
  r = await send('cw-a', 'PUT', `/api/v1/proceedings/${p.id}/plea`, { date: '2021-09-01' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.plea_agreement, { date: '2021-09-01' });
  const doc = (await as['cw-a'].get(`/api/v1/cases/${c.id}`)).json;
  assert.equal(doc.proceedings[0].plea_agreement, true);
  assert.equal(doc.timeline.filter((e) => e.action === 'plea').length, 1);
});

test('particulars change; nothing to change is refused', async () => {
  const c = await newCase();
  const p = await open(c.id, { court: 'Court (synthetic)' });
  let r = await send('cw-a', 'PATCH', `/api/v1/proceedings/${p.id}`, {});
  assert.deepEqual(fields(r), ['(body)']);
  r = await send('cw-a', 'PATCH', `/api/v1/proceedings/${p.id}`, { offence_date: '2021-05-01', prosecutor_specialised: null });
  assert.deepEqual(fields(r), ['offence_date', 'prosecutor_specialised']);
  r = await send('cw-a', 'PATCH', `/api/v1/proceedings/${p.id}`, { prosecutor_specialised: false, court: null, file_number: 'K 2/21' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.prosecutor_specialised, r.json.court, r.json.file_number], [false, null, 'K 2/21']);
  const ev = (await timeline(c.id)).find((e) => e.action === 'updated');
  assert.deepEqual(ev.detail.changed, ['prosecutor_specialised', 'court', 'file_number']);
});

test('hearings record protective measures; a granted one needs carried_out once past', async () => {
  const c = await newCase();
  const p = await open(c.id);
  const base = `/api/v1/proceedings/${p.id}/hearings`;
  const other = await newCase();
  let r = await as['cw-a'].post(base, { date: '2021-05-01', case_id: other.id,
    measures: [{ measure: 'video_link', requested: true, granted: true },
               { measure: 'video_link', requested: true, granted: false },
               { measure: 'hypnosis', requested: true, granted: false },
               { measure: 'anonymity', requested: false, granted: false, carried_out: true }] });
  assert.deepEqual(fields(r), ['case_id', 'measures[0].carried_out', 'measures[1].measure', 'measures[2].measure',
                               'measures[3].carried_out']);
  assert.match(reason(r, 'measures[1].measure'), /twice/);
  r = await as['cw-a'].post(base, { date: day(30), case_id: c.id, confrontation: false,
    measures: [{ measure: 'video_link', requested: true, granted: true, carried_out: true }] });
  assert.deepEqual(fields(r), ['confrontation', 'measures[0].carried_out']);
  r = await as['cw-a'].post(base, { date: '2021-05-01', case_id: c.id, measures: [{ measure: 'video_link' }] });
  assert.deepEqual(fields(r), ['measures[0].granted', 'measures[0].requested']);
  // A hearing ahead: granted, not yet carried out.
  r = await as['cw-a'].post(base, { date: day(30), case_id: c.id,
    measures: [{ measure: 'video_link', requested: true, granted: true }] });
  assert.equal(r.status, 201, r.text);
  // The point of the record: granted, but not carried out.
  r = await as['cw-a'].post(base, { date: '2021-05-01', case_id: c.id, confrontation: true,
    measures: [{ measure: 'video_link', requested: true, granted: true, carried_out: false },
               { measure: 'especially_vulnerable_witness', requested: true, granted: true, carried_out: true }],
    note: 'The video link equipment was not working (synthetic).' });
  assert.equal(r.status, 201, r.text);
  const h = r.json.hearings.find((x) => x.date === '2021-05-01');
  assert.equal(h.confrontation, true);
  assert.deepEqual(h.measures.find((m) => m.measure === 'video_link'),
                   { measure: 'video_link', requested: true, granted: true, carried_out: false });
  assert.equal(h.note, undefined, 'the note is shown only on the case page');
  const ev = (await timeline(c.id)).find((e) => e.action === 'hearing' && e.date === '2021-05-01');
  assert.deepEqual([ev.detail.measures_granted, ev.detail.measures_not_carried_out], [2, 1]);
  assert.equal(ev.reasons, 'The video link equipment was not working (synthetic).');
});

test('another victim joins; every linked case gets the events; others see only their own', async () => {
  const c1 = await newCase();
  const c2 = await newCase();
  const cb = await newCase('cw-b');
  const p = await open(c1.id);
  const base = `/api/v1/proceedings/${p.id}/cases`;
  let r = await as['cw-a'].post(base, { case_id: cb.id, victim_role: 'witness' });
  assert.deepEqual(fields(r), ['case_id']);
  r = await as['cw-a'].post(base, { case_id: c2.id, victim_role: 'bystander' });
  assert.deepEqual(fields(r), ['victim_role']);
  r = await as['cw-a'].post(base, { case_id: c2.id, victim_role: 'witness' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.cases.map((x) => x.case_id), [c1.id, c2.id]);
  assert.equal((await as['cw-a'].post(base, { case_id: c2.id, victim_role: 'witness' })).status, 409);
  // The other organisation's worker links their own case: they need to reach
  // the proceeding first, which they cannot.
  assert.equal((await as['cw-b'].post(base, { case_id: cb.id, victim_role: 'witness' })).status, 404);
  // A coordinator links it; cw-b then sees the proceeding through their case
  // alone, with the other victims counted.
  r = await as.coord.post(base, { case_id: cb.id, victim_role: 'injured_party_and_witness' });
  assert.equal(r.status, 201, r.text);
  const seen = await as['cw-b'].get(`/api/v1/proceedings/${p.id}`);
  assert.equal(seen.status, 200);
  assert.deepEqual(seen.json.cases.map((x) => x.case_id), [cb.id]);
  assert.equal(seen.json.other_victims, 2);
  // A stage move goes to every victim's timeline.
  r = await as['cw-b'].post(`/api/v1/proceedings/${p.id}/stage`, { stage: 'indictment', date: '2021-06-01' });
  assert.equal(r.status, 201, r.text);
  for (const [id, who] of [[c1.id, 'cw-a'], [c2.id, 'cw-a'], [cb.id, 'cw-b']]) {
    const t = await timeline(id, who);
    assert.ok(t.some((e) => e.kind === 'proceeding' && e.action === 'stage' && e.detail.proceeding === p.id), `case ${id}`);
  }
  // A hearing of another victim is not shown to cw-b.
  await as['cw-a'].post(`/api/v1/proceedings/${p.id}/hearings`, { date: '2021-06-05', case_id: c2.id });
  assert.deepEqual((await as['cw-b'].get(`/api/v1/proceedings/${p.id}`)).json.hearings, []);
  assert.equal((await as['cw-a'].get(`/api/v1/proceedings/${p.id}`)).json.hearings.length, 1);
});

test('compensation: claimed, awarded, paid; a payment needs an award', async () => {
  const c = await newCase();
  const p = await open(c.id);
  const stray = await open((await newCase()).id);
  const base = `/api/v1/cases/${c.id}/compensation`;
  let r = await as['cw-a'].post(base, {});
  assert.deepEqual(fields(r), ['claimed_date', 'forum']);
  r = await as['cw-a'].post(base, { forum: 'moral', claimed_date: day(2), amount_claimed: -5, currency: 'rsd',
                                    proceeding_id: stray.id });
  assert.deepEqual(fields(r), ['amount_claimed', 'claimed_date', 'currency', 'forum', 'proceeding_id']);
  r = await as['cw-a'].post(base, { forum: 'criminal', proceeding_id: p.id, claimed_date: '2021-06-01', amount_claimed: 500000 });
  assert.equal(r.status, 201, r.text);
  const claim = r.json;
  assert.deepEqual(claim, { id: claim.id, case_id: c.id, forum: 'criminal', proceeding_id: p.id, claimed_date: '2021-06-01',
    amount_claimed: 500000, currency: 'RSD', status: 'pending', award_date: null, amount_awarded: null,
    amount_paid: null, paid_date: null });
  const cid = `${base}/${claim.id}`;
  r = await send('cw-a', 'PATCH', cid, { amount_paid: 100, paid_date: '2021-08-01' });
  assert.deepEqual(fields(r), ['paid_date']);
  assert.match(reason(r, 'paid_date'), /needs an award/);
  r = await send('cw-a', 'PATCH', cid, { status: 'awarded' });
  assert.deepEqual(fields(r), ['award_date']);
  r = await send('cw-a', 'PATCH', cid, { status: 'awarded', award_date: '2021-05-01' });
  assert.deepEqual(fields(r), ['award_date']);
  r = await send('cw-a', 'PATCH', cid, { status: 'granted' });
  assert.deepEqual(fields(r), ['status']);
  r = await send('cw-a', 'PATCH', cid, {});
  assert.deepEqual(fields(r), ['(body)']);
  r = await send('cw-a', 'PATCH', cid, { status: 'awarded', award_date: '2021-10-01', amount_awarded: 300000 });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.status, r.json.award_date, r.json.amount_awarded], ['awarded', '2021-10-01', 300000]);
  r = await send('cw-a', 'PATCH', cid, { amount_paid: 400000, paid_date: '2021-12-01' });
  assert.deepEqual(fields(r), ['amount_paid']);
  r = await send('cw-a', 'PATCH', cid, { amount_paid: 300000, paid_date: '2021-09-01' });
  assert.deepEqual(fields(r), ['paid_date']);
  r = await send('cw-a', 'PATCH', cid, { amount_paid: 300000 });
  assert.deepEqual(fields(r), ['paid_date']);
  r = await send('cw-a', 'PATCH', cid, { amount_paid: 300000, paid_date: '2021-12-01' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.amount_paid, r.json.paid_date], [300000, '2021-12-01']);
  const doc = (await as['cw-a'].get(`/api/v1/cases/${c.id}`)).json;
  assert.deepEqual(doc.compensation_claims, [r.json]);
  assert.deepEqual(doc.timeline.filter((e) => e.kind === 'compensation').map((e) => [e.action, e.date]),
                   [['claimed', '2021-06-01'], ['awarded', '2021-10-01'], ['paid', '2021-12-01']]);
  assert.deepEqual((await as['cw-a'].get(`/api/v1/proceedings/${p.id}`)).json.compensation_claims, [r.json]);
  // Another case's claim, another organisation, another role.
  const c2 = await newCase();
  assert.equal((await send('cw-a', 'PATCH', `/api/v1/cases/${c2.id}/compensation/${claim.id}`, { status: 'withdrawn' })).status, 404);
  assert.equal((await send('cw-b', 'PATCH', cid, { status: 'withdrawn' })).status, 404);
  assert.equal((await send('analyst', 'PATCH', cid, { status: 'withdrawn' })).status, 403);
  // Withdrawn with an award on record is refused until the award is cleared.
  r = await send('cw-a', 'PATCH', cid, { status: 'withdrawn' });
  assert.deepEqual(fields(r), ['amount_awarded', 'award_date', 'paid_date']);
});

test('a liaison officer of an organisation the case was referred to records the proceeding', async () => {
  const c = await newCase();
  const path = `/api/v1/cases/${c.id}/proceedings`;
  const body = { opened_date: '2021-04-01', prosecutor_specialised: false, victim_role: 'witness',
                 charge: { article: '388' } };
  assert.equal((await as.liaison.post(path, body)).status, 404);
  const ref = await as['cw-a'].post(`/api/v1/cases/${c.id}/referrals`,
                                    { to_organisation_id: org[P], purpose: 'legal_representation', date: '2021-03-10' });
  assert.equal(ref.status, 201, ref.text);
  const r = await as.liaison.post(path, body);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.cases[0].case_id, c.id);
  const stage = await as.liaison.post(`/api/v1/proceedings/${r.json.id}/stage`, { stage: 'indictment', date: '2021-05-01' });
  assert.equal(stage.status, 201, stage.text);
  const claim = await as.liaison.post(`/api/v1/cases/${c.id}/compensation`, { forum: 'civil', claimed_date: '2021-05-02' });
  assert.equal(claim.status, 201, claim.text);
  // The owner sees what the liaison recorded; the case page shows it to the liaison too.
  const doc = (await as.liaison.get(`/api/v1/cases/${c.id}`)).json;
  assert.equal(doc.proceedings[0].stage, 'indictment');
  assert.equal(doc.compensation_claims.length, 1);
  assert.equal((await as['cw-a'].get(`/api/v1/proceedings/${r.json.id}`)).json.stage, 'indictment');
});

test('the jurisdiction profile shows the criminal code with its penalty history', async () => {
  const r = await as['cw-a'].get('/api/v1/jurisdiction');
  assert.equal(r.status, 200);
  const a388 = r.json.criminal_code.articles.find((a) => a.article === '388');
  assert.equal(a388.offence_class, 'trafficking');
  assert.equal(a388.title_sr, 'Trgovina ljudima');
  assert.deepEqual(a388.paragraphs[0].penalties, [
    { valid_from: '2006-01-01', valid_to: '2009-12-11', min_months: 24, max_months: 120, fine: false },
    { valid_from: '2009-12-11', valid_to: null, min_months: 36, max_months: 144, fine: false },
  ]);
  assert.equal(r.json.criminal_code.articles.find((a) => a.article === '184').offence_class, 'lesser');
});
