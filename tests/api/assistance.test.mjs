// Assistance on a case: the recovery and reflection period (granted,
// refused, ended, with the jurisdiction's minimum of 30 days) and services
// (status moves, consent, stop reasons), with every bad input naming its
// field, every illegal move answering 409, scope, the timeline and the audit.
// Synthetic data only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLantern, Client } from '../support/lantern.mjs';

const A = 'Assist Center A (synthetic)', B = 'Assist NGO B (synthetic)';
const users = [
  { username: 'cw-a', role: 'caseworker', org: A, password: 'caseworker-pass-a' },
  { username: 'cw-b', role: 'caseworker', org: B, password: 'caseworker-pass-b' },
  { username: 'coord', role: 'coordinator', org: A, password: 'coordinator-pass' },
  { username: 'analyst', role: 'analyst', org: A, password: 'analyst-pass-123' },
];
let srv;
const as = {};
const org = {};

function doc(over = {}) {
  return {
    person: { given_name: 'Sintetika', family_name: 'Asistić', sex: 'female', birth_year: 1995, citizenship: ['RS'] },
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

const patch = (who, path, body) => as[who].request('PATCH', path, { body });
const fields = (r) => (r.json?.errors ?? []).map((e) => e.field).sort();

before(async () => {
  srv = await startLantern({ orgs: [{ name: A, kind: 'center' }, { name: B, kind: 'ngo' }], users });
  for (const u of users) {
    as[u.username] = new Client(srv.url);
    assert.equal((await as[u.username].login(u.username, u.password)).status, 200);
  }
  for (const o of (await as['cw-a'].get('/api/v1/organisations')).json.items) org[o.name] = o.id;
});
after(async () => { await srv?.stop(); });

/* ---------- reflection periods ---------- */

test('a reflection period is granted for the minimum by default, then ended early with grounds', async () => {
  const c = await newCase();
  const url = `/api/v1/cases/${c.id}/reflection`;
  let r = await as['cw-a'].post(url, { status: 'granted', start_date: '2021-03-05', note: 'Explained in Serbian (synthetic).' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.reflection_periods.length, 1);
  const p = r.json.reflection_periods[0];
  assert.deepEqual(
    { status: p.status, decision_date: p.decision_date, start_date: p.start_date, planned_end_date: p.planned_end_date,
      actual_end_date: p.actual_end_date, min_days: p.min_days, planned_days: p.planned_days,
      shorter_than_minimum: p.shorter_than_minimum, ended_early: p.ended_early, grounds: p.grounds, note: p.note },
    { status: 'granted', decision_date: '2021-03-05', start_date: '2021-03-05', planned_end_date: '2021-04-04',
      actual_end_date: null, min_days: 30, planned_days: 30, shorter_than_minimum: false, ended_early: false,
      grounds: null, note: 'Explained in Serbian (synthetic).' });
  const ev = r.json.timeline.at(-1);
  assert.equal(ev.kind, 'reflection');
  assert.equal(ev.action, 'granted');
  assert.equal(ev.date, '2021-03-05');
  assert.equal(ev.reasons, 'Explained in Serbian (synthetic).');
  assert.equal(ev.detail.period, p.id);
  assert.equal(ev.detail.planned_end_date, '2021-04-04');

  // One open period at a time.
  r = await as['cw-a'].post(url, { status: 'granted', start_date: '2021-03-06' });
  assert.equal(r.status, 409);
  assert.match(r.json.detail, /open \(from 2021-03-05, planned to end 2021-04-04\)/);
  r = await as['cw-a'].post(url, { status: 'refused', date: '2021-03-06', grounds: 'public_order' });
  assert.equal(r.status, 409);

  // Ending before the minimum needs a ground.
  const end = `${url}/${p.id}/end`;
  r = await as['cw-a'].post(end, { actual_end_date: '2021-03-20' });
  assert.equal(r.status, 400);
  assert.deepEqual(fields(r), ['grounds']);
  assert.match(r.json.errors[0].reason, /15 days, before the minimum of 30/);
  r = await as['cw-a'].post(end, { actual_end_date: '2021-03-20', grounds: 'victim_request', note: 'Asked to return home (synthetic).' });
  assert.equal(r.status, 200, r.text);
  const e = r.json.reflection_periods[0];
  assert.equal(e.status, 'ended');
  assert.equal(e.actual_end_date, '2021-03-20');
  assert.equal(e.actual_days, 15);
  assert.equal(e.shorter_than_minimum, true);
  assert.equal(e.ended_early, true);
  assert.equal(e.grounds, 'victim_request');
  assert.equal(e.end_note, 'Asked to return home (synthetic).');
  assert.equal(e.note, 'Explained in Serbian (synthetic).', 'the grant note stays');
  const last = r.json.timeline.at(-1);
  assert.deepEqual([last.kind, last.action, last.date], ['reflection', 'ended', '2021-03-20']);
  assert.deepEqual(last.detail, { period: p.id, days: 15, ended_early: true, shorter_than_minimum: true, grounds: 'victim_request' });

  // An ended period cannot end again; a new one may be granted.
  r = await as['cw-a'].post(end, { actual_end_date: '2021-03-21', grounds: 'other' });
  assert.equal(r.status, 409);
  assert.match(r.json.detail, /already ended on 2021-03-20/);
  // Granted for less than the minimum: a partial refusal, which needs the
  // grounds a refusal does.
  r = await as['cw-a'].post(url, { status: 'granted', start_date: '2021-05-01', planned_end_date: '2021-05-10', date: '2021-05-02' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['grounds']);
  assert.match(r.json.errors[0].reason, /planned for 9 days, under the minimum of 30; one of public_order, improper_claim, other/);
  assert.equal((await as['cw-a'].get(`/api/v1/cases/${c.id}`)).json.reflection_periods.length, 1, 'nothing stored');
  r = await as['cw-a'].post(url, { status: 'granted', start_date: '2021-05-01', planned_end_date: '2021-05-10', date: '2021-05-02', grounds: 'public_order' });
  assert.equal(r.status, 201, r.text);
  const second = r.json.reflection_periods[1];
  assert.equal(second.decision_date, '2021-05-02');
  assert.equal(second.planned_days, 9);
  assert.equal(second.shorter_than_minimum, true, 'a period planned under 30 days is short');
  assert.equal(second.grounds, 'public_order');
  const grant = r.json.timeline.at(-1);
  assert.deepEqual([grant.kind, grant.action], ['reflection', 'granted']);
  assert.equal(grant.detail.grounds, 'public_order');
  assert.equal(grant.detail.shorter_than_minimum, true);
  assert.equal(ev.detail.grounds, null, 'a grant of the minimum records no grounds');
});

test('a period ended before its planned end needs grounds even after the minimum; after its planned end is not early', async () => {
  const c = await newCase();
  let r = await as['cw-a'].post(`/api/v1/cases/${c.id}/reflection`, { status: 'granted', start_date: '2021-03-10', planned_end_date: '2021-05-10' });
  const p = r.json.reflection_periods[0];
  assert.equal(p.planned_days, 61);
  const end = `/api/v1/cases/${c.id}/reflection/${p.id}/end`;
  r = await as['cw-a'].post(end, { actual_end_date: '2021-04-09' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['grounds']);
  assert.match(r.json.errors[0].reason, /before its planned end \(2021-05-10\); one of .*victim_request/);
  assert.equal((await as['cw-a'].get(`/api/v1/cases/${c.id}`)).json.reflection_periods[0].status, 'granted', 'still open');
  r = await as['cw-a'].post(end, { actual_end_date: '2021-04-09', grounds: 'victim_request' });
  assert.equal(r.status, 200, r.text);
  const e = r.json.reflection_periods[0];
  assert.equal(e.actual_days, 30);
  assert.equal(e.shorter_than_minimum, false);
  assert.equal(e.ended_early, true, 'before its planned end, but not before the minimum');
  assert.equal(e.grounds, 'victim_request');

  const c2 = await newCase();
  r = await as['cw-a'].post(`/api/v1/cases/${c2.id}/reflection`, { status: 'granted', start_date: '2021-03-10' });
  const p2 = r.json.reflection_periods[0];
  r = await as['cw-a'].post(`/api/v1/cases/${c2.id}/reflection/${p2.id}/end`, { actual_end_date: '2021-06-01', grounds: 'residence_granted' });
  assert.equal(r.status, 200);
  assert.equal(r.json.reflection_periods[0].ended_early, false);
  assert.equal(r.json.reflection_periods[0].shorter_than_minimum, false);
  assert.equal(r.json.reflection_periods[0].grounds, 'residence_granted');
});

test('a period granted short keeps its grounds: kept to its planned end it needs no new ones', async () => {
  const c = await newCase();
  const url = `/api/v1/cases/${c.id}/reflection`;
  // The grounds of a short grant are those of a refusal.
  let r = await as['cw-a'].post(url, { status: 'granted', start_date: '2021-03-10', planned_end_date: '2021-03-25', grounds: 'victim_request' });
  assert.equal(r.status, 400);
  assert.deepEqual(fields(r), ['grounds']);
  assert.match(r.json.errors[0].reason, /public_order, improper_claim, other/);
  r = await as['cw-a'].post(url, { status: 'granted', start_date: '2021-03-10', planned_end_date: '2021-03-25', grounds: 'improper_claim' });
  assert.equal(r.status, 201, r.text);
  const p = r.json.reflection_periods[0];
  assert.deepEqual([p.planned_days, p.shorter_than_minimum, p.grounds], [15, true, 'improper_claim']);
  r = await as['cw-a'].post(`${url}/${p.id}/end`, { actual_end_date: '2021-03-25' });
  assert.equal(r.status, 200, r.text);
  const e = r.json.reflection_periods[0];
  assert.deepEqual([e.status, e.actual_days, e.ended_early, e.shorter_than_minimum, e.grounds],
    ['ended', 15, false, true, 'improper_claim']);
  assert.equal(r.json.timeline.at(-1).detail.grounds, 'improper_claim');

  // Ended before that planned end, it needs grounds for ending early.
  const c2 = await newCase();
  const url2 = `/api/v1/cases/${c2.id}/reflection`;
  r = await as['cw-a'].post(url2, { status: 'granted', start_date: '2021-03-10', planned_end_date: '2021-03-25', grounds: 'other' });
  const p2 = r.json.reflection_periods[0];
  r = await as['cw-a'].post(`${url2}/${p2.id}/end`, { actual_end_date: '2021-03-20' });
  assert.equal(r.status, 400);
  assert.deepEqual(fields(r), ['grounds']);
  r = await as['cw-a'].post(`${url2}/${p2.id}/end`, { actual_end_date: '2021-03-20', grounds: 'victim_request' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.reflection_periods[0].grounds, 'victim_request');

  // Grounds on a grant of at least the minimum are refused, nothing stored.
  const c3 = await newCase();
  r = await as['cw-a'].post(`/api/v1/cases/${c3.id}/reflection`, { status: 'granted', start_date: '2021-03-10', planned_end_date: '2021-04-09', grounds: 'public_order' });
  assert.equal(r.status, 400);
  assert.deepEqual(fields(r), ['grounds']);
  assert.match(r.json.errors[0].reason, /planned shorter than its minimum/);
  assert.equal((await as['cw-a'].get(`/api/v1/cases/${c3.id}`)).json.reflection_periods.length, 0);
});

test('a refusal needs its date and grounds, and a refused period cannot end', async () => {
  const c = await newCase();
  const url = `/api/v1/cases/${c.id}/reflection`;
  let r = await as['cw-a'].post(url, { status: 'refused' });
  assert.deepEqual(fields(r), ['date', 'grounds']);
  r = await as['cw-a'].post(url, { status: 'refused', date: '2021-03-06', grounds: 'victim_request', start_date: '2021-03-06', planned_end_date: '2021-04-06' });
  assert.deepEqual(fields(r), ['grounds', 'planned_end_date', 'start_date']);
  assert.match(r.json.errors.find((x) => x.field === 'grounds').reason, /public_order, improper_claim, other/);
  r = await as['cw-a'].post(url, { status: 'refused', date: '2021-03-06', grounds: 'public_order', note: 'Decision of the ministry (synthetic).' });
  assert.equal(r.status, 201, r.text);
  const p = r.json.reflection_periods[0];
  assert.deepEqual([p.status, p.decision_date, p.start_date, p.planned_end_date, p.planned_days, p.shorter_than_minimum, p.grounds],
    ['refused', '2021-03-06', null, null, null, false, 'public_order']);
  assert.equal(r.json.timeline.at(-1).action, 'refused');
  r = await as['cw-a'].post(`${url}/${p.id}/end`, { actual_end_date: '2021-03-07', grounds: 'other' });
  assert.equal(r.status, 409);
  assert.match(r.json.detail, /refused/);
  // A refusal leaves no period open: a later grant is possible.
  r = await as['cw-a'].post(url, { status: 'granted', start_date: '2021-03-08' });
  assert.equal(r.status, 201);
});

test('bad reflection input names each field', async () => {
  const c = await newCase();
  const url = `/api/v1/cases/${c.id}/reflection`;
  const bad = async (body, expected) => {
    const r = await as['cw-a'].post(url, body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.deepEqual(fields(r), expected, JSON.stringify(body));
  };
  await bad({ status: 'maybe' }, ['status']);
  await bad({ start_date: '2021-03-05' }, ['status']);
  await bad({ status: 'granted' }, ['start_date']);
  await bad({ status: 'granted', start_date: '2021-02-30' }, ['start_date']);
  await bad({ status: 'granted', start_date: '2021-03-01' }, ['start_date']); // before the referral
  await bad({ status: 'granted', start_date: '2999-01-01' }, ['start_date']);
  await bad({ status: 'granted', start_date: '2021-03-05', planned_end_date: '2021-03-04' }, ['planned_end_date']);
  await bad({ status: 'granted', start_date: '2021-03-05', grounds: 'public_order' }, ['grounds']);
  await bad({ status: 'granted', start_date: '2021-03-05', date: '2999-01-01' }, ['date']);
  await bad({ status: 'granted', start_date: '2021-03-05', length: 30 }, ['length']);
  await bad({ status: 'granted', start_date: 20210305 }, ['start_date']);
  await bad({ status: 'granted', start_date: '2021-03-05', note: 'x'.repeat(4001) }, ['note']);
  // Nothing was stored by any of these.
  const g = await as['cw-a'].get(`/api/v1/cases/${c.id}`);
  assert.equal(g.json.reflection_periods.length, 0);

  const ok = await as['cw-a'].post(url, { status: 'granted', start_date: '2021-03-05' });
  const pid = ok.json.reflection_periods[0].id;
  let r = await as['cw-a'].post(`${url}/${pid}/end`, {});
  assert.deepEqual(fields(r), ['actual_end_date']);
  r = await as['cw-a'].post(`${url}/${pid}/end`, { actual_end_date: '2021-03-01', grounds: 'other' });
  assert.deepEqual(fields(r), ['actual_end_date']);
  r = await as['cw-a'].post(`${url}/${pid}/end`, { actual_end_date: '2999-03-01', grounds: 'other' });
  assert.deepEqual(fields(r), ['actual_end_date']);
  r = await as['cw-a'].post(`${url}/${pid}/end`, { actual_end_date: '2021-03-10', grounds: 'boredom' });
  assert.deepEqual(fields(r), ['grounds']);
  assert.match(r.json.errors[0].reason, /victim_request, residence_granted/);
  r = await as['cw-a'].post(`${url}/${pid}/end`, { actual_end_date: '2021-03-10', grounds: 'other', why: 'x' });
  assert.deepEqual(fields(r), ['why']);
  // A period of another case, or none, is not found.
  const other = await newCase();
  assert.equal((await as['cw-a'].post(`/api/v1/cases/${other.id}/reflection/${pid}/end`, { actual_end_date: '2021-04-10' })).status, 404);
  assert.equal((await as['cw-a'].post(`${url}/999999/end`, { actual_end_date: '2021-04-10' })).status, 404);
  assert.equal((await as['cw-a'].post(`${url}/abc/end`, { actual_end_date: '2021-04-10' })).status, 404);
});

test('reflection scope: another organisation gets 404, a coordinator may, an analyst may not', async () => {
  const c = await newCase();
  const url = `/api/v1/cases/${c.id}/reflection`;
  const body = { status: 'granted', start_date: '2021-03-05' };
  assert.equal((await as['cw-b'].post(url, body)).status, 404);
  assert.equal((await as.analyst.post(url, body)).status, 403);
  assert.equal((await as['cw-a'].post('/api/v1/cases/999999/reflection', body)).status, 404);
  const r = await as.coord.post(url, body);
  assert.equal(r.status, 201, r.text);
  const pid = r.json.reflection_periods[0].id;
  assert.equal((await as['cw-b'].post(`${url}/${pid}/end`, { actual_end_date: '2021-04-10' })).status, 404);
  assert.equal((await as.coord.post(`${url}/${pid}/end`, { actual_end_date: '2021-04-10' })).status, 200);
  // Other organisations never saw the period.
  assert.equal((await as['cw-b'].get(`/api/v1/cases/${c.id}`)).status, 404);
});

/* ---------- services ---------- */

test('a service is recorded with its provider and consent, and moves planned -> active -> completed', async () => {
  const c = await newCase();
  const url = `/api/v1/cases/${c.id}/services`;
  let r = await as['cw-a'].post(url, { type: 'psychological', status: 'planned', start_date: '2999-01-01' });
  assert.equal(r.status, 201, r.text);
  let s = r.json.services[0];
  assert.deepEqual(s, {
    id: s.id, type: 'psychological', provider: { id: org[A], name: A }, status: 'planned',
    start_date: '2999-01-01', end_date: null, consent: null, consent_missing: false, stop_reason: null,
  });
  assert.equal(r.json.timeline.at(-1).kind, 'service');
  assert.equal(r.json.timeline.at(-1).action, 'recorded');
  const sUrl = `${url}/${s.id}`;

  r = await patch('cw-a', sUrl, { status: 'active' });
  assert.equal(r.status, 400);
  assert.deepEqual(fields(r), ['start_date'], 'an active service has started: the planned future date will not do');
  r = await patch('cw-a', sUrl, { status: 'active', start_date: '2021-03-10' });
  assert.equal(r.status, 200, r.text);
  s = r.json.services[0];
  assert.equal(s.status, 'active');
  assert.equal(s.consent_missing, true, 'delivered with no consent recorded');
  r = await patch('cw-a', sUrl, { consent: { date: '2021-03-10', language: 'sr' } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.services[0].consent, { date: '2021-03-10', language: 'sr' });
  assert.equal(r.json.services[0].consent_missing, false);

  r = await patch('cw-a', sUrl, { status: 'completed' });
  assert.deepEqual(fields(r), ['end_date']);
  r = await patch('cw-a', sUrl, { status: 'completed', end_date: '2021-03-09' });
  assert.deepEqual(fields(r), ['end_date'], 'not before the start');
  r = await patch('cw-a', sUrl, { status: 'completed', end_date: '2021-06-30', stop_reason: 'completed_goals', note: 'Sessions finished (synthetic).' });
  assert.equal(r.status, 200, r.text);
  s = r.json.services[0];
  assert.deepEqual([s.status, s.end_date, s.stop_reason], ['completed', '2021-06-30', 'completed_goals']);
  // The timeline runs by the date things happened; planning was recorded today.
  const acts = r.json.timeline.filter((e) => e.kind === 'service').map((e) => `${e.action}@${e.date}`);
  const today = new Date().toISOString().slice(0, 10);
  assert.deepEqual(acts, ['active@2021-03-10', 'updated@2021-03-10', 'completed@2021-06-30', `recorded@${today}`]);
  const done = r.json.timeline.find((e) => e.kind === 'service' && e.action === 'completed');
  assert.equal(done.reasons, 'Sessions finished (synthetic).');
  assert.deepEqual(done.detail, { service: s.id, type: 'psychological', from: 'active', status: 'completed', stop_reason: 'completed_goals', provider: org[A], consent: true });
  // A note alone is a change: it goes on the timeline.
  r = await patch('cw-a', sUrl, { note: 'Follow-up call made (synthetic).' });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.timeline.some((e) => e.kind === 'service' && e.reasons === 'Follow-up call made (synthetic).'));

  // Final statuses do not move.
  r = await patch('cw-a', sUrl, { status: 'active' });
  assert.equal(r.status, 409);
  assert.match(r.json.detail, /completed, which is final/);
  r = await patch('cw-a', sUrl, { status: 'stopped', stop_reason: 'moved' });
  assert.equal(r.status, 409);
});

test('services are never refused because of cooperation, and a stop because of it is recorded', async () => {
  const c = await newCase();
  let r = await as['cw-a'].post(`/api/v1/cases/${c.id}/cooperation`, { status: 'declined', date: '2021-03-05' });
  assert.equal(r.status, 200);
  r = await as['cw-a'].post(`/api/v1/cases/${c.id}/services`, {
    type: 'accommodation', status: 'active', start_date: '2021-03-05', consent: { date: '2021-03-05', language: 'ro' },
  });
  assert.equal(r.status, 201, 'a person who declined to cooperate still gets the service');
  const sid = r.json.services[0].id;
  r = await patch('cw-a', `/api/v1/cases/${c.id}/services/${sid}`, { status: 'stopped', end_date: '2021-03-08' });
  assert.deepEqual(fields(r), ['stop_reason']);
  r = await patch('cw-a', `/api/v1/cases/${c.id}/services/${sid}`, { status: 'stopped', end_date: '2021-03-08', stop_reason: 'cooperation_declined' });
  assert.equal(r.status, 200, 'recorded as it happened, so the compliance rule can see it');
  assert.equal(r.json.services[0].stop_reason, 'cooperation_declined');
  assert.equal(r.json.services[0].consent_missing, false);
  r = await as['cw-a'].post(`/api/v1/cases/${c.id}/services`, { type: 'legal_representation', status: 'refused', end_date: '2021-03-09', stop_reason: 'cooperation_declined' });
  assert.equal(r.status, 201);
  assert.equal(r.json.services[1].status, 'refused');
  assert.equal(r.json.services[1].consent_missing, false, 'never delivered');
});

test('a service may name another provider; an active one cannot be refused or planned again', async () => {
  const c = await newCase();
  const url = `/api/v1/cases/${c.id}/services`;
  let r = await as['cw-a'].post(url, { type: 'medical', status: 'active', start_date: '2021-03-06', provider_organisation_id: org[B] });
  assert.equal(r.status, 201, r.text);
  const s = r.json.services[0];
  assert.deepEqual(s.provider, { id: org[B], name: B });
  assert.equal(s.consent_missing, true);
  r = await patch('cw-a', `${url}/${s.id}`, { status: 'refused', end_date: '2021-03-07', stop_reason: 'victim_request' });
  assert.equal(r.status, 409);
  assert.match(r.json.detail, /stopped/);
  r = await patch('cw-a', `${url}/${s.id}`, { status: 'planned' });
  assert.equal(r.status, 409);
  r = await patch('cw-a', `${url}/${s.id}`, { status: 'stopped', end_date: '2021-03-07', stop_reason: 'victim_request' });
  assert.equal(r.status, 200);
  assert.equal(r.json.services[0].consent_missing, true, 'it was delivered for a while without consent');
  // A planned service called off before it started was never delivered.
  r = await as['cw-a'].post(url, { type: 'education', status: 'planned' });
  const p = r.json.services[1];
  r = await patch('cw-a', `${url}/${p.id}`, { status: 'stopped', end_date: '2021-03-07', stop_reason: 'moved' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.services[1].consent_missing, false);
});

test('bad service input names each field', async () => {
  const c = await newCase();
  const url = `/api/v1/cases/${c.id}/services`;
  const bad = async (body, expected, method = 'POST', path = url) => {
    const r = await as['cw-a'].request(method, path, { body });
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.deepEqual(fields(r), expected, JSON.stringify(body));
  };
  await bad({}, ['status', 'type']);
  await bad({ type: 'massage', status: 'planned' }, ['type']);
  await bad({ type: 'medical', status: 'ongoing' }, ['status']);
  await bad({ type: 'medical', status: 'planned', provider_organisation_id: 999999 }, ['provider_organisation_id']);
  await bad({ type: 'medical', status: 'planned', provider_organisation_id: 'B' }, ['provider_organisation_id']);
  await bad({ type: 'medical', status: 'active' }, ['start_date']);
  await bad({ type: 'medical', status: 'active', start_date: '2999-01-01' }, ['start_date']);
  await bad({ type: 'medical', status: 'active', start_date: '2021-03-05', end_date: '2021-03-06' }, ['end_date']);
  await bad({ type: 'medical', status: 'active', start_date: '2021-03-05', stop_reason: 'moved' }, ['stop_reason']);
  await bad({ type: 'medical', status: 'completed', start_date: '2021-03-05' }, ['end_date']);
  await bad({ type: 'medical', status: 'completed', start_date: '2021-03-05', end_date: '2021-03-01' }, ['end_date']);
  await bad({ type: 'medical', status: 'stopped', end_date: '2021-03-06', stop_reason: 'tired' }, ['stop_reason']);
  await bad({ type: 'medical', status: 'refused', end_date: '2021-03-06' }, ['stop_reason']);
  await bad({ type: 'medical', status: 'active', start_date: '2021-03-05', consent: { date: '2021-03-05', language: 'xx' } }, ['consent.language']);
  await bad({ type: 'medical', status: 'active', start_date: '2021-03-05', consent: { language: 'sr' } }, ['consent.date']);
  await bad({ type: 'medical', status: 'active', start_date: '2021-03-05', consent: { date: '2999-03-05', language: 'sr' } }, ['consent.date']);
  await bad({ type: 'medical', status: 'active', start_date: '2021-03-05', consent: { date: '2021-03-05', language: 'sr', signed: true } }, ['consent.signed']);
  await bad({ type: 'medical', status: 'active', start_date: '2021-03-05', consent: 'yes' }, ['consent']);
  await bad({ type: 'medical', status: 'active', start_date: '2021-03-05', cooperation_required: true }, ['cooperation_required']);
  assert.equal((await as['cw-a'].get(`/api/v1/cases/${c.id}`)).json.services.length, 0, 'nothing half-written');

  const r = await as['cw-a'].post(url, { type: 'medical', status: 'active', start_date: '2021-03-05' });
  const sUrl = `${url}/${r.json.services[0].id}`;
  await bad({}, ['(body)'], 'PATCH', sUrl);
  await bad({ status: 'ongoing' }, ['status'], 'PATCH', sUrl);
  await bad({ end_date: '2021-04-01' }, ['end_date'], 'PATCH', sUrl);
  await bad({ type: 'legal_information' }, ['type'], 'PATCH', sUrl);
  await bad({ consent: { date: '2021-03-05', language: 'klingon' } }, ['consent.language'], 'PATCH', sUrl);
  const other = await newCase();
  assert.equal((await patch('cw-a', `/api/v1/cases/${other.id}/services/${r.json.services[0].id}`, { status: 'completed', end_date: '2021-04-01' })).status, 404);
  assert.equal((await patch('cw-a', `${url}/999999`, { status: 'completed', end_date: '2021-04-01' })).status, 404);
});

test('service scope: another organisation gets 404, a coordinator may, an analyst may not; writes are audited', async () => {
  const c = await newCase();
  const url = `/api/v1/cases/${c.id}/services`;
  const body = { type: 'material', status: 'active', start_date: '2021-03-05' };
  assert.equal((await as['cw-b'].post(url, body)).status, 404);
  assert.equal((await as.analyst.post(url, body)).status, 403);
  assert.equal((await as['cw-a'].post('/api/v1/cases/999999/services', body)).status, 404);
  const r = await as.coord.post(url, body);
  assert.equal(r.status, 201, r.text);
  const sid = r.json.services[0].id;
  assert.equal((await patch('cw-b', `${url}/${sid}`, { status: 'completed', end_date: '2021-04-01' })).status, 404);
  assert.equal((await patch('analyst', `${url}/${sid}`, { status: 'completed', end_date: '2021-04-01' })).status, 403);
  assert.equal((await patch('cw-a', `${url}/${sid}`, { status: 'completed', end_date: '2021-04-01' })).status, 200);

  const audit = srv.cli(['audit', 'list', '--action', 'case.service', '--limit', '500']).stdout.trim().split('\n').map((l) => JSON.parse(l));
  const mine = audit.filter((a) => a.object_id === c.id);
  assert.deepEqual(mine.map((a) => a.detail), [`service=${sid} active`, `service=${sid} completed`]);
  const refl = srv.cli(['audit', 'list', '--action', 'case.reflection', '--limit', '500']).stdout;
  assert.match(refl, /granted/);
  assert.ok(!/Sintetika|synthetic\)/.test(srv.cli(['audit', 'list', '--limit', '500']).stdout), 'no names or notes in the audit log');
  assert.equal(srv.cli(['audit', 'verify']).status, 0);
});

/* ---------- a closed case ---------- */

test('a closed case takes what began before its closing day, and refuses what began after', async () => {
  const c = await newCase();
  const closed = await as['cw-a'].post(`/api/v1/cases/${c.id}/transitions`,
    { action: 'close', date: '2021-05-01', reasons: 'No further contact (synthetic).' });
  assert.equal(closed.status, 200, closed.text);
  const refused = (r, what) => {
    assert.equal(r.status, 409, `${what}: ${r.text}`);
    assert.match(r.json.detail, /^The case was closed on 2021-05-01; .* needs the case reopened first\.$/, what);
  };
  const base = `/api/v1/cases/${c.id}`;
  // Recorded late but dated before the close: accepted.
  let r = await as['cw-a'].post(`${base}/reflection`, { status: 'granted', start_date: '2021-03-10', planned_end_date: '2021-04-09' });
  assert.equal(r.status, 201, r.text);
  r = await as['cw-a'].post(`${base}/services`, { type: 'psychological', provider_organisation_id: org[A], status: 'completed', start_date: '2021-03-10', end_date: '2021-04-10' });
  assert.equal(r.status, 201, r.text);
  r = await as['cw-a'].post(`${base}/referrals`, { to_organisation_id: org[B], purpose: 'psychological', date: '2021-04-30' });
  assert.equal(r.status, 201, r.text);
  // Begun after the close: refused, nothing stored.
  refused(await as['cw-a'].post(`${base}/reflection`, { status: 'refused', date: '2021-05-02', grounds: 'public_order' }), 'refusal');
  refused(await as['cw-a'].post(`${base}/services`, { type: 'medical', provider_organisation_id: org[A], status: 'planned' }), 'planned service');
  refused(await as['cw-a'].post(`${base}/referrals`, { to_organisation_id: org[B], purpose: 'medical', date: '2021-05-02' }), 'referral');
  const g = (await as['cw-a'].get(base)).json;
  assert.deepEqual([g.reflection_periods.length, g.services.length, g.referrals.length], [1, 1, 1]);
  // Reopened, the same records are taken.
  r = await as['cw-a'].post(`${base}/transitions`, { action: 'reopen', date: '2021-05-03', reasons: 'The person came back (synthetic).' });
  assert.equal(r.status, 200, r.text);
  r = await as['cw-a'].post(`${base}/services`, { type: 'medical', provider_organisation_id: org[A], status: 'planned' });
  assert.equal(r.status, 201, r.text);
});
