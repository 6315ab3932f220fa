// Shelters, placements and the shelter board: capacity and licence with
// their history, refusals (full, unlicensed, wrong sex) followed by the
// alternative actually used, ending stays, occupancy by day against a
// hand-computed fixture, turn-away counts, scope and audit.
// Synthetic data only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLantern, Client, ADMIN_PASSWORD } from '../support/lantern.mjs';

const A = 'Shelters Center A (synthetic)', B = 'Shelters NGO B (synthetic)', S = 'Shelter Operator S (synthetic)';
const users = [
  { username: 'coord', role: 'coordinator', org: A, password: 'coordinator-pass' },
  { username: 'cw-a', role: 'caseworker', org: A, password: 'caseworker-pass-a' },
  { username: 'cw-b', role: 'caseworker', org: B, password: 'caseworker-pass-b' },
  { username: 'analyst', role: 'analyst', org: A, password: 'analyst-pass-123' },
  { username: 'auditor', role: 'auditor', org: A, password: 'auditor-pass-123' },
];
let srv, orgS;
const as = {};

function personCase(person, date = '2021-01-15') {
  return { person, referral: { date, source: 'police' }, exploitation: ['sexual'], countries_of_exploitation: ['RS'] };
}
const woman = { sex: 'female', birth_year: 1990, citizenship: ['RS'] };
const man = { sex: 'male', birth_year: 1985, citizenship: ['VN'] };
const girl = { sex: 'female', birth_year: 2010 };

async function newCase(client, person, date) {
  const r = await client.post('/api/v1/cases', personCase(person, date));
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}
async function shelter(body) {
  const r = await as.coord.post('/api/v1/shelters', { organisation_id: orgS, ...body });
  assert.equal(r.status, 201, r.text);
  return r.json;
}
const place = (caseId, body, who = 'cw-a') => as[who].post(`/api/v1/cases/${caseId}/placements`, body);
const fields = (r) => (r.json?.errors ?? []).map((e) => e.field).sort();

before(async () => {
  srv = await startLantern({
    orgs: [{ name: A, kind: 'center' }, { name: B, kind: 'ngo' }, { name: S, kind: 'shelter' }], users,
  });
  for (const u of users) {
    as[u.username] = new Client(srv.url);
    assert.equal((await as[u.username].login(u.username, u.password)).status, 200);
  }
  as.admin = new Client(srv.url);
  assert.equal((await as.admin.login('admin', ADMIN_PASSWORD)).status, 200);
  orgS = (await as.admin.get('/api/v1/organisations')).json.items.find((o) => o.name === S).id;
});
after(async () => { await srv?.stop(); });

test('shelters: register, list, change capacity with its history; who may', async () => {
  const r = await as.coord.post('/api/v1/shelters', {
    organisation_id: orgS, name: 'Register Shelter (synthetic)', capacity_women: 6,
    licence_valid_until: '2030-12-31', effective_date: '2019-01-01',
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.specialised, true, 'specialised by default');
  assert.deepEqual(r.json.capacity, { women: 6, men: 0, children: 0 });
  assert.equal(r.json.licence_valid_until, '2030-12-31');
  assert.equal(r.json.licensed_today, true);
  assert.deepEqual(r.json.occupied_today, { women: 0, men: 0, children: 0 });
  assert.equal(r.json.organisation.id, orgS);
  assert.deepEqual(r.json.history.map((h) => h.valid_from), ['2019-01-01']);
  const id = r.json.id;

  // The licence lapses (as the Serbian shelter's did), then capacity drops.
  let p = await as.coord.request('PATCH', `/api/v1/shelters/${id}`, { body: { licence_valid_until: null, effective_date: '2021-01-01' } });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.licence_valid_until, null);
  assert.equal(p.json.licensed_today, false);
  p = await as.admin.request('PATCH', `/api/v1/shelters/${id}`, { body: { capacity_women: 4, specialised: false } });
  assert.equal(p.status, 200, p.text);
  assert.deepEqual(p.json.capacity, { women: 4, men: 0, children: 0 });
  assert.equal(p.json.specialised, false);
  assert.deepEqual(p.json.history.map((h) => [h.capacity.women, h.licence_valid_until, h.specialised]),
    [[6, '2030-12-31', true], [6, null, true], [4, null, false]]);
  // History is written in order: no change before the last one.
  p = await as.coord.request('PATCH', `/api/v1/shelters/${id}`, { body: { capacity_men: 2, effective_date: '2020-06-01' } });
  assert.equal(p.status, 400);
  assert.deepEqual(fields(p), ['effective_date']);
  // A rename is not a state change.
  p = await as.coord.request('PATCH', `/api/v1/shelters/${id}`, { body: { name: 'Renamed Shelter (synthetic)' } });
  assert.equal(p.json.name, 'Renamed Shelter (synthetic)');
  assert.equal(p.json.history.length, 3);

  const list = await as['cw-b'].get('/api/v1/shelters');
  assert.equal(list.status, 200);
  assert.ok(list.json.items.some((s) => s.id === id && s.capacity.women === 4));
  assert.equal((await as['cw-a'].post('/api/v1/shelters', { organisation_id: orgS, name: 'X' })).status, 403);
  assert.equal((await as['cw-a'].request('PATCH', `/api/v1/shelters/${id}`, { body: { capacity_women: 9 } })).status, 403);
  assert.equal((await as.analyst.get('/api/v1/shelters')).status, 403);
  assert.equal((await as.coord.request('PATCH', '/api/v1/shelters/99999', { body: { capacity_women: 1 } })).status, 404);

  // Each change is an audit row with the values, no names.
  const audit = (await as.auditor.get(`/api/v1/audit?object_type=shelter&object_id=${id}`)).json.items;
  assert.deepEqual(audit.map((a) => a.action), ['shelter.create', 'shelter.update', 'shelter.update', 'shelter.update']);
  assert.match(audit[2].detail, /^from=\d{4}-\d\d-\d\d women=4 men=0 children=0 licence=none spec=0$/);
  assert.equal(audit[3].detail, 'name');
});

test('shelters: each bad input is named', async () => {
  let r = await as.coord.post('/api/v1/shelters', {});
  assert.deepEqual(fields(r), ['name', 'organisation_id']);
  r = await as.coord.post('/api/v1/shelters', {
    organisation_id: 424242, name: '  ', specialised: 'yes', capacity_women: -1, capacity_men: 1.5,
    capacity_children: 100001, licence_valid_until: '2024-02-30', effective_date: '2999-01-01', colour: 'red',
  });
  assert.equal(r.status, 400);
  assert.deepEqual(fields(r), ['capacity_men', 'colour', 'specialised'], 'type errors first');
  r = await as.coord.post('/api/v1/shelters', {
    organisation_id: 424242, name: '  ', capacity_women: -1, capacity_children: 100001,
    licence_valid_until: '2024-02-30', effective_date: '2999-01-01',
  });
  assert.deepEqual(fields(r), ['capacity_children', 'capacity_women', 'effective_date', 'licence_valid_until', 'name', 'organisation_id']);
  const dup = await shelter({ name: 'Dup Shelter (synthetic)' });
  r = await as.coord.post('/api/v1/shelters', { organisation_id: orgS, name: 'Dup Shelter (synthetic)' });
  assert.deepEqual(fields(r), ['name']);
  const other = await shelter({ name: 'Other Shelter (synthetic)' });
  r = await as.coord.request('PATCH', `/api/v1/shelters/${other.id}`, { body: { name: 'Dup Shelter (synthetic)' } });
  assert.deepEqual(fields(r), ['name'], 'renaming onto a taken name');
  r = await as.coord.request('PATCH', `/api/v1/shelters/${dup.id}`, { body: { capacity_women: null, organisation_id: 0 } });
  assert.deepEqual(fields(r), ['capacity_women', 'organisation_id']);
});

test('placements: a place, then full, wrong sex and unlicensed refusals with the alternative recorded', async () => {
  const safe = await shelter({ name: 'Safe House (synthetic)', capacity_women: 2, capacity_children: 1, licence_valid_until: '2030-12-31', effective_date: '2020-01-01' });
  const closed = await shelter({ name: 'Closed Shelter (synthetic)', capacity_women: 6, licence_valid_until: null, effective_date: '2020-01-01' });
  const lapsed = await shelter({ name: 'Lapsed Shelter (synthetic)', capacity_women: 6, licence_valid_until: '2020-12-31', effective_date: '2020-01-01' });

  const w1 = await newCase(as['cw-a'], woman), w2 = await newCase(as['cw-a'], woman), w3 = await newCase(as['cw-a'], woman);
  let r = await place(w1, { shelter_id: safe.id, place: 'women', start_date: '2021-03-01' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.placements, [{
    id: r.json.placements[0].id, shelter: { id: safe.id, name: 'Safe House (synthetic)', specialised: true },
    place: 'women', start_date: '2021-03-01', end_date: null, alternative: null, turn_away_reason: null, turn_away_shelter: null,
  }]);
  const p1 = r.json.placements[0].id;
  const ev = r.json.timeline.find((e) => e.kind === 'placement');
  assert.equal(ev.action, 'placed');
  assert.equal(ev.date, '2021-03-01');
  assert.equal((await place(w2, { shelter_id: safe.id, place: 'women', start_date: '2021-03-02' })).status, 201);

  // Full: both women's places are taken on 2021-03-03.
  r = await place(w3, { shelter_id: safe.id, place: 'women', start_date: '2021-03-03' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.turn_away_reason, 'full');
  assert.equal(r.json.turn_away_shelter_id, safe.id);
  assert.match(r.json.detail, /Safe House \(synthetic\) cannot take this person: all its women's places are taken on 2021-03-03 \(2 of 2\)/);
  assert.match(r.json.detail, /alternative .*turn_away_reason "full"/);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  r = await place(w3, { alternative: 'ngo_accommodation', turn_away_reason: 'full', turn_away_shelter_id: safe.id, place: 'women', start_date: '2021-03-03' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.placements[0].shelter, null);
  assert.equal(r.json.placements[0].alternative, 'ngo_accommodation');
  assert.equal(r.json.placements[0].turn_away_reason, 'full');
  assert.deepEqual(r.json.placements[0].turn_away_shelter, { id: safe.id, name: 'Safe House (synthetic)' });
  const alt3 = r.json.placements[0].id;
  assert.equal(r.json.timeline.find((e) => e.kind === 'placement').action, 'alternative');

  // Wrong sex: a man in a women's place, or a shelter with no men's places.
  const m = await newCase(as['cw-a'], man);
  r = await place(m, { shelter_id: safe.id, place: 'women', start_date: '2021-03-04' });
  assert.equal(r.status, 409);
  assert.equal(r.json.turn_away_reason, 'wrong_sex');
  assert.match(r.json.detail, /the person is male and a women's place is for women/);
  r = await place(m, { shelter_id: safe.id, place: 'men', start_date: '2021-03-04' });
  assert.equal(r.json.turn_away_reason, 'wrong_sex');
  assert.match(r.json.detail, /no men's places/);
  r = await place(m, { alternative: 'social_welfare_shelter', turn_away_reason: 'wrong_sex', turn_away_shelter_id: safe.id, place: 'men', start_date: '2021-03-04' });
  assert.equal(r.status, 201, r.text);

  // Unlicensed: no licence at all, or one that ended before the start date.
  const w4 = await newCase(as['cw-a'], woman), w5 = await newCase(as['cw-a'], woman);
  r = await place(w4, { shelter_id: closed.id, place: 'women', start_date: '2021-03-05' });
  assert.equal(r.status, 409);
  assert.equal(r.json.turn_away_reason, 'unlicensed');
  assert.match(r.json.detail, /holds no licence on 2021-03-05/);
  assert.equal((await place(w4, { alternative: 'other', turn_away_reason: 'unlicensed', turn_away_shelter_id: closed.id, place: 'women', start_date: '2021-03-05' })).status, 201);
  r = await place(w5, { shelter_id: lapsed.id, place: 'women', start_date: '2021-03-06' });
  assert.equal(r.json.turn_away_reason, 'unlicensed');
  assert.match(r.json.detail, /licence ended on 2020-12-31/);
  assert.equal((await place(w5, { alternative: 'ngo_accommodation', turn_away_reason: 'unlicensed', turn_away_shelter_id: lapsed.id, place: 'women', start_date: '2021-03-06' })).status, 201);

  // A child takes a children's place.
  const g = await newCase(as['cw-a'], girl);
  r = await place(g, { shelter_id: safe.id, place: 'women', start_date: '2021-03-07' });
  assert.equal(r.status, 409);
  assert.equal(r.json.turn_away_reason, 'other');
  assert.match(r.json.detail, /a child takes a children's place/);
  assert.equal((await place(g, { shelter_id: safe.id, place: 'children', start_date: '2021-03-07' })).status, 201);
  r = await place(w1, { shelter_id: safe.id, place: 'children', start_date: '2021-04-01' });
  assert.equal(r.status, 409, 'w1 is still placed, and an adult takes no children\'s place');

  // Ending a stay frees the place from the day the person leaves.
  r = await as['cw-a'].post(`/api/v1/cases/${w1}/placements/${p1}/end`, { end_date: '2021-03-10' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.placements[0].end_date, '2021-03-10');
  assert.equal(r.json.timeline.filter((e) => e.kind === 'placement').map((e) => e.action).join(), 'placed,ended');
  r = await as['cw-a'].post(`/api/v1/cases/${w1}/placements/${p1}/end`, { end_date: '2021-03-11' });
  assert.equal(r.status, 409, 'already ended');
  // w3 is still in NGO accommodation: that stay must end before the move.
  r = await place(w3, { shelter_id: safe.id, place: 'women', start_date: '2021-03-10' });
  assert.equal(r.status, 409);
  assert.match(r.json.detail, /already has a placement .* end it first/);
  assert.equal(r.json.turn_away_reason, undefined);
  assert.equal((await as['cw-a'].post(`/api/v1/cases/${w3}/placements/${alt3}/end`, { end_date: '2021-03-10' })).status, 200);
  r = await place(w3, { shelter_id: safe.id, place: 'women', start_date: '2021-03-10' });
  assert.equal(r.status, 201, 'w1 left on 2021-03-10, so her place is free that day: ' + r.text);
  assert.deepEqual(r.json.placements.map((p) => p.alternative ?? p.shelter.name), ['ngo_accommodation', 'Safe House (synthetic)']);
  // A backdated stay is checked on every day it covers.
  const w6 = await newCase(as['cw-a'], woman);
  r = await place(w6, { shelter_id: safe.id, place: 'women', start_date: '2021-02-20', end_date: '2021-03-05' });
  assert.equal(r.status, 409);
  assert.match(r.json.detail, /taken on 2021-03-02/);
  assert.equal((await place(w6, { shelter_id: safe.id, place: 'women', start_date: '2021-02-20', end_date: '2021-03-02' })).status, 201);

  // Scope: another organisation's case is not there.
  assert.equal((await place(w6, { shelter_id: safe.id, place: 'women', start_date: '2021-03-20' }, 'cw-b')).status, 404);
  assert.equal((await as['cw-b'].post(`/api/v1/cases/${w1}/placements/${p1}/end`, { end_date: '2021-03-10' })).status, 404);
  assert.equal((await as['cw-a'].post(`/api/v1/cases/${w2}/placements/${p1}/end`, { end_date: '2021-03-10' })).status, 404, 'placement of another case');
  // The coordinator can place on any case.
  const w7 = await newCase(as['cw-b'], woman);
  assert.equal((await place(w7, { alternative: 'other', turn_away_reason: 'other', place: 'women', start_date: '2021-03-08' }, 'coord')).status, 201);
});

test('placements: each bad input is named', async () => {
  const s = await shelter({ name: 'Input Shelter (synthetic)', capacity_women: 5, licence_valid_until: '2030-12-31', effective_date: '2020-01-01' });
  const c = await newCase(as['cw-a'], woman);
  let r = await place(c, {});
  assert.deepEqual(fields(r), ['place', 'start_date']);
  r = await place(c, { place: 'dorm', start_date: '2999-01-01' });
  assert.deepEqual(fields(r), ['place', 'shelter_id', 'start_date']);
  r = await place(c, { shelter_id: s.id, place: 'women', start_date: '2021-01-01' });
  assert.deepEqual(fields(r), ['start_date'], 'before the referral date');
  assert.match(r.json.errors[0].reason, /referral date/);
  r = await place(c, { shelter_id: s.id, place: 'women', start_date: '2021-02-01', end_date: '2021-01-31' });
  assert.deepEqual(fields(r), ['end_date']);
  r = await place(c, { shelter_id: 99999, place: 'women', start_date: '2021-02-01' });
  assert.deepEqual(fields(r), ['shelter_id']);
  r = await place(c, { shelter_id: s.id, alternative: 'other', turn_away_reason: 'full', place: 'women', start_date: '2021-02-01' });
  assert.deepEqual(fields(r), ['alternative']);
  r = await place(c, { alternative: 'tent', place: 'women', start_date: '2021-02-01' });
  assert.deepEqual(fields(r), ['alternative', 'turn_away_reason']);
  r = await place(c, { alternative: 'other', turn_away_reason: 'bored', turn_away_shelter_id: 99999, place: 'women', start_date: '2021-02-01' });
  assert.deepEqual(fields(r), ['turn_away_reason', 'turn_away_shelter_id']);
  r = await place(c, { shelter_id: s.id, turn_away_reason: 'full', place: 'women', start_date: '2021-02-01' });
  assert.deepEqual(fields(r), ['turn_away_reason']);
  r = await place(c, { shelter_id: '1', place: 'women', start_date: '2021-02-01', note: 'x' });
  assert.deepEqual(fields(r), ['note', 'shelter_id']);
  r = await as['cw-a'].post(`/api/v1/cases/${c}/placements/1/end`, {});
  assert.deepEqual(fields(r), ['end_date']);
  assert.equal((await place(999999, { shelter_id: s.id, place: 'women', start_date: '2021-02-01' })).status, 404);
  const ok = await place(c, { shelter_id: s.id, place: 'women', start_date: '2021-02-01' });
  const pid = ok.json.placements[0].id;
  r = await as['cw-a'].post(`/api/v1/cases/${c}/placements/${pid}/end`, { end_date: '2021-01-31' });
  assert.deepEqual(fields(r), ['end_date']);
  r = await as['cw-a'].post(`/api/v1/cases/${c}/placements/${pid}/end`, { end_date: '2999-01-01' });
  assert.deepEqual(fields(r), ['end_date']);
});

// The fixture, by hand. Shelter F from 2021-06-01: 3 women's and 2
// children's places, licence valid until 2021-06-15; from 2021-06-08 it has 4
// women's places. Stays (a stay occupies its start day up to the day before
// it ends; a same-day stay occupies its one day):
//   women  s1 06-01..06-04 -> 1, 2, 3       s2 06-03..open -> 3 onwards
//          s3 06-05..06-05 -> 5
//   child  k1 06-02..06-06 -> 2, 3, 4, 5
const EXPECTED = [
  // date, women, children, women's capacity, licensed
  ['2021-06-01', 1, 0, 3, true], ['2021-06-02', 1, 1, 3, true], ['2021-06-03', 2, 1, 3, true],
  ['2021-06-04', 1, 1, 3, true], ['2021-06-05', 2, 1, 3, true], ['2021-06-06', 1, 0, 3, true],
  ['2021-06-07', 1, 0, 3, true], ['2021-06-08', 1, 0, 4, true], ['2021-06-09', 1, 0, 4, true],
  ['2021-06-10', 1, 0, 4, true], ['2021-06-11', 1, 0, 4, true], ['2021-06-12', 1, 0, 4, true],
  ['2021-06-13', 1, 0, 4, true], ['2021-06-14', 1, 0, 4, true], ['2021-06-15', 1, 0, 4, true],
  ['2021-06-16', 1, 0, 4, false], ['2021-06-17', 1, 0, 4, false],
];

test('the board: occupancy by day matches the hand-computed fixture', async () => {
  const f = await shelter({ name: 'Fixture Shelter (synthetic)', capacity_women: 3, capacity_children: 2, licence_valid_until: '2021-06-15', effective_date: '2021-06-01' });
  const p = await as.coord.request('PATCH', `/api/v1/shelters/${f.id}`, { body: { capacity_women: 4, effective_date: '2021-06-08' } });
  assert.equal(p.status, 200, p.text);
  const stays = [
    [woman, { place: 'women', start_date: '2021-06-01', end_date: '2021-06-04' }],
    [woman, { place: 'women', start_date: '2021-06-03' }],
    [woman, { place: 'women', start_date: '2021-06-05', end_date: '2021-06-05' }],
    [girl, { place: 'children', start_date: '2021-06-02', end_date: '2021-06-06' }],
  ];
  for (const [person, body] of stays) {
    const c = await newCase(as['cw-a'], person, '2021-05-20');
    const r = await place(c, { shelter_id: f.id, ...body });
    assert.equal(r.status, 201, r.text);
  }
  const b = await as['cw-b'].get('/api/v1/shelters/board?from=2021-06-01&to=2021-06-17');
  assert.equal(b.status, 200, b.text);
  assert.equal(b.json.from, '2021-06-01');
  assert.equal(b.json.to, '2021-06-17');
  const row = b.json.shelters.find((s) => s.id === f.id);
  assert.deepEqual(row.capacity, { women: 4, men: 0, children: 2 });
  assert.equal(row.licence_valid_until, '2021-06-15');
  assert.equal(row.specialised, true);
  assert.deepEqual(row.days.map((d) => [d.date, d.women, d.children, d.capacity.women, d.licensed]), EXPECTED);
  assert.ok(row.days.every((d) => d.men === 0 && d.capacity.children === 2));
  assert.ok(!JSON.stringify(b.json.shelters).includes('case'), 'occupancy carries no case identity');
  // One day only, and the default of the last 30 days.
  const one = await as['cw-a'].get('/api/v1/shelters/board?from=2021-06-05&to=2021-06-05');
  assert.deepEqual(one.json.shelters.find((s) => s.id === f.id).days.map((d) => d.women), [2]);
  const def = await as['cw-a'].get('/api/v1/shelters/board');
  assert.equal(def.status, 200);
  const today = new Date().toISOString().slice(0, 10);
  assert.equal(def.json.to, today);
  assert.equal(def.json.shelters[0].days.length, 30);
  assert.equal(def.json.shelters.find((s) => s.id === f.id).days.at(-1).women, 1, 's2 is still there');
});

test('the board: turn-aways by reason and alternative, listed only for those who may read the cases', async () => {
  const q = '/api/v1/shelters/board?from=2021-03-01&to=2021-03-31';
  const coord = await as.coord.get(q);
  assert.equal(coord.status, 200, coord.text);
  const t = coord.json.turn_aways;
  // From the placements test: full (w3), wrong_sex (m), unlicensed (w4, w5), other (w7 of org B).
  assert.equal(t.total, 5);
  assert.deepEqual(t.by_reason, { full: 1, unlicensed: 2, wrong_sex: 1, other: 1 });
  assert.deepEqual(t.by_alternative, { ngo_accommodation: 2, social_welfare_shelter: 1, other: 2 });
  assert.equal(t.items.length, 5);
  assert.equal(t.items_hidden, 0);
  assert.deepEqual(t.items.map((i) => i.date), ['2021-03-03', '2021-03-04', '2021-03-05', '2021-03-06', '2021-03-08']);
  assert.match(t.items[0].case_number, /^LT-2021-\d{6}$/);
  assert.deepEqual(Object.keys(t.items[0]).sort(), ['alternative', 'case_id', 'case_number', 'date', 'reason', 'shelter_id']);
  const safe = coord.json.shelters.find((s) => s.name === 'Safe House (synthetic)');
  assert.equal(safe.turn_aways, 2, 'full and wrong sex at the Safe House');
  // Case workers count everything but see their own organisation's cases only.
  const b = (await as['cw-b'].get(q)).json.turn_aways;
  assert.equal(b.total, 5);
  assert.equal(b.items.length, 1);
  assert.equal(b.items_hidden, 4);
  assert.equal(b.items[0].date, '2021-03-08');
  const a = (await as['cw-a'].get(q)).json.turn_aways;
  assert.equal(a.items.length, 4);
  // Admins run shelters but read no cases: counts only.
  const adm = (await as.admin.get(q)).json.turn_aways;
  assert.equal(adm.total, 5);
  assert.equal(adm.items.length, 0);
  const audit = (await as.auditor.get('/api/v1/audit?action=shelter.board&limit=500')).json.items;
  assert.ok(audit.some((r) => r.detail === 'cases=5'));
});

test('the board: bad ranges are named', async () => {
  let r = await as['cw-a'].get('/api/v1/shelters/board?from=2021-06-10&to=2021-06-01');
  assert.equal(r.status, 400);
  assert.deepEqual(fields(r), ['query.to']);
  r = await as['cw-a'].get('/api/v1/shelters/board?from=2021-01-01&to=2021-04-03');
  assert.deepEqual(fields(r), ['query.to'], '93 days');
  assert.match(r.json.errors[0].reason, /93 days long .* at most 92 days/);
  assert.equal((await as['cw-a'].get('/api/v1/shelters/board?from=2021-01-01&to=2021-04-02')).status, 200, '92 days');
  r = await as['cw-a'].get('/api/v1/shelters/board?from=yesterday&to=2021-02-30');
  assert.deepEqual(fields(r), ['query.from', 'query.to']);
  r = await as['cw-a'].get('/api/v1/shelters/board?since=2021-01-01');
  assert.equal(r.status, 400);
  assert.equal((await as.analyst.get('/api/v1/shelters/board')).status, 403);
});

test('a shelter name at the length limit is kept whole, and the lists still answer', async () => {
  const name = 'a'.repeat(158) + 'č'; // 160 bytes, the limit, ending in a two-byte letter
  const r = await as.coord.post('/api/v1/shelters', { organisation_id: orgS, name, capacity_women: 1 });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.name, name);
  const list = await as.coord.get('/api/v1/shelters');
  assert.equal(list.status, 200);
  assert.ok(list.json.items.some((x) => x.name === name));
  assert.equal((await as.coord.get('/api/v1/shelters/board')).status, 200);
});

test('the full-shelter 409 is whole, however long the shelter\'s name', async () => {
  const name = `${'Long Named Safe House '.repeat(6)}(synthetic)`; // over the 80 bytes the sentence quotes
  const s = await shelter({ name, capacity_women: 1, licence_valid_until: '2030-12-31', effective_date: '2020-01-01' });
  const w1 = await newCase(as['cw-a'], woman), w2 = await newCase(as['cw-a'], woman);
  assert.equal((await place(w1, { shelter_id: s.id, place: 'women', start_date: '2021-05-01' })).status, 201);
  const r = await place(w2, { shelter_id: s.id, place: 'women', start_date: '2021-05-02' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.turn_away_reason, 'full');
  assert.equal(r.json.turn_away_shelter_id, s.id);
  assert.match(r.json.detail, /all its women's places are taken on 2021-05-02 \(1 of 1\)\. Record where the person went instead: /);
  assert.ok(r.json.detail.endsWith(`turn_away_reason "full" and turn_away_shelter_id ${s.id} in place of shelter_id.`), r.json.detail);
});

test('a closed case takes a placement that began before it was closed, and no later one', async () => {
  const safe = await shelter({ name: 'After Close House (synthetic)', capacity_women: 4, licence_valid_until: '2030-12-31', effective_date: '2020-01-01' });
  const c = await newCase(as['cw-a'], woman);
  const move = (body) => as['cw-a'].post(`/api/v1/cases/${c}/transitions`, body);
  assert.equal((await move({ action: 'close', date: '2021-06-30', reasons: 'No further contact (synthetic).' })).status, 200);
  // Recorded late: a stay that began before the case was closed.
  let r = await place(c, { shelter_id: safe.id, place: 'women', start_date: '2021-06-01', end_date: '2021-06-30' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.status, 'closed');
  r = await place(c, { alternative: 'other', turn_away_reason: 'full', place: 'women', start_date: '2021-06-30' });
  assert.equal(r.status, 201, 'on the day of closing: ' + r.text);
  const ended = r.json.placements.find((p) => p.alternative === 'other');
  assert.equal((await as['cw-a'].post(`/api/v1/cases/${c}/placements/${ended.id}/end`, { end_date: '2021-06-30' })).status, 200);
  // A stay that begins after closing needs the case reopened first.
  r = await place(c, { shelter_id: safe.id, place: 'women', start_date: '2021-07-01' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.detail, 'The case was closed on 2021-06-30; a placement that starts after that needs the case reopened first.');
  assert.equal(r.json.turn_away_reason, undefined, 'not a turn-away');
  assert.equal((await move({ action: 'reopen', date: '2021-07-01', reasons: 'Back in contact (synthetic).' })).status, 200);
  assert.equal((await place(c, { shelter_id: safe.id, place: 'women', start_date: '2021-07-01' })).status, 201);
});
