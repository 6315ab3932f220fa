// The further annual figures (services for nationals and foreign victims,
// shelter occupancy and turn-aways, proceedings, compensation, victims
// penalised, open alerts), the trend, the law-enforcement figures of the
// scorecard, and the HTML reports (well-formed, the figures in them,
// suppression only when published, escaping, languages, the CSP), over a
// hand-built fixture whose answers are worked out in the comments.
//
// Cases, services, shelters and placements go through the CLI and the API.
// The justice rows (proceedings, charges, compensation claims, proceedings
// against victims) and two alerts are written with the sqlite3 shell: the
// statistics read those tables directly, and the fixture needs exact dates
// and values (a plea without a date, an unknown article, a claim with no
// amount) whatever the justice API's own rules come to allow.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { startLantern, Client } from '../support/lantern.mjs';

const ORG = 'Reports Center (synthetic)';
const users = [
  { username: 'rep-analyst', role: 'analyst', org: ORG, password: 'analyst-pass-reports' },
  { username: 'rep-coord', role: 'coordinator', org: ORG, password: 'coordinator-pass-reports' },
  { username: 'rep-cw', role: 'caseworker', org: ORG, password: 'caseworker-pass-reports' },
];
let srv;
const as = {};
const ids = {};
const tmp = mkdtempSync(join(tmpdir(), 'lantern-reports-'));

function c(ref, { sex = 'female', birth = 1990, cit = ['RS'], forms = ['sexual'], date, identified }) {
  const d = { ref, person: { sex, birth_year: birth, citizenship: cit }, referral: { date, source: 'police' },
              exploitation: forms, countries_of_exploitation: ['RS'] };
  if (identified) d.identification = { outcome: 'identified', date: identified, reasons: 'Imported decision (synthetic).' };
  return d;
}
const fixture = [
  c('A1', { date: '2021-02-01', identified: '2021-03-01' }),                                  // national
  c('A2', { sex: 'male', birth: 1985, cit: ['VN'], forms: ['forced_labour'], date: '2021-03-01', identified: '2021-04-01' }), // foreign
  c('A3', { birth: 1992, cit: [], date: '2021-04-01', identified: '2021-05-01' }),            // citizenship unknown
  c('A4', { birth: 1991, date: '2021-06-01', identified: '2022-01-10' }),                     // identified only in 2022
  c('A5', { sex: 'male', birth: 1980, cit: ['RS', 'VN'], date: '2020-05-01', identified: '2020-06-01' }), // dual: national
  c('A6', { birth: 2010, date: '2021-07-01' }),                                               // a girl, not identified
];

function sql(text) {
  const r = spawnSync('sqlite3', ['-bail', join(srv.dataDir, 'lantern.db'), text], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

before(async () => {
  srv = await startLantern({ orgs: [{ name: ORG, kind: 'center' }], users });
  for (const u of users) {
    as[u.username] = new Client(srv.url);
    assert.equal((await as[u.username].login(u.username, u.password)).status, 200);
  }
  const file = join(tmp, 'fixture.jsonl');
  writeFileSync(file, fixture.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const imp = srv.cli(['import', '--org', ORG, file]);
  assert.equal(imp.status, 0, imp.stderr);
  const coord = as['rep-coord'];
  const list = await coord.get('/api/v1/cases?per_page=200');
  for (const item of list.json.items) ids[(await coord.get(`/api/v1/cases/${item.id}`)).json.ref] = item.id;

  // Services. Counted in 2021 for victims identified by 31 Dec 2021 and
  // delivered on a day of 2021 (planned and refused ones never).
  const consent = { date: '2021-01-02', language: 'sr' };
  const svc = async (ref, body) => {
    const r = await coord.post(`/api/v1/cases/${ids[ref]}/services`, { consent, ...body });
    assert.equal(r.status, 201, `${ref}: ${r.text}`);
  };
  await svc('A1', { type: 'accommodation', status: 'active', start_date: '2021-03-02' });
  await svc('A1', { type: 'psychological', status: 'completed', start_date: '2021-03-05', end_date: '2021-04-05' });
  await svc('A2', { type: 'accommodation', status: 'completed', start_date: '2021-04-02', end_date: '2021-12-31' });
  await svc('A2', { type: 'legal_information', status: 'refused', end_date: '2021-04-03', stop_reason: 'other' });
  await svc('A3', { type: 'medical', status: 'active', start_date: '2021-05-02' });
  await svc('A4', { type: 'accommodation', status: 'active', start_date: '2021-06-02' });
  await svc('A5', { type: 'material', status: 'completed', start_date: '2020-07-01', end_date: '2020-12-31' });
  await svc('A5', { type: 'medical', status: 'active', start_date: '2021-01-15' });

  // A shelter with 2 places for women and 1 for children from 1 Jan 2021.
  const orgs = await as['rep-coord'].get('/api/v1/organisations');
  const orgId = orgs.json.items.find((o) => o.name === ORG).id;
  const sh = await coord.post('/api/v1/shelters', {
    organisation_id: orgId, name: 'Report Shelter (synthetic)', capacity_women: 2, capacity_men: 0,
    capacity_children: 1, licence_valid_until: '2030-12-31', effective_date: '2021-01-01' });
  assert.equal(sh.status, 201, sh.text);
  const place = async (ref, body) => {
    const r = await coord.post(`/api/v1/cases/${ids[ref]}/placements`, body);
    assert.equal(r.status, 201, `${ref}: ${r.text}`);
  };
  await place('A1', { shelter_id: sh.json.id, place: 'women', start_date: '2021-03-02', end_date: '2021-03-12' }); // 10 nights
  await place('A3', { shelter_id: sh.json.id, place: 'women', start_date: '2021-12-30', end_date: null });         // 2 in 2021
  await place('A6', { shelter_id: sh.json.id, place: 'children', start_date: '2021-07-01', end_date: '2021-07-04' }); // 3
  await place('A2', { alternative: 'ngo_accommodation', turn_away_reason: 'wrong_sex', turn_away_shelter_id: sh.json.id,
                      place: 'men', start_date: '2021-04-02' });
  await place('A4', { alternative: 'social_welfare_shelter', turn_away_reason: 'full', place: 'women', start_date: '2021-06-02' });

  // Proceedings, charges, compensation, proceedings against victims, alerts.
  const P = (id, f) => `INSERT INTO proceedings(id, organisation_id, opened_date, prosecutor_specialised, stage,
      indictment_date, plea_agreement, plea_date, verdict, verdict_date, sentence_months, sentence_suspended,
      created_at, updated_at) VALUES (${id}, ${orgId}, '${f.opened}', ${f.spec ?? 0}, 'verdict',
      ${f.ind ? `'${f.ind}'` : 'NULL'}, ${f.plea ? 1 : 0}, ${f.pleaDate ? `'${f.pleaDate}'` : 'NULL'},
      ${f.verdict ? `'${f.verdict}'` : 'NULL'}, ${f.vdate ? `'${f.vdate}'` : 'NULL'},
      ${f.months ?? 'NULL'}, ${f.suspended ?? 'NULL'}, 1, 1);`;
  const CH = (pid, date, article) => `INSERT INTO proceeding_charges(proceeding_id, charge_date, stage, article, created_at)
      VALUES (${pid}, '${date}', 'investigation', '${article}', 1);`;
  const CC = (ref, f) => `INSERT INTO compensation_claims(case_id, forum, claimed_date, amount_claimed, currency, status,
      award_date, amount_awarded, amount_paid, paid_date, created_at, updated_at) VALUES (${ids[ref]}, '${f.forum}',
      '${f.claimed}', ${f.amount ?? 'NULL'}, '${f.cur}', '${f.status}', ${f.award ? `'${f.award}'` : 'NULL'},
      ${f.awarded ?? 'NULL'}, ${f.paid ?? 'NULL'}, ${f.paidDate ? `'${f.paidDate}'` : 'NULL'}, 1, 1);`;
  const VP = (ref, kind, offence, outcome, date) => `INSERT INTO victim_proceedings(case_id, kind, offence, outcome,
      outcome_date, created_at, updated_at) VALUES (${ids[ref]}, '${kind}', '${offence}', '${outcome}', '${date}', 1, 1);`;
  sql([
    P(9001, { opened: '2021-02-10', spec: 1, ind: '2021-06-01', verdict: 'conviction', vdate: '2021-11-01', months: 36, suspended: 0 }),
    P(9002, { opened: '2021-03-10', ind: '2020-12-01', verdict: 'conviction', vdate: '2021-12-31', months: 12, suspended: 1, plea: true, pleaDate: '2021-12-20' }),
    P(9003, { opened: '2020-05-05', spec: 1, verdict: 'acquittal', vdate: '2021-01-01' }),
    P(9004, { opened: '2021-12-31', spec: 1, verdict: 'dismissal', vdate: '2022-01-01' }),
    P(9005, { opened: '2021-05-05', verdict: 'conviction', vdate: '2021-06-06', plea: true }),
    P(9006, { opened: '2019-01-01', verdict: 'conviction', vdate: '2021-08-08', months: 0 }),
    P(9007, { opened: '2018-01-01', verdict: 'conviction', vdate: '2021-09-09', months: 130, suspended: 0 }),
    CH(9001, '2021-02-10', '388'), CH(9001, '2021-06-01', '184'),   // downgraded in 2021
    CH(9002, '2020-01-01', '388'), CH(9002, '2020-12-01', '184'),   // downgraded in 2020
    CH(9003, '2021-01-05', '184'), CH(9003, '2021-02-05', '388'),   // upgraded: not counted
    CH(9005, '2021-05-05', '388'), CH(9005, '2021-06-01', '389'),   // trafficking to trafficking
    CH(9007, '2021-03-03', '388'), CH(9007, '2021-04-04', '999'),   // to an article outside the profile
    CC('A1', { forum: 'criminal', claimed: '2021-03-01', amount: 100000, cur: 'RSD', status: 'awarded', award: '2021-10-01',
               awarded: 50000, paid: 20000, paidDate: '2021-12-01' }),
    CC('A2', { forum: 'civil', claimed: '2020-06-01', amount: 30000, cur: 'EUR', status: 'awarded', award: '2021-02-02', awarded: 10000 }),
    CC('A3', { forum: 'state_fund', claimed: '2021-07-07', cur: 'RSD', status: 'pending' }),
    CC('A1', { forum: 'criminal', claimed: '2021-08-08', amount: 5000, cur: 'EUR', status: 'rejected' }),
    VP('A2', 'misdemeanour', 'immigration', 'penalty', '2021-05-05'),
    VP('A2', 'criminal', 'document_fraud', 'penalty', '2021-06-06'),  // the same victim again
    VP('A3', 'misdemeanour', 'prostitution', 'not_punished', '2021-07-07'),
    VP('A1', 'misdemeanour', 'begging', 'penalty', '2020-12-31'),
    `INSERT INTO alerts(rule, subject, severity, status, message, raised_at, last_seen_at) VALUES
      ('synthetic-rule', 'a', 'low', 'open', 'Synthetic.', 1, 1),
      ('synthetic-rule', 'b', 'low', 'resolved', 'Synthetic.', 1, 1),
      ('<b>&"rule''', '', 'low', 'open', 'Synthetic.', 1, 1);`,
  ].join('\n'));
});
after(async () => { await srv?.stop(); rmSync(tmp, { recursive: true, force: true }); });

const zeros = { nationals: 0, foreign: 0, citizenship_unknown: 0 };

test('services by type for nationals, foreign victims and unknown citizenship', async () => {
  const r = await as['rep-analyst'].get('/api/v1/stats/annual?year=2021');
  assert.equal(r.status, 200, r.text);
  const s = r.json.services_by_type;
  // A1 (national) accommodation and psychological; A2 (foreign) accommodation;
  // A3 (no citizenship) and A5 (dual, national, identified in 2020) medical.
  // A2's refused service, A4 (identified in 2022) and A5's 2020 service do not count.
  assert.deepEqual(s.accommodation, { nationals: 1, foreign: 1, citizenship_unknown: 0 });
  assert.deepEqual(s.psychological, { nationals: 1, foreign: 0, citizenship_unknown: 0 });
  assert.deepEqual(s.medical, { nationals: 1, foreign: 0, citizenship_unknown: 1 });
  assert.deepEqual(s.legal_information, zeros);
  assert.deepEqual(s.material, zeros);
  assert.equal(Object.keys(s).length, 15, 'every service type is present');
  assert.deepEqual(r.json.victims_assisted, { nationals: 2, foreign: 1, citizenship_unknown: 1 });
});

test('shelter occupancy in nights against capacity, and turn-aways by reason', async () => {
  const r = await as['rep-analyst'].get('/api/v1/stats/annual?year=2021');
  // women 10 + 2 nights of 2 x 365; children 3 of 365; no places for men.
  assert.deepEqual(r.json.shelter_occupancy, {
    women: { nights_used: 12, nights_available: 730, percent: 1.6 },
    men: { nights_used: 0, nights_available: 0, percent: null },
    children: { nights_used: 3, nights_available: 365, percent: 0.8 },
    total: { nights_used: 15, nights_available: 1095, percent: 1.4 },
  });
  assert.deepEqual(r.json.turn_aways, {
    total: 2, by_reason: { full: 1, unlicensed: 0, wrong_sex: 1, other: 0 },
    by_alternative: { ngo_accommodation: 1, social_welfare_shelter: 1, other: 0 },
  });
  // 2020: the shelter's first state is 1 Jan 2021, so nothing before it.
  const y0 = await as['rep-analyst'].get('/api/v1/stats/annual?year=2020');
  assert.deepEqual(y0.json.shelter_occupancy.total, { nights_used: 0, nights_available: 0, percent: null });
});

test('proceedings: investigations, verdicts, sentences, pleas, downgrades, specialised prosecutors', async () => {
  const r = await as['rep-analyst'].get('/api/v1/stats/annual?year=2021');
  assert.deepEqual(r.json.proceedings, {
    investigations_opened: 4, // 9001, 9002, 9004 (31 Dec), 9005
    indictments: 1,           // 9001 (9002's was in 2020)
    convictions: 5,           // 9001, 9002 (31 Dec), 9005, 9006, 9007
    acquittals: 1,            // 9003 on 1 Jan
    dismissals: 0,            // 9004's is in 2022
    plea_agreements: 2,       // 9002 by its date, 9005 by its verdict's
    charges_downgraded: 2,    // 9001 388 -> 184; 9007 388 -> 999
    specialised_prosecutor: { count: 2, of: 4, percent: 50 },
    sentences: {
      recorded: 4, // 0, 12, 36, 130 months; 9005 has none
      median_months: 12,
      by_band: { no_prison: 1, under_12_months: 0, '12_to_35_months': 1, '36_to_59_months': 1,
                 '60_to_119_months': 0, '120_months_or_more': 1, not_recorded: 1 },
      suspended: 1,
      suspended_percent: 25,
      with_incarceration: 2, // 36 and 130, not suspended
    },
  });
  const y2022 = await as['rep-analyst'].get('/api/v1/stats/annual?year=2022');
  assert.equal(y2022.json.proceedings.dismissals, 1);
  assert.equal(y2022.json.proceedings.sentences.median_months, null);
});

test('compensation claimed, awarded and paid by forum, sums by currency', async () => {
  const r = await as['rep-analyst'].get('/api/v1/stats/annual?year=2021');
  assert.deepEqual(r.json.compensation, {
    criminal: { claimed: { count: 2, amount: { RSD: 100000, EUR: 5000 } },
                awarded: { count: 1, amount: { RSD: 50000 } }, paid: { count: 1, amount: { RSD: 20000 } } },
    civil: { claimed: { count: 0, amount: {} }, awarded: { count: 1, amount: { EUR: 10000 } },
             paid: { count: 0, amount: {} } },
    state_fund: { claimed: { count: 1, amount: { RSD: 0 } }, awarded: { count: 0, amount: {} },
                  paid: { count: 0, amount: {} } },
  });
});

test('victims penalised once each, and open alerts by rule', async () => {
  const r = await as['rep-analyst'].get('/api/v1/stats/annual?year=2021');
  assert.equal(r.json.victims_penalised, 1); // A2, twice
  assert.equal((await as['rep-analyst'].get('/api/v1/stats/annual?year=2020')).json.victims_penalised, 1);
  const alerts = r.json.open_alerts_by_rule;
  assert.equal(alerts['synthetic-rule'], 1);
  const bySql = Object.fromEntries(sql("SELECT rule || '|' || count(*) FROM alerts WHERE status = 'open' GROUP BY rule;")
    .trim().split('\n').map((l) => { const i = l.lastIndexOf('|'); return [l.slice(0, i), Number(l.slice(i + 1))]; }));
  assert.deepEqual(alerts, bySql);
});

test('the scorecard counts the law-enforcement figures', async () => {
  const r = await as['rep-coord'].get('/api/v1/assessment/scorecard?year=2021&period=calendar');
  assert.equal(r.status, 200, r.text);
  const f = r.json.figures;
  const pair = (k) => [f[k].status, f[k].current, f[k].previous];
  assert.deepEqual(pair('investigations'), ['recorded', 4, 1]);
  assert.deepEqual(pair('prosecutions'), ['recorded', 1, 1]);
  assert.deepEqual(pair('convictions'), ['recorded', 5, 0]);
  assert.deepEqual(pair('sentences_with_incarceration'), ['recorded', 2, 0]);
  assert.deepEqual(pair('victims_penalised'), ['recorded', 1, 1]);
  assert.equal(f.convictions.trend, 'increasing');
});

test('the trend gives the main figures of every year', async () => {
  const r = await as['rep-analyst'].get('/api/v1/stats/trend?from=2020&to=2022');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.from, 2020);
  assert.deepEqual(r.json.years.map((y) => y.year), [2020, 2021, 2022]);
  const pick = (k) => r.json.years.map((y) => y[k]);
  assert.deepEqual(pick('referred'), [1, 5, 0]);
  assert.deepEqual(pick('identified'), [1, 3, 1]);
  assert.deepEqual(pick('investigations_opened'), [1, 4, 0]);
  assert.deepEqual(pick('convictions'), [0, 5, 0]);
  assert.deepEqual(pick('victims_penalised'), [1, 1, 0]);
  assert.deepEqual(pick('victims_assisted'), [1, 4, 4]); // 2022: A1, A3, A4 (identified then), A5
  assert.deepEqual(pick('turn_aways'), [0, 2, 0]);
  const csv = srv.cli(['stats', '--from', '2020', '--to', '2022', '--format', 'csv']);
  assert.equal(csv.status, 0, csv.stderr);
  assert.ok(csv.stdout.startsWith('year,figure,key,value\n'));
  assert.ok(csv.stdout.includes('\n2021,convictions,,5\n'), csv.stdout);
  for (const q of ['from=2022&to=2020', 'from=1990&to=2025', 'from=x&to=2020', 'to=2020']) {
    const bad = await as['rep-analyst'].get(`/api/v1/stats/trend?${q}`);
    assert.equal(bad.status, 400, q);
  }
  assert.equal((await as['rep-cw'].get('/api/v1/stats/trend?from=2020&to=2021')).status, 403);
});

// A strict check that the document is well-formed XML (the reports are
// written as polyglot XHTML): xmllint when the machine has it, and always a
// small tag-balance check of our own.
function wellFormed(html) {
  const x = spawnSync('xmllint', ['--noout', '-'], { input: html, encoding: 'utf8' });
  if (!x.error) assert.equal(x.status, 0, `xmllint: ${x.stderr}`);
  const body = html.replace(/^<!DOCTYPE html>\n/, '');
  const stack = [];
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z][a-zA-Z0-9:-]*="[^"<]*")*)\s*(\/?)>|&(#?[a-zA-Z0-9]+);|[<>]/g;
  let m;
  while ((m = re.exec(body))) {
    if (m[0] === '<' || m[0] === '>') assert.fail(`stray ${m[0]} at ${m.index}: ${body.slice(m.index - 40, m.index + 40)}`);
    if (m[5] !== undefined) { assert.match(m[5], /^(amp|lt|gt|quot|#39)$/, `entity &${m[5]};`); continue; }
    if (m[4]) continue;
    if (m[1]) assert.equal(stack.pop(), m[2], `closing </${m[2]}> at ${m.index}`);
    else stack.push(m[2]);
  }
  assert.deepEqual(stack, []);
}

const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

test('the HTML report for a year: well-formed, self-contained, the figures and the paragraph', async () => {
  const r = await as['rep-analyst'].get('/api/v1/stats/report?year=2021');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
  const html = r.text;
  wellFormed(html);
  assert.ok(!/(src|href)=/.test(html), 'no external asset');
  assert.match(html, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(html, /@media print/);
  // The CSP allows this stylesheet only, by its hash.
  const css = html.match(/<style>([\s\S]*?)<\/style>/)[1];
  const hash = createHash('sha256').update(css).digest('base64');
  const csp = r.headers.get('content-security-policy');
  assert.equal(csp, `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
  assert.ok(!/unsafe-inline/.test(csp));
  // Other answers keep the strict policy.
  const json = await as['rep-analyst'].get('/api/v1/stats/annual?year=2021');
  assert.match(json.headers.get('content-security-policy'), /style-src 'self'/);
  const t = text(html);
  assert.match(t, /In 2021, the government identified 3 victims, compared with 1 in 2020; of these, 2 were victims of sex trafficking and 1 of labour trafficking\./);
  assert.match(t, /None were children, and 1 was a foreign national\./);
  assert.match(t, /Authorities referred 5 potential victims for identification, compared with 1 in 2020\./);
  assert.match(t, /4 identified victims received at least one service during the year\./);
  assert.match(t, /Shelters could not take 2 persons/);
  assert.match(t, /Proceedings against 1 victim ended in a penalty\./);
  assert.match(t, /Total identified 3 /);
  assert.match(t, /Convictions 5 /);
  assert.match(t, /Median sentence \(months\) 12 /);
  assert.ok(!t.includes('<5') && !html.includes('&lt;5'), 'internal tables are not suppressed');
  assert.ok(!html.includes('id="suppression"'));
  // The rule name is escaped wherever it appears.
  assert.ok(html.includes('&lt;b&gt;&amp;&quot;rule'));
  assert.ok(!html.includes('<b>&"rule'));
});

test('published tables suppress small cells, with secondary suppression and a note', async () => {
  const r = await as['rep-analyst'].get('/api/v1/stats/report?year=2021&published=true');
  assert.equal(r.status, 200, r.text);
  wellFormed(r.text);
  const t = text(r.text);
  assert.match(t, /Total identified &lt;5 /);
  assert.match(t, /the government identified fewer than 5 victims, compared with fewer than 5 in 2020\./);
  assert.match(t, /Total referred 5 /, 'a count of 5 is shown');
  // Referrals: police 5 shown and every other source under 5, so nothing is revealed by the total.
  assert.match(t, /Police 5 /);
  assert.ok(r.text.includes('id="suppression"'));
  assert.ok(!/\b[1-4] (victims?|persons?)\b/.test(t), 'no count under 5 in the paragraph');
  // A threshold of 2.
  const r2 = await as['rep-analyst'].get('/api/v1/stats/report?year=2021&published=true&suppress=2');
  const t2 = text(r2.text);
  // turn-aways by reason: full 1 and wrong_sex 1 are small, total 2 is shown; two small cells, no secondary.
  assert.match(t2, /No free place &lt;2 /);
  // sentence bands: not_recorded 1 (small), 4 others with 1 (small): total 5 shown.
  assert.match(t2, /Convictions 5 /);
  // With a threshold of 1 every count of 1 or more is shown, zeros are "<1".
  const r1 = await as['rep-analyst'].get('/api/v1/stats/report?year=2021&published=true&suppress=1');
  assert.match(text(r1.text), /Total identified 3 /);
  assert.match(text(r1.text), /Public prosecution &lt;1 /);
});

test('languages: Serbian in Latin and in Cyrillic, and the trend report', async () => {
  const sr = await as['rep-analyst'].get('/api/v1/stats/report?year=2021&lang=sr');
  assert.equal(sr.status, 200);
  wellFormed(sr.text);
  assert.match(sr.text, /<html xmlns="http:\/\/www.w3.org\/1999\/xhtml" lang="sr-Latn">/);
  assert.match(text(sr.text), /U 2021\. godini identifikovane su 3 žrtve trgovine ljudima, u poređenju sa 1 u 2020\. godini\./);
  assert.match(text(sr.text), /Na identifikaciju je upućeno 5 potencijalnih žrtava/);
  const cy = await as['rep-analyst'].get('/api/v1/stats/report?year=2021&lang=sr-Cyrl');
  wellFormed(cy.text);
  assert.match(text(cy.text), /У 2021\. години идентификоване су 3 жртве трговине људима/);
  const tr = await as['rep-analyst'].get('/api/v1/stats/trend/report?from=2020&to=2022&published=true');
  assert.equal(tr.status, 200, tr.text);
  wellFormed(tr.text);
  assert.match(text(tr.text), /In 2022, the government identified fewer than 5 victims, compared with fewer than 5 in 2020\./);
  assert.match(tr.text, /<svg /);
  const tri = await as['rep-analyst'].get('/api/v1/stats/trend/report?from=2020&to=2022');
  assert.match(text(tri.text), /Investigations opened 1 4 0 /);
});

test('the command line writes the same report; bad report parameters are refused', async () => {
  const api = await as['rep-analyst'].get('/api/v1/stats/report?year=2021&published=true&lang=sr');
  const cliOut = srv.cli(['stats', '--year', '2021', '--format', 'html', '--published', '--lang', 'sr']);
  assert.equal(cliOut.status, 0, cliOut.stderr);
  assert.equal(cliOut.stdout, api.text);
  for (const [q, field] of [['year=2021&lang=fr', 'query.lang'], ['year=2021&published=yes', 'query.published'],
                            ['year=2021&suppress=0', 'query.suppress'], ['year=2021&from=2020', 'query.from'],
                            ['', 'query.year']]) {
    const r = await as['rep-analyst'].get(`/api/v1/stats/report?${q}`);
    assert.equal(r.status, 400, `${q}: ${r.text}`);
    assert.ok(r.json.errors.map((e) => e.field).includes(field), `${q}: ${r.text}`);
  }
  const back = await as['rep-analyst'].get('/api/v1/stats/trend/report?from=2021&to=2020');
  assert.equal(back.status, 400);
  assert.deepEqual(back.json.errors.map((e) => e.field), ['query.to']);
  assert.equal((await as['rep-cw'].get('/api/v1/stats/report?year=2021')).status, 403);
  assert.equal((await as['rep-cw'].get('/api/v1/stats/trend/report?from=2020&to=2021')).status, 403);
  for (const args of [['--year', '2021', '--published'], ['--year', '2021', '--format', 'html', '--lang', 'de'],
                      ['--year', '2021', '--format', 'html', '--suppress', '0'], ['--year', '2021', '--from', '2020', '--to', '2021'],
                      ['--from', '2021', '--to', '2020']]) {
    const r = srv.cli(['stats', ...args]);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
  }
  const audit = srv.cli(['audit', 'verify']);
  assert.equal(audit.status, 0, audit.stderr);
});
