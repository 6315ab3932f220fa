// Adding a TIP report year without a rebuild (docs/tiers.md): an admin adds
// Serbia's 2025 placement through the API, the Watch List clock moves on to
// 2026, and `lantern tier next --data` agrees with it; duplicates, gaps,
// shipped years, bad tiers and other roles are refused; every add is audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startLantern, Client } from '../support/lantern.mjs';

const ORG = 'Tier Admin Center (synthetic)';
const users = [
  { username: 'ta-coord', role: 'coordinator', org: ORG, password: 'coordinator-pass-tiers' },
  { username: 'ta-cw', role: 'caseworker', org: ORG, password: 'caseworker-pass-tiers' },
  { username: 'ta-analyst', role: 'analyst', org: ORG, password: 'analyst-pass-tiers' },
  { username: 'ta-aud', role: 'auditor', org: ORG, password: 'auditor-pass-tiers' },
];
let srv;
const as = {};
const TIERS = '/api/v1/assessment/tiers';
const SRB_2025 = { country: 'SRB', year: 2025, tier: 'tier_2', source: 'US TIP Report 2025, Serbia chapter (synthetic test row)' };

before(async () => {
  srv = await startLantern({ orgs: [{ name: ORG, kind: 'center' }], users });
  for (const u of users) {
    as[u.username] = new Client(srv.url);
    assert.equal((await as[u.username].login(u.username, u.password)).status, 200);
  }
  as.admin = new Client(srv.url);
  assert.equal((await as.admin.login('admin', 'admin-password-for-tests')).status, 200);
});

after(async () => {
  await srv?.stop();
});

function next(country, year) {
  const r = srv.cli(['tier', 'next', '--country', country, '--year', String(year)]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('before any addition the clock is for 2025 and nothing is listed', async () => {
  const clock = await as['ta-coord'].get('/api/v1/assessment/clock');
  assert.equal(clock.status, 200, clock.text);
  assert.equal(clock.json.report_year, 2025);
  assert.equal(clock.json.watch_list_allowed, false);
  const list = await as['ta-analyst'].get(TIERS);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.json, { items: [] });
});

test('caseworkers and coordinators may not add a year; caseworkers and auditors may not list', async () => {
  for (const u of ['ta-cw', 'ta-coord', 'ta-analyst', 'ta-aud']) {
    const r = await as[u].post(TIERS, SRB_2025);
    assert.equal(r.status, 403, `${u}: ${r.text}`);
  }
  for (const u of ['ta-cw', 'ta-aud']) assert.equal((await as[u].get(TIERS)).status, 403, u);
  assert.equal((await new Client(srv.url).get(TIERS)).status, 401);
});

test('an admin adds SRB 2025 and the clock moves on to 2026', async () => {
  const before = (await as['ta-coord'].get('/api/v1/assessment/clock')).json;
  const r = await as.admin.post(TIERS, SRB_2025);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual({ ...r.json, added_at: 0, added_by: 0 }, { ...SRB_2025, added_at: 0, added_by: 0 });
  assert.equal(typeof r.json.added_by, 'number');

  const clock = await as['ta-coord'].get('/api/v1/assessment/clock');
  assert.equal(clock.status, 200, clock.text);
  const j = clock.json;
  assert.equal(j.report_year, 2026);
  assert.deepEqual(j.last_placement, { year: 2025, tier: 'tier_2' });
  // What lt_tier_next says of 2026 once 2025 is Tier 2: the Watch List is open again.
  const want = next('SRB', 2026);
  assert.deepEqual(want, { country: 'SRB', year: 2026, allowed: ['tier_1', 'tier_2', 'tier_2_watch_list', 'tier_3'],
    reasons: ['Tier 2 Watch List allowed: not on the Watch List in 2025'] });
  assert.deepEqual(j.allowed, want.allowed);
  assert.equal(j.watch_list_allowed, true);
  assert.equal(j.reason, want.reasons[0]);
  assert.equal(j.watch_list_years_in_a_row, 0);
  assert.deepEqual([j.years_used, j.years_max, j.waivers_used, j.waiver], [0, 2, 0, 'available']);
  assert.equal(j.sentence, '0 of 2 years used: the next report may place the country on any tier');
  assert.notEqual(j.sentence, before.sentence);
  assert.equal(before.sentence,
    '2 of 2 years used, waiver used: the next report must place the country on Tier 2 or better, or Tier 3');

  const list = await as['ta-coord'].get(TIERS);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.json.items, [r.json]);
  // Without --data, `tier next` still reads the shipped history only, which ends in 2024.
  const bare = spawnSync(process.env.LANTERN_BIN, ['tier', 'next', '--country', 'SRB', '--year', '2026'],
                         { encoding: 'utf8' });
  assert.equal(bare.status, 2, bare.stdout);
  assert.match(bare.stderr, /end in 2024/);
});

test('the same year again, a gap, a shipped year, a bad tier or country are refused', async () => {
  const again = await as.admin.post(TIERS, SRB_2025);
  assert.equal(again.status, 409, again.text);
  assert.match(again.json.detail, /SRB already has a placement for 2025/);

  const gap = await as.admin.post(TIERS, { ...SRB_2025, year: 2027 });
  assert.equal(gap.status, 400, gap.text);
  assert.deepEqual(gap.json.errors.map((e) => e.field), ['year']);
  assert.match(gap.json.errors[0].reason, /must be 2026/);

  const shipped = await as.admin.post(TIERS, { ...SRB_2025, year: 2024 });
  assert.equal(shipped.status, 409, shipped.text);
  assert.match(shipped.json.detail, /2024 in the history shipped with Lantern/);

  const tier = await as.admin.post(TIERS, { ...SRB_2025, year: 2026, tier: 'tier_4' });
  assert.equal(tier.status, 400, tier.text);
  assert.deepEqual(tier.json.errors.map((e) => e.field), ['tier']);

  const country = await as.admin.post(TIERS, { ...SRB_2025, country: 'XYZ', year: 2016 });
  assert.equal(country.status, 400, country.text);
  assert.deepEqual(country.json.errors.map((e) => e.field), ['country']);

  for (const [body, field] of [[{ ...SRB_2025, year: 2026, source: '  ' }, 'source'],
                               [{ ...SRB_2025, year: 2026, source: 'x'.repeat(201) }, 'source'],
                               [{ ...SRB_2025, year: 2026, country: 'SRBX' }, 'country']]) {
    const r = await as.admin.post(TIERS, body);
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.json.errors.map((e) => e.field), [field]);
  }
  const list = await as.admin.get(TIERS);
  assert.equal(list.json.items.length, 1);
});

test('lantern tier add and `tier next --data` agree with the clock', async () => {
  const r = srv.cli(['tier', 'add', '--country', 'SRB', '--year', '2026', '--tier', 'tier_2_watch_list',
                     '--source', 'US TIP Report 2026, Serbia chapter (synthetic test row)']);
  assert.equal(r.status, 0, r.stderr);
  const row = JSON.parse(r.stdout);
  assert.deepEqual([row.country, row.year, row.tier, row.added_by], ['SRB', 2026, 'tier_2_watch_list', null]);

  const clock = (await as['ta-analyst'].get('/api/v1/assessment/clock')).json;
  assert.equal(clock.report_year, 2027);
  assert.deepEqual(clock.last_placement, { year: 2026, tier: 'tier_2_watch_list' });
  const want = next('SRB', 2027);
  assert.deepEqual(clock.allowed, want.allowed);
  assert.equal(clock.reason, want.reasons[0]);
  assert.equal(clock.sentence, '1 of 2 years used: the next report may keep the country on the Watch List');

  const again = srv.cli(['tier', 'add', '--country', 'SRB', '--year', '2026', '--tier', 'tier_2', '--source', 'x']);
  assert.equal(again.status, 1, again.stderr);
  assert.match(again.stderr, /already has a placement for 2026/);
  const gap = srv.cli(['tier', 'add', '--country', 'SRB', '--year', '2028', '--tier', 'tier_2', '--source', 'x']);
  assert.equal(gap.status, 2, gap.stderr);
  assert.match(gap.stderr, /year: must be 2027/);
  const usage = srv.cli(['tier', 'add', '--country', 'SRB', '--year', '2027']);
  assert.equal(usage.status, 2, usage.stderr);
  const both = srv.cli(['tier', 'next', '--history', 'x.csv', '--country', 'SRB', '--year', '2027']);
  assert.equal(both.status, 2, both.stderr);

  const list = await as['ta-coord'].get(TIERS);
  assert.deepEqual(list.json.items.map((i) => `${i.country} ${i.year} ${i.tier}`),
                   ['SRB 2025 tier_2', 'SRB 2026 tier_2_watch_list']);
});

test('every addition and listing is audited', async () => {
  const r = await as['ta-aud'].get('/api/v1/audit?limit=500');
  assert.equal(r.status, 200, r.text);
  const got = r.json.items.filter((i) => i.action.startsWith('tier.')).map((i) => `${i.action} ${i.actor_kind} ${i.detail}`);
  assert.deepEqual(got.filter((g) => g.startsWith('tier.add')),
                   ['tier.add user country=SRB year=2025 tier=tier_2', 'tier.add cli country=SRB year=2026 tier=tier_2_watch_list']);
  assert.ok(got.includes('tier.list user rows=0'), got.join('\n'));
  assert.ok(got.includes('tier.list user rows=2'), got.join('\n'));
  assert.ok(r.json.items.some((i) => i.action === 'assessment.clock' && i.detail === 'country=SRB year=2026'));
  assert.equal(srv.cli(['audit', 'verify']).status, 0);
});
