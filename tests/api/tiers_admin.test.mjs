// Adding a TIP report year without a rebuild (docs/tiers.md): an admin adds
// Serbia's 2025 placement through the API, the Watch List clock moves on to
// 2026, and `lantern tier next --data` agrees with it; duplicates, gaps,
// shipped years, bad tiers and other roles are refused; a placement the rules
// in force forbid is refused unless confirmed, and then reported by
// `tier check --data`; an added year is corrected with replace (API and
// CLI) or removed when it is the last; every change is audited.
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
  assert.deepEqual({ ...r.json, added_at: 0, added_by: 0 }, { ...SRB_2025, added_at: 0, added_by: 0, violation: null });
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
  assert.match(again.stderr, /already has a placement for 2026 .*--replace/);
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

const WL = (year) => ({ country: 'SRB', year, tier: 'tier_2_watch_list', source: `US TIP Report ${year}, Serbia chapter (synthetic test row)` });
const listed = async () => (await as.admin.get(TIERS)).json.items.map((i) => `${i.year} ${i.tier} ${i.violation ? i.violation.rule : '-'}`);
const checkData = () => {
  const r = srv.cli(['tier', 'check']);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  return { status: r.status, stderr: r.stderr, violations: lines.slice(0, -1), summary: lines.at(-1).summary };
};

test('a placement the rules in force forbid is refused, naming tier, the rule and the years', async () => {
  // 2026 is on the Watch List; 2027 makes two years, 2028 needs the one waiver
  // the rules allow from 2019, and 2029 is then barred by the automatic downgrade.
  for (const y of [2027, 2028]) {
    const r = await as.admin.post(TIERS, WL(y));
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.violation, null);
  }
  const r = await as.admin.post(TIERS, WL(2029));
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.errors.map((e) => e.field), ['tier']);
  assert.match(r.json.errors[0].reason,
    /^tier_2_watch_list is forbidden for SRB in 2029 by the rule automatic_downgrade, because of 2026 to 2028; confirm with despite_rules/);
  assert.match(r.json.detail, /Tier 2 Watch List not allowed: 2026 and 2027 on the Watch List, waiver used in 2028/);
  assert.match(r.json.detail, /"despite_rules": true/);
  const cliRefused = srv.cli(['tier', 'add', '--country', 'SRB', '--year', '2029', '--tier', 'tier_2_watch_list', '--source', 'x']);
  assert.equal(cliRefused.status, 2, cliRefused.stderr);
  assert.match(cliRefused.stderr, /tier: tier_2_watch_list is forbidden for SRB in 2029 by the rule automatic_downgrade, because of 2026 to 2028; .*--despite-rules/);
  assert.deepEqual(await listed(), ['2025 tier_2 -', '2026 tier_2_watch_list -', '2027 tier_2_watch_list -', '2028 tier_2_watch_list -'],
                   'nothing was stored');
  // The history as it stands breaks no rule.
  const clean = checkData();
  assert.equal(clean.status, 0, clean.stderr);
  assert.deepEqual(clean.violations, []);

  // Other tiers stay open that year.
  const t3 = await as.admin.post(TIERS, { ...WL(2029), tier: 'tier_3', despite_rules: false });
  assert.equal(t3.status, 201, t3.text);
  assert.equal(srv.cli(['tier', 'remove', '--country', 'SRB', '--year', '2029']).status, 0);
});

test('confirmed despite the rules, the placement is kept as a recorded violation that tier check reports', async () => {
  const r = await as.admin.post(TIERS, { ...WL(2029), despite_rules: true });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.violation, { rule: 'automatic_downgrade', because: [2026, 2027, 2028] });
  const items = (await as['ta-analyst'].get(TIERS)).json.items;
  assert.deepEqual(items.at(-1).violation, r.json.violation);
  assert.ok(items.slice(0, -1).every((i) => i.violation === null));

  const c = checkData();
  assert.equal(c.status, 1, c.stderr);
  assert.deepEqual(c.violations, [{ country: 'SRB', year: 2029, placement: 'tier_2_watch_list', rule: 'automatic_downgrade',
                                    because: [2026, 2027, 2028], added: true }]);
  assert.equal(c.summary.violations, 1);
  // Without --data, check reads a file; both together are refused.
  assert.equal(srv.cli(['tier', 'check', 'x.csv']).status, 2);
});

test('an added year is corrected with replace; a correction that makes a later year unlawful is refused', async () => {
  // 2027 corrected to Tier 2: 2029 is then the second Watch List year and lawful.
  let r = await as.admin.post(TIERS, { ...WL(2027), tier: 'tier_2', replace: true });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.year, r.json.tier, r.json.violation], [2027, 'tier_2', null]);
  assert.deepEqual(await listed(), ['2025 tier_2 -', '2026 tier_2_watch_list -', '2027 tier_2 -',
                                    '2028 tier_2_watch_list -', '2029 tier_2_watch_list -']);
  assert.equal(checkData().status, 0);

  // Back to the Watch List: lawful in 2027 itself, but 2029 would be the
  // fourth year in a row with the waiver used.
  r = await as.admin.post(TIERS, { ...WL(2027), replace: true });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.errors.map((e) => e.field), ['tier']);
  assert.match(r.json.errors[0].reason,
    /^would make the added tier_2_watch_list of SRB in 2029 break the rule automatic_downgrade \(because of 2026 to 2028\)/);
  assert.equal((await listed())[2], '2027 tier_2 -', 'nothing was changed');

  // The command line corrects a source and a tier the same way.
  const cliFix = srv.cli(['tier', 'add', '--replace', '--country', 'SRB', '--year', '2029', '--tier', 'tier_2',
                          '--source', 'US TIP Report 2029, corrected (synthetic test row)']);
  assert.equal(cliFix.status, 0, cliFix.stderr);
  assert.deepEqual(JSON.parse(cliFix.stdout).violation, null);

  // Shipped years stay read-only; a year never added cannot be corrected.
  const shipped = await as.admin.post(TIERS, { ...WL(2024), tier: 'tier_2', replace: true });
  assert.equal(shipped.status, 409, shipped.text);
  assert.match(shipped.json.detail, /shipped with Lantern .*read-only/);
  const absent = await as.admin.post(TIERS, { ...WL(2031), replace: true });
  assert.equal(absent.status, 400, absent.text);
  assert.deepEqual(absent.json.errors.map((e) => e.field), ['year']);
  for (const u of ['ta-coord', 'ta-analyst']) {
    assert.equal((await as[u].post(TIERS, { ...WL(2029), tier: 'tier_3', replace: true })).status, 403, u);
  }
  const bad = await as.admin.post(TIERS, { ...WL(2030), replace: 'yes' });
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(bad.json.errors.map((e) => e.field), ['replace']);
  assert.equal(srv.cli(['tier', 'next', '--country', 'SRB', '--year', '2027', '--replace']).status, 2);
});

test('tier remove takes back the last added year only', async () => {
  const notLast = srv.cli(['tier', 'remove', '--country', 'SRB', '--year', '2027']);
  assert.equal(notLast.status, 1, notLast.stderr);
  assert.match(notLast.stderr, /not the last year of its history \(2029 is\)/);
  const shipped = srv.cli(['tier', 'remove', '--country', 'SRB', '--year', '2024']);
  assert.equal(shipped.status, 1, shipped.stderr);
  assert.match(shipped.stderr, /shipped with Lantern; shipped years are read-only/);
  const r = srv.cli(['tier', 'remove', '--country', 'srb', '--year', '2029']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { country: 'SRB', year: 2029, tier: 'tier_2' });
  assert.equal((await listed()).length, 4);
  assert.equal(srv.cli(['tier', 'remove', '--country', 'SRB']).status, 2);
  const clock = (await as['ta-coord'].get('/api/v1/assessment/clock')).json;
  assert.equal(clock.report_year, 2029);
});

test('every change and listing is audited', async () => {
  const r = await as['ta-aud'].get('/api/v1/audit?limit=500');
  assert.equal(r.status, 200, r.text);
  const got = r.json.items.filter((i) => i.action.startsWith('tier.')).map((i) => `${i.action} ${i.actor_kind} ${i.detail}`);
  assert.deepEqual(got.filter((g) => !g.startsWith('tier.list')).sort(), [
    'tier.add user country=SRB year=2025 tier=tier_2', 'tier.add cli country=SRB year=2026 tier=tier_2_watch_list',
    'tier.add user country=SRB year=2027 tier=tier_2_watch_list', 'tier.add user country=SRB year=2028 tier=tier_2_watch_list',
    'tier.add user country=SRB year=2029 tier=tier_3', 'tier.remove cli country=SRB year=2029 tier=tier_3',
    'tier.add user country=SRB year=2029 tier=tier_2_watch_list despite_rules=1',
    'tier.replace user country=SRB year=2027 tier=tier_2 was=tier_2_watch_list',
    'tier.replace cli country=SRB year=2029 tier=tier_2 was=tier_2_watch_list',
    'tier.remove cli country=SRB year=2029 tier=tier_2',
  ].sort());
  assert.ok(got.includes('tier.list user rows=0'), got.join('\n'));
  assert.ok(got.includes('tier.list user rows=2'), got.join('\n'));
  assert.ok(r.json.items.some((i) => i.action === 'assessment.clock' && i.detail === 'country=SRB year=2026'));
  assert.equal(srv.cli(['audit', 'verify']).status, 0);
});
