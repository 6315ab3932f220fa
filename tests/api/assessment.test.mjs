// The country scorecard and the Watch List clock (docs/assessment.md) over a
// hand-built fixture whose figures are worked out below for two consecutive
// periods of both kinds: reporting years 2021 (2020-04-01..2021-03-31) and
// 2022 (2021-04-01..2022-03-31), calendar years 2021 and 2022, with cases
// identified on 31 March and 1 April 2021. Then the clock for Serbia, roles,
// bad queries, the audit trail and the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startLantern, Client } from '../support/lantern.mjs';

const ORG = 'Assessment Center (synthetic)';
const users = [
  { username: 'as-analyst', role: 'analyst', org: ORG, password: 'analyst-pass-assess' },
  { username: 'as-coord', role: 'coordinator', org: ORG, password: 'coordinator-pass-assess' },
  { username: 'as-cw', role: 'caseworker', org: ORG, password: 'caseworker-pass-assess' },
  { username: 'as-aud', role: 'auditor', org: ORG, password: 'auditor-pass-assess' },
];
let srv;
const as = {};
const tmp = mkdtempSync(join(tmpdir(), 'lantern-assess-'));

// Synthetic people only.
const c = (ref, cit, date, identified) => ({
  ref, person: { sex: 'female', birth_year: 1990, citizenship: cit },
  referral: { date, source: 'police' }, exploitation: ['sexual'], countries_of_exploitation: ['RS'],
  identification: { outcome: 'identified', date: identified, reasons: 'Imported decision (synthetic).' },
});
const fixture = [
  c('A1', ['RS'], '2021-01-05', '2021-03-31'), // RY2021, CY2021; served Jan-Feb 2021
  c('A2', ['RS'], '2021-03-01', '2021-04-01'), // RY2022, CY2021; no service
  c('A3', ['VN'], '2021-05-01', '2021-06-01'), // RY2022, CY2021; foreign; served from Jul 2021
  c('A4', ['RS'], '2022-01-01', '2022-01-10'), // RY2022, CY2022; served from Jan 2022
  c('A5', ['VN'], '2022-03-01', '2022-04-01'), // RY2023, CY2022; foreign; served Apr-May 2022
  c('A6', ['RS'], '2020-04-01', '2020-05-01'), // RY2021, CY2020; no service
  c('A7', [], '2021-11-01', '2021-12-01'),     // RY2022, CY2021; citizenship unknown
];

// Reporting year 2022 against 2021:
//   identified 4 (A2, A3, A4, A7) vs 2 (A1, A6): increasing
//   assisted (a service on a day of the period) 2 (A3, A4) vs 1 (A1): increasing
//   non-citizen share 1 of 4 vs 0 of 2: increasing
//   services for foreign victims 1 of 1 vs none of 0: not comparable
//   services for nationals 1 of 2 (A4 of A2, A4) vs 1 of 2 (A1 of A1, A6): flat
//   shelter places on 31 March 2022: 4 (cut that day) vs 6 on 31 March 2021: falling
// Calendar year 2022 against 2021:
//   identified 2 (A4, A5) vs 4 (A1, A2, A3, A7): falling
//   assisted 3 (A3, A4, A5) vs 2 (A1, A3): increasing
//   non-citizen share 1 of 2 vs 1 of 4: increasing
//   services for foreign victims 1 of 1 vs 1 of 1: flat
//   services for nationals 1 of 1 vs 1 of 2: increasing
//   shelter places on 31 December 2022: 4 + 5 vs 6: increasing
// The law-enforcement figures (docs/statistics.md), recorded through the API in
// before(): four proceedings (opened, indicted, convicted with a sentence) and
// three penalties against victims, on both sides of 31 March / 1 April:
//   P1 (A6) opened 2020-06-01, indicted 2020-09-01, convicted 2021-03-31, 24 months
//   P2 (A1) opened 2021-03-31, indicted 2021-04-01, convicted 2022-04-01, 60 months
//   P3 (A1) opened 2021-04-01, indicted 2021-05-01, convicted 2021-10-01, 12 months suspended
//   P4 (A2) opened 2021-06-01, indicted 2021-08-01, convicted 2022-03-31, 36 months
//   penalties: A6 2020-12-01, A1 2021-03-31, A2 2021-04-01
// Reporting year 2022 against 2021:
//   investigations 2 (P3, P4) vs 2 (P1, P2): flat
//   prosecutions 3 (P2, P3, P4) vs 1 (P1): increasing
//   convictions 2 (P3, P4; P2's of 1 April 2022 is in 2023) vs 1 (P1): increasing
//   sentences with incarceration 1 (P4; P3 suspended) vs 1 (P1): flat
//   victims penalised 1 (A2) vs 2 (A6, A1): falling
// Calendar year 2022 against 2021:
//   investigations 0 vs 3 (P2, P3, P4): falling; prosecutions 0 vs 3: falling
//   convictions 2 (P4, P2) vs 2 (P1, P3): flat; incarceration 2 vs 1: increasing
//   victims penalised 0 vs 2 (A1, A2): falling
const LAW = ['investigations', 'prosecutions', 'convictions', 'sentences_with_incarceration', 'victims_penalised'];

before(async () => {
  srv = await startLantern({ orgs: [{ name: ORG, kind: 'center' }], users });
  for (const u of users) {
    as[u.username] = new Client(srv.url);
    assert.equal((await as[u.username].login(u.username, u.password)).status, 200);
  }
  as.admin = new Client(srv.url);
  assert.equal((await as.admin.login('admin', 'admin-password-for-tests')).status, 200);
  const file = join(tmp, 'fixture.jsonl');
  writeFileSync(file, fixture.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const r = srv.cli(['import', '--org', ORG, file]);
  assert.equal(r.status, 0, r.stderr);

  const list = await as['as-coord'].get('/api/v1/cases?per_page=200');
  const ids = {};
  for (const item of list.json.items) ids[(await as['as-coord'].get(`/api/v1/cases/${item.id}`)).json.ref] = item.id;
  const service = async (ref, start, end) => {
    const url = `/api/v1/cases/${ids[ref]}/services`;
    let res = await as['as-coord'].post(url, { type: 'psychological', status: 'active', start_date: start });
    assert.equal(res.status, 201, `${ref}: ${res.text}`);
    if (end) {
      const s = res.json.services.at(-1);
      res = await as['as-coord'].request('PATCH', `${url}/${s.id}`, { body: { status: 'completed', end_date: end } });
      assert.equal(res.status, 200, `${ref}: ${res.text}`);
    }
  };
  await service('A1', '2021-01-10', '2021-02-01');
  await service('A3', '2021-07-01');
  await service('A4', '2022-01-15');
  await service('A5', '2022-04-05', '2022-05-01');
  // A planned service is not assistance.
  const planned = await as['as-coord'].post(`/api/v1/cases/${ids.A2}/services`,
    { type: 'psychological', status: 'planned', start_date: '2999-01-01' });
  assert.equal(planned.status, 201, planned.text);

  const orgId = (await as.admin.get('/api/v1/organisations')).json.items.find((o) => o.name === ORG).id;
  let s = await as['as-coord'].post('/api/v1/shelters', {
    organisation_id: orgId, name: 'Scorecard Shelter (synthetic)', capacity_women: 6, effective_date: '2020-01-01',
  });
  assert.equal(s.status, 201, s.text);
  const p = await as['as-coord'].request('PATCH', `/api/v1/shelters/${s.json.id}`,
    { body: { capacity_women: 4, effective_date: '2022-03-31' } });
  assert.equal(p.status, 200, p.text);
  s = await as['as-coord'].post('/api/v1/shelters', {
    organisation_id: orgId, name: 'Second Shelter (synthetic)', capacity_children: 5, effective_date: '2022-04-01',
  });
  assert.equal(s.status, 201, s.text);

  // Proceedings against the traffickers, as in justice.test.mjs.
  const proceeding = async (ref, opened, indicted, verdict) => {
    let res = await as['as-coord'].post(`/api/v1/cases/${ids[ref]}/proceedings`, {
      opened_date: opened, prosecutor_specialised: true, victim_role: 'injured_party',
      charge: { article: '388', paragraph: '1' },
    });
    assert.equal(res.status, 201, `${ref}: ${res.text}`);
    const id = res.json.id;
    res = await as['as-coord'].post(`/api/v1/proceedings/${id}/stage`, { stage: 'indictment', date: indicted });
    assert.equal(res.status, 201, `${ref}: ${res.text}`);
    res = await as['as-coord'].request('PUT', `/api/v1/proceedings/${id}/verdict`, { body: { outcome: 'conviction', ...verdict } });
    assert.equal(res.status, 200, `${ref}: ${res.text}`);
  };
  await proceeding('A6', '2020-06-01', '2020-09-01', { date: '2021-03-31', sentence_months: 24, suspended: false });
  await proceeding('A1', '2021-03-31', '2021-04-01', { date: '2022-04-01', sentence_months: 60, suspended: false });
  await proceeding('A1', '2021-04-01', '2021-05-01', { date: '2021-10-01', sentence_months: 12, suspended: true });
  await proceeding('A2', '2021-06-01', '2021-08-01', { date: '2022-03-31', sentence_months: 36, suspended: false });
  // Proceedings against the victims, as in protection.test.mjs.
  for (const [ref, date] of [['A6', '2020-12-01'], ['A1', '2021-03-31'], ['A2', '2021-04-01']]) {
    const res = await as['as-coord'].post(`/api/v1/cases/${ids[ref]}/victim-proceedings`, {
      kind: 'misdemeanour', offence: 'prostitution', during_exploitation: true, outcome: 'penalty', penalty: 'fine',
      outcome_date: date,
    });
    assert.equal(res.status, 201, `${ref}: ${res.text}`);
  }
});
after(async () => { await srv?.stop(); rmSync(tmp, { recursive: true, force: true }); });

const brief = (f) => (f.status === 'recorded'
  ? [f.current, f.previous, f.trend]
  : f);

test('reporting year 2022 against 2021: each figure, its trend and its evidence', async () => {
  const r = await as['as-coord'].get('/api/v1/assessment/scorecard?year=2022&period=reporting');
  assert.equal(r.status, 200, r.text);
  const j = r.json;
  assert.deepEqual([j.country, j.iso3, j.year, j.period], ['RS', 'SRB', 2022, 'reporting']);
  assert.deepEqual(j.current, { start: '2021-04-01', end: '2022-03-31' });
  assert.deepEqual(j.previous, { start: '2020-04-01', end: '2021-03-31' });
  const f = j.figures;
  assert.deepEqual(brief(f.victims_identified), [4, 2, 'increasing']);
  assert.deepEqual(brief(f.victims_assisted), [2, 1, 'increasing']);
  assert.deepEqual(brief(f.non_citizen_share), [25, 0, 'increasing']);
  assert.deepEqual(f.non_citizen_share.current_count, { n: 1, of: 4 });
  assert.deepEqual(f.non_citizen_share.previous_count, { n: 0, of: 2 });
  assert.deepEqual(brief(f.services_foreign_share), [100, null, 'not_comparable']);
  assert.deepEqual(brief(f.services_nationals_share), [50, 50, 'flat']);
  assert.deepEqual(brief(f.shelter_places), [4, 6, 'falling']);
  assert.equal(f.victims_identified.evidence,
    '4 identified from 2021-04-01 to 2022-03-31; 2 identified from 2020-04-01 to 2021-03-31');
  assert.equal(f.services_nationals_share.evidence,
    '50.0% (1 of 2) from 2021-04-01 to 2022-03-31; 50.0% (1 of 2) from 2020-04-01 to 2021-03-31');
  assert.equal(f.shelter_places.evidence, '4 places on 2022-03-31; 6 on 2021-03-31');
  for (const k of LAW) assert.equal(f[k].status, 'recorded', k);
  assert.deepEqual(Object.fromEntries(LAW.map((k) => [k, brief(f[k])])), {
    investigations: [2, 2, 'flat'],
    prosecutions: [3, 1, 'increasing'],
    convictions: [2, 1, 'increasing'],
    sentences_with_incarceration: [1, 1, 'flat'],
    victims_penalised: [1, 2, 'falling'],
  });
  assert.equal(f.investigations.evidence,
    '2 investigations opened from 2021-04-01 to 2022-03-31; 2 investigations opened from 2020-04-01 to 2021-03-31');
  assert.equal(f.prosecutions.evidence, '3 indictments from 2021-04-01 to 2022-03-31; 1 indictment from 2020-04-01 to 2021-03-31');
  assert.equal(f.victims_penalised.evidence,
    '1 victim penalised from 2021-04-01 to 2022-03-31; 2 victims penalised from 2020-04-01 to 2021-03-31');
  assert.equal(Object.keys(f).length, 11);
});

test('law enforcement by reporting year: 31 March closes a year, 1 April opens the next', async () => {
  // Reporting year 2023 (2022-04-01..2023-03-31) holds only P2's conviction of 1 April 2022.
  const r = await as['as-analyst'].get('/api/v1/assessment/scorecard?year=2023&period=reporting');
  assert.equal(r.status, 200, r.text);
  const f = r.json.figures;
  assert.deepEqual(Object.fromEntries(LAW.map((k) => [k, brief(f[k])])), {
    investigations: [0, 2, 'falling'],
    prosecutions: [0, 3, 'falling'],
    convictions: [1, 2, 'falling'],
    sentences_with_incarceration: [1, 1, 'flat'],
    victims_penalised: [0, 1, 'falling'],
  });
  // Reporting year 2021 (2020-04-01..2021-03-31) against 2020: everything is new.
  const y2021 = (await as['as-analyst'].get('/api/v1/assessment/scorecard?year=2021')).json.figures;
  assert.deepEqual(Object.fromEntries(LAW.map((k) => [k, brief(y2021[k])])), {
    investigations: [2, 0, 'increasing'],
    prosecutions: [1, 0, 'increasing'],
    convictions: [1, 0, 'increasing'],
    sentences_with_incarceration: [1, 0, 'increasing'],
    victims_penalised: [2, 0, 'increasing'],
  });
});

test('calendar year 2022 against 2021: the 1 April case falls in 2021', async () => {
  const r = await as['as-analyst'].get('/api/v1/assessment/scorecard?year=2022&period=calendar');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.current, { start: '2022-01-01', end: '2022-12-31' });
  assert.deepEqual(r.json.previous, { start: '2021-01-01', end: '2021-12-31' });
  const f = r.json.figures;
  assert.deepEqual(brief(f.victims_identified), [2, 4, 'falling']);
  assert.deepEqual(brief(f.victims_assisted), [3, 2, 'increasing']);
  assert.deepEqual(brief(f.non_citizen_share), [50, 25, 'increasing']);
  assert.deepEqual(brief(f.services_foreign_share), [100, 100, 'flat']);
  assert.deepEqual(brief(f.services_nationals_share), [100, 50, 'increasing']);
  assert.deepEqual(brief(f.shelter_places), [9, 6, 'increasing']);
  // The same proceedings by calendar year: 31 March and 1 April 2021 are both in 2021.
  assert.deepEqual(Object.fromEntries(LAW.map((k) => [k, brief(f[k])])), {
    investigations: [0, 3, 'falling'],
    prosecutions: [0, 3, 'falling'],
    convictions: [2, 2, 'flat'],
    sentences_with_incarceration: [2, 1, 'increasing'],
    victims_penalised: [0, 2, 'falling'],
  });
});

test('the period defaults to the reporting year; an empty year is flat zeros', async () => {
  const r = await as.admin.get('/api/v1/assessment/scorecard?year=2010');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.period, 'reporting');
  const f = r.json.figures;
  assert.deepEqual(brief(f.victims_identified), [0, 0, 'flat']);
  assert.deepEqual(brief(f.non_citizen_share), [null, null, 'not_comparable']);
  assert.deepEqual(brief(f.shelter_places), [0, 0, 'flat']);
});

test('the clock for Serbia: the 2025 report may not keep it on the Watch List', async () => {
  const r = await as['as-coord'].get('/api/v1/assessment/clock');
  assert.equal(r.status, 200, r.text);
  const j = r.json;
  assert.deepEqual([j.country, j.iso3, j.report_year], ['RS', 'SRB', 2025]);
  assert.deepEqual(j.last_placement, { year: 2024, tier: 'tier_2_watch_list' });
  assert.equal(j.watch_list_allowed, false);
  assert.deepEqual(j.allowed, ['tier_1', 'tier_2', 'tier_3']);
  assert.deepEqual([j.watch_list_years_in_a_row, j.years_used, j.years_max, j.waivers_used, j.waivers_max, j.waiver],
    [3, 2, 2, 1, 1, 'used']);
  assert.equal(j.sentence,
    '2 of 2 years used, waiver used: the next report must place the country on Tier 2 or better, or Tier 3');
  assert.match(j.reason, /^Tier 2 Watch List not allowed: 2022 and 2023 on the Watch List, waiver used in 2024/);
});

test('caseworkers and auditors may not read the assessment; anonymous callers must log in', async () => {
  for (const u of ['as-cw', 'as-aud'])
    for (const path of ['/api/v1/assessment/scorecard?year=2022', '/api/v1/assessment/clock']) {
      const r = await as[u].get(path);
      assert.equal(r.status, 403, `${u} ${path}: ${r.text}`);
    }
  assert.equal((await new Client(srv.url).get('/api/v1/assessment/clock')).status, 401);
});

test('a bad year or period is refused naming the query field', async () => {
  const cases = [
    ['year=twenty', ['query.year']], ['year=1999', ['query.year']], ['year=3000', ['query.year']],
    ['', ['query.year']], ['year=2022&period=fiscal', ['query.period']],
    ['year=x&period=', ['query.period', 'query.year']], ['year=2022&format=csv', ['query.format']],
  ];
  for (const [q, fields] of cases) {
    const r = await as['as-analyst'].get(`/api/v1/assessment/scorecard?${q}`);
    assert.equal(r.status, 400, `${q}: ${r.text}`);
    assert.deepEqual(r.json.errors.map((e) => e.field).sort(), fields, q);
  }
  const r = await as['as-analyst'].get('/api/v1/assessment/clock?year=2025');
  assert.equal(r.status, 400, r.text);
});

test('each read is audited', async () => {
  const r = await as['as-aud'].get('/api/v1/audit?limit=500');
  assert.equal(r.status, 200, r.text);
  const got = r.json.items.filter((i) => i.action.startsWith('assessment.')).map((i) => `${i.action} ${i.detail}`);
  for (const want of ['assessment.scorecard year=2022 period=reporting', 'assessment.scorecard year=2022 period=calendar',
                      'assessment.scorecard year=2010 period=reporting', 'assessment.clock country=SRB year=2025'])
    assert.ok(got.includes(want), `${want}: ${got}`);
  assert.equal(srv.cli(['audit', 'verify']).status, 0);
});

test('a deployment whose country has no profile or tier data gets a clear problem, not an internal error', async () => {
  // Only Serbia ships a jurisdiction profile; a deployment set to another
  // country is told what is missing. (The countries.csv and tier-history
  // lookup behind it is unit-tested in tests/unit/domain/test_tiers.c.)
  const saved = process.env.LANTERN_COUNTRY;
  process.env.LANTERN_COUNTRY = 'DE';
  let other;
  try {
    other = await startLantern();
  } finally {
    if (saved === undefined) delete process.env.LANTERN_COUNTRY;
    else process.env.LANTERN_COUNTRY = saved;
  }
  try {
    const admin = new Client(other.url);
    assert.equal((await admin.login('admin', 'admin-password-for-tests')).status, 200);
    for (const path of ['/api/v1/assessment/clock', '/api/v1/assessment/scorecard?year=2022']) {
      const r = await admin.get(path);
      assert.equal(r.status, 409, `${path}: ${r.text}`);
      assert.match(r.json.detail, /no jurisdiction profile for DE\. Profiles exist for: RS/, path);
    }
  } finally {
    await other.stop();
  }
});

test('lantern tier scorecard prints the same JSON; bad usage exits 2', async () => {
  const api = await as['as-coord'].get('/api/v1/assessment/scorecard?year=2022&period=calendar');
  const out = srv.cli(['tier', 'scorecard', '--year', '2022', '--period', 'calendar']);
  assert.equal(out.status, 0, out.stderr);
  assert.deepEqual(JSON.parse(out.stdout), api.json);
  for (const args of [['--period', 'calendar'], ['--year', '2022', '--period', 'fiscal'], ['--year', '2022', 'x.csv']]) {
    const r = srv.cli(['tier', 'scorecard', ...args]);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
  }
});
