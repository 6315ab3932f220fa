// The annual figures (docs/statistics.md) over a hand-built fixture whose
// answers are worked out below, case by case: year boundaries, age 17 and
// 18 on the referral date, dual citizenship, forms in two groups, a case
// identified in the year but referred the year before, decisions pending at
// year end (with closing and reopening), a foreign victim and nationals
// exploited abroad. Then roles, a bad year, the audit trail and the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startLantern, Client, cli } from '../support/lantern.mjs';

const ORG = 'Stats Center (synthetic)';
const users = [
  { username: 'analyst', role: 'analyst', org: ORG, password: 'analyst-pass-stats' },
  { username: 'coord', role: 'coordinator', org: ORG, password: 'coordinator-pass-stats' },
  { username: 'stats-cw', role: 'caseworker', org: ORG, password: 'caseworker-pass-stats' },
  { username: 'stats-aud', role: 'auditor', org: ORG, password: 'auditor-pass-stats' },
];
let srv;
const as = {};
const tmp = mkdtempSync(join(tmpdir(), 'lantern-stats-'));

// Synthetic people only. Dates worked out by hand in the comments.
function c(ref, { sex = 'female', birth, cit = ['RS'], forms = ['sexual'], countries = ['RS'],
                  date, source = 'police', identified, outcome = 'identified' }) {
  const person = { sex, citizenship: cit };
  if (typeof birth === 'string') person.birth_date = birth;
  if (typeof birth === 'number') person.birth_year = birth;
  const d = { ref, person, referral: { date, source }, exploitation: forms, countries_of_exploitation: countries };
  if (identified) d.identification = { outcome, date: identified, reasons: 'Imported decision (synthetic).' };
  return d;
}
const fixture = [
  // Referred on the last day of 2021, identified in 2022: referred in 2021,
  // not identified in 2021, pending at the end of 2021.
  c('S1', { birth: '1990-01-01', date: '2021-12-31', identified: '2022-01-03' }),
  // Referred on the first day of 2022: not in 2021 at all.
  c('S2', { birth: '1990-01-01', date: '2022-01-01' }),
  // Referred in 2020 at 17 (girl), identified in 2021 after 46 days; forms in
  // two groups (multiple); a national exploited in RS and abroad (DE).
  c('S3', { birth: '2003-06-01', date: '2020-11-20', source: 'social_welfare', forms: ['sexual', 'forced_labour'],
            countries: ['RS', 'DE'], identified: '2021-01-05' }),
  // 18 on the referral date (a man); dual citizenship RS and VN (not
  // foreign); labour forms only; 10 days.
  c('S4', { sex: 'male', birth: '2003-03-10', date: '2021-03-10', source: 'ngo', cit: ['RS', 'VN'],
            forms: ['forced_labour', 'forced_begging'], identified: '2021-03-20' }),
  // 17 on the referral date, 18 the day after (a boy); foreign (VN only);
  // criminality; identified on 31 Dec 2021, 333 days after referral.
  c('S5', { sex: 'male', birth: '2003-02-02', date: '2021-02-01', source: 'labour_inspection', cit: ['VN'],
            forms: ['forced_criminality'], identified: '2021-12-31' }),
  // Sex unknown (an adult by an estimated birth year: an age is required),
  // no citizenship, no form, no country: 7 days.
  c('S6', { sex: 'unknown', birth: 1990, cit: [], forms: [], countries: [], date: '2021-06-01', identified: '2021-06-08' }),
  // Reasonable grounds after 2 days (below), still under assessment at year end.
  c('S7', { birth: 1990, date: '2021-05-05', source: 'hotline', forms: ['pornography'] }),
  // Reasonable grounds after 4 days, then not identified after 31 days (below).
  c('S8', { birth: 1985, date: '2021-07-01' }),
  // Closed on 1 Oct 2021 while pending (below): not pending at year end.
  c('S9', { birth: 1985, date: '2021-09-01' }),
  // Referred in 2020, closed on 1 Feb 2021 and reopened on 1 Mar 2021 (below):
  // pending at the end of 2020 and of 2021.
  c('S10', { birth: 1985, date: '2020-05-01' }),
  // A negative reasonable-grounds decision after 5 days (below) ends it.
  c('S11', { birth: 1985, date: '2021-04-01' }),
  // Referred on 31 Dec 2020, identified on 1 Jan 2021 (1 day); sexual group.
  c('S12', { birth: '1990-01-01', date: '2020-12-31', forms: ['pornography', 'sexual'], identified: '2021-01-01' }),
  // A national exploited abroad only (AT): labour, 10 days.
  c('S13', { sex: 'male', birth: 1980, date: '2021-08-10', source: 'border_police', forms: ['forced_labour'],
             countries: ['AT'], identified: '2021-08-20' }),
  // Identified on 31 Dec 2020: in 2020, not in 2021.
  c('S14', { birth: 1980, date: '2020-03-01', identified: '2020-12-31' }),
  // Forced marriage: the group "other"; 14 days.
  c('S15', { birth: 1995, date: '2021-10-01', source: 'social_welfare', forms: ['forced_marriage'], identified: '2021-10-15' }),
];

const SOURCES = ['police', 'border_police', 'prosecution', 'labour_inspection', 'social_welfare', 'health',
                 'education', 'ngo', 'international_org', 'hotline', 'self', 'private_citizen',
                 'foreign_authority', 'other'];
const sources = (over) => Object.fromEntries(SOURCES.map((s) => [s, over[s] ?? 0]));

const expected2021 = {
  year: 2021,
  // S1, S6, S8, S9, S11 police; S4 ngo; S5 labour_inspection; S7 hotline; S13 border_police; S15 social_welfare
  referred: 10,
  referred_by_source: sources({ police: 5, ngo: 1, labour_inspection: 1, hotline: 1, border_police: 1, social_welfare: 1 }),
  identified: 7, // S3, S4, S5, S6, S12, S13, S15
  identified_by_exploitation: { sexual: 1, labour: 2, criminality: 1, other: 1, multiple: 1, unknown: 1 },
  identified_by_sex_age: { women: 2, men: 2, girls: 1, boys: 1, unknown: 1 },
  identified_children: 2,
  identified_foreign: 1,
  identified_citizenship_unknown: 1,
  identified_by_citizenship: { RS: 5, VN: 2 },
  identified_country_of_exploitation_unknown: 1,
  identified_by_country_of_exploitation: { AT: 1, DE: 1, RS: 5 },
  nationals_exploited_abroad: 2,
  // reasonable grounds: S7 2, S8 4, S11 5 -> median rank 2 = 4, p90 rank 3 = 5
  // conclusive: 1, 7, 10, 10, 14, 31, 46, 333 -> median rank 4 = 10, p90 rank 8 = 333
  decision_days: { reasonable_grounds: { count: 3, median: 4, p90: 5 }, conclusive: { count: 8, median: 10, p90: 333 } },
  pending_decisions_at_year_end: 3, // S1 (decided in 2022), S7 (under assessment), S10 (reopened)
};
// The figures above; the further figures (services, shelters, justice) are
// tested in reports.test.mjs.
const first = (o) => Object.fromEntries(Object.keys(expected2021).map((k) => [k, o[k]]));

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

  const list = await as.coord.get('/api/v1/cases?per_page=200');
  const ids = {};
  for (const item of list.json.items) ids[(await as.coord.get(`/api/v1/cases/${item.id}`)).json.ref] = item.id;
  const move = async (ref, action, date, outcome) => {
    const body = { action, date, reasons: 'Synthetic reasons.' };
    if (outcome) body.outcome = outcome;
    const res = await as.coord.post(`/api/v1/cases/${ids[ref]}/transitions`, body);
    assert.equal(res.status, 200, `${ref} ${action}: ${res.text}`);
  };
  await move('S7', 'reasonable_grounds', '2021-05-07', 'positive');
  await move('S8', 'reasonable_grounds', '2021-07-05', 'positive');
  await move('S8', 'identify', '2021-08-01', 'not_identified');
  await move('S9', 'close', '2021-10-01');
  await move('S10', 'close', '2021-02-01');
  await move('S10', 'reopen', '2021-03-01');
  await move('S11', 'reasonable_grounds', '2021-04-06', 'negative');
});
after(async () => { await srv?.stop(); rmSync(tmp, { recursive: true, force: true }); });

test('every figure of 2021 is the hand-computed answer', async () => {
  const r = await as.analyst.get('/api/v1/stats/annual?year=2021');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(first(r.json), expected2021);
});

test('the year before: referrals, identification and pending decisions at its end', async () => {
  const r = await as.coord.get('/api/v1/stats/annual?year=2020');
  assert.equal(r.status, 200, r.text);
  // Referred in 2020: S3 social_welfare, S10, S12, S14 police.
  assert.equal(r.json.referred, 4);
  assert.deepEqual(r.json.referred_by_source, sources({ police: 3, social_welfare: 1 }));
  assert.equal(r.json.identified, 1); // S14 on 31 Dec 2020
  assert.deepEqual(r.json.identified_by_sex_age, { women: 1, men: 0, girls: 0, boys: 0, unknown: 0 });
  assert.deepEqual(r.json.identified_by_exploitation, { sexual: 1, labour: 0, criminality: 0, other: 0, multiple: 0, unknown: 0 });
  assert.deepEqual(r.json.decision_days, { reasonable_grounds: { count: 0, median: null, p90: null }, conclusive: { count: 1, median: 305, p90: 305 } });
  // S3 and S12 (decided in 2021) and S10 (closed only in 2021).
  assert.equal(r.json.pending_decisions_at_year_end, 3);
});

test('the year after: the 1 January referral and the January decision', async () => {
  const r = await as.admin.get('/api/v1/stats/annual?year=2022');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.referred, 1); // S2
  assert.equal(r.json.identified, 1); // S1, referred in 2021
  assert.deepEqual(r.json.decision_days.conclusive, { count: 1, median: 3, p90: 3 });
  assert.equal(r.json.pending_decisions_at_year_end, 3); // S2, S7 and S10
});

test('a year with nothing has every key, with zeros and nulls', async () => {
  const r = await as.analyst.get('/api/v1/stats/annual?year=1999');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(first(r.json), {
    year: 1999, referred: 0, referred_by_source: sources({}), identified: 0,
    identified_by_exploitation: { sexual: 0, labour: 0, criminality: 0, other: 0, multiple: 0, unknown: 0 },
    identified_by_sex_age: { women: 0, men: 0, girls: 0, boys: 0, unknown: 0 },
    identified_children: 0, identified_foreign: 0, identified_citizenship_unknown: 0,
    identified_by_citizenship: {}, identified_country_of_exploitation_unknown: 0,
    identified_by_country_of_exploitation: {}, nationals_exploited_abroad: 0,
    decision_days: { reasonable_grounds: { count: 0, median: null, p90: null }, conclusive: { count: 0, median: null, p90: null } },
    pending_decisions_at_year_end: 0,
  });
  assert.equal(r.json.victims_penalised, 0);
  assert.equal(r.json.proceedings.convictions, 0);
  assert.equal(r.json.proceedings.sentences.median_months, null);
  assert.deepEqual(r.json.turn_aways.by_reason, { full: 0, unlicensed: 0, wrong_sex: 0, other: 0 });
});

test('only analysts, coordinators and admins may read the figures', async () => {
  for (const u of ['stats-cw', 'stats-aud']) {
    const r = await as[u].get('/api/v1/stats/annual?year=2021');
    assert.equal(r.status, 403, `${u}: ${r.text}`);
  }
  const anon = await new Client(srv.url).get('/api/v1/stats/annual?year=2021');
  assert.equal(anon.status, 401);
});

test('a bad or missing year is refused naming query.year', async () => {
  for (const q of ['year=twenty', 'year=1899', 'year=3000', 'year=2021.5', '']) {
    const r = await as.analyst.get(`/api/v1/stats/annual?${q}`);
    assert.equal(r.status, 400, `${q}: ${r.text}`);
    assert.deepEqual(r.json.errors.map((e) => e.field), ['query.year'], q);
  }
  const extra = await as.analyst.get('/api/v1/stats/annual?year=2021&format=xml');
  assert.equal(extra.status, 400);
  assert.deepEqual(extra.json.errors.map((e) => e.field), ['query.format']);
  assert.match(extra.json.errors[0].reason, /json or csv/);
});

test('the API gives the command line\'s CSV as a download, for a year and a trend', async () => {
  const api = await as.analyst.get('/api/v1/stats/annual?year=2021&format=csv');
  assert.equal(api.status, 200, api.text);
  assert.match(api.headers.get('content-type'), /^text\/csv/);
  assert.equal(api.headers.get('content-disposition'), 'attachment; filename="lantern-2021.csv"');
  const cli = srv.cli(['stats', '--year', '2021', '--format', 'csv']);
  assert.equal(api.text, cli.stdout, 'the same bytes as lantern stats --format csv');
  const trend = await as.analyst.get('/api/v1/stats/trend?from=2020&to=2021&format=csv');
  assert.equal(trend.status, 200, trend.text);
  assert.equal(trend.headers.get('content-disposition'), 'attachment; filename="lantern-2020-2021.csv"');
  assert.equal(trend.text, srv.cli(['stats', '--from', '2020', '--to', '2021', '--format', 'csv']).stdout);
  const json = await as.analyst.get('/api/v1/stats/annual?year=2021&format=json');
  assert.equal(json.json.referred, 10);
});

test('each read is audited as stats.annual with its year', async () => {
  const r = await as['stats-aud'].get('/api/v1/audit?action=stats.annual&limit=500');
  assert.equal(r.status, 200, r.text);
  const details = r.json.items.map((i) => i.detail);
  for (const y of ['2021', '2020', '2022', '1999']) assert.ok(details.includes(`year=${y}`), `year=${y}: ${details}`);
  assert.ok(r.json.items.every((i) => i.outcome === 'ok'));
  assert.equal(srv.cli(['audit', 'verify']).status, 0);
});

test('the command line gives the same figures as JSON and as CSV', () => {
  const json = srv.cli(['stats', '--year', '2021']);
  assert.equal(json.status, 0, json.stderr);
  const full = JSON.parse(json.stdout);
  assert.deepEqual(first(full), expected2021);
  const explicit = srv.cli(['stats', '--year', '2021', '--format', 'json']);
  assert.deepEqual(JSON.parse(explicit.stdout), full);

  const csv = srv.cli(['stats', '--year', '2021', '--format', 'csv']);
  assert.equal(csv.status, 0, csv.stderr);
  const lines = csv.stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'figure,key,value');
  const rows = lines.slice(1).map((l) => l.split(','));
  assert.ok(rows.every((r) => r.length === 3), 'three columns in every row');
  const get = (figure, key = '') => rows.find((r) => r[0] === figure && r[1] === key)?.[2];
  assert.equal(get('year'), '2021');
  assert.equal(get('referred'), '10');
  assert.equal(get('referred_by_source', 'police'), '5');
  assert.equal(get('referred_by_source', 'self'), '0');
  assert.equal(get('identified'), '7');
  assert.equal(get('identified_by_exploitation', 'multiple'), '1');
  assert.equal(get('identified_by_sex_age', 'girls'), '1');
  assert.equal(get('identified_by_citizenship', 'VN'), '2');
  assert.equal(get('identified_by_country_of_exploitation', 'DE'), '1');
  assert.equal(get('nationals_exploited_abroad'), '2');
  assert.equal(get('decision_days.reasonable_grounds', 'median'), '4');
  assert.equal(get('decision_days.conclusive', 'p90'), '333');
  assert.equal(get('pending_decisions_at_year_end'), '3');
  // One row per number of the JSON answer.
  const numbers = (v) => (v && typeof v === 'object' ? Object.values(v).reduce((n, x) => n + numbers(x), 0) : 1);
  assert.equal(rows.length, numbers(full));
  assert.equal(get('proceedings.sentences.by_band', 'not_recorded'), '0');

  const empty = srv.cli(['stats', '--year', '1999', '--format', 'csv']);
  assert.ok(empty.stdout.includes('decision_days.conclusive,median,\n'), 'null is an empty value');
});

test('the command line refuses bad usage with exit status 2', () => {
  for (const args of [['--year', 'next'], ['--year', '1800'], [], ['--year', '2021', '--format', 'xml'],
                      ['--year', '2021', '--bogus'], ['--year', '2021', 'extra']]) {
    const r = srv.cli(['stats', ...args]);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /stats/);
  }
  const help = srv.cli(['stats', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /usage: lantern stats/);
  const noData = cli(['stats', '--year', '2021', '--data', join(tmp, 'nowhere')]);
  assert.equal(noData.status, 1);
});

test('reviews that overturn: a reasonable-grounds one opens the assessment, a conclusive one identifies', async () => {
  // Years no other case touches. X: negative reasonable grounds after 5
  // days, overturned on review on 10 Jan 2018 (70 days after referral),
  // identified on 1 Mar 2019 (485 days). Y: not identified after 10 days,
  // overturned on review on 1 Feb 2018 (245 days): identified that day.
  const mk = async (ref, date) => {
    const r = await as['stats-cw'].post('/api/v1/cases', { ref, person: { sex: 'female', birth_year: 1990, citizenship: ['RS'] },
      referral: { date, source: 'police' }, exploitation: ['sexual'], countries_of_exploitation: ['RS'] });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };
  const move = async (id, action, date, outcome) => {
    const r = await as.coord.post(`/api/v1/cases/${id}/transitions`, { action, outcome, date, reasons: 'Synthetic reasons.' });
    assert.equal(r.status, 200, `${action}: ${r.text}`);
    return r.json;
  };
  const x = await mk('SR-X', '2017-11-01'), y = await mk('SR-Y', '2017-06-01');
  await move(x, 'reasonable_grounds', '2017-11-06', 'negative');
  assert.equal((await move(x, 'review', '2018-01-10', 'overturned')).status, 'under_assessment');
  await move(y, 'identify', '2017-06-11', 'not_identified');
  assert.equal((await move(y, 'review', '2018-02-01', 'overturned')).status, 'identified');
  const year = async (y) => (await as.analyst.get(`/api/v1/stats/annual?year=${y}`)).json;
  const none = { count: 0, median: null, p90: null };
  // 2017: both decisions were negative and stood at the year's end, so
  // neither case was waiting; the decisions counted are those the cases
  // hold now, dated in 2018.
  let s = await year(2017);
  assert.equal(s.referred, 2);
  assert.equal(s.identified, 0);
  assert.deepEqual(s.decision_days, { reasonable_grounds: none, conclusive: none });
  assert.equal(s.pending_decisions_at_year_end, 0);
  // 2018: Y identified by its review; X's reasonable grounds stand from
  // its review, and it waits for a conclusive decision at the year's end.
  s = await year(2018);
  assert.equal(s.identified, 1);
  assert.deepEqual(s.decision_days, { reasonable_grounds: { count: 1, median: 70, p90: 70 },
                                      conclusive: { count: 1, median: 245, p90: 245 } });
  assert.equal(s.pending_decisions_at_year_end, 1);
  await move(x, 'identify', '2019-03-01', 'identified');
  s = await year(2019);
  assert.equal(s.identified, 1);
  assert.deepEqual(s.decision_days.conclusive, { count: 1, median: 485, p90: 485 });
  assert.equal(s.pending_decisions_at_year_end, 0);
  assert.equal((await year(2018)).pending_decisions_at_year_end, 1, 'the 2019 decision does not change 2018');
});
