// Screening a case with the ILO/EC indicators: the proposed profile, the
// stored history, the latest result on the case, and live evaluation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startLantern, Client } from '../support/lantern.mjs';

const A = 'Screen Center A (synthetic)', B = 'Screen NGO B (synthetic)';
const users = [
  { username: 'cw-a', role: 'caseworker', org: A, password: 'caseworker-pass-a' },
  { username: 'cw-b', role: 'caseworker', org: B, password: 'caseworker-pass-b' },
  { username: 'analyst', role: 'analyst', org: A, password: 'analyst-pass-123' },
];
let srv;
const as = {};

const TRAFFICKING = ['deceptive_recruitment.nature_of_job', 'deceptive_recruitment.work_conditions',
  'exploitation.excessive_hours', 'exploitation.low_or_no_salary', 'exploitation.bad_living_conditions',
  'coercion_at_destination.documents_confiscated', 'coercion_at_destination.debt_bondage'];
const LABOUR_ONLY = ['exploitation.excessive_hours', 'exploitation.low_or_no_salary', 'exploitation.bad_living_conditions'];

function caseDoc(person, exploitation) {
  return { person, referral: { date: '2023-05-02', source: 'labour_inspection' }, exploitation };
}

before(async () => {
  srv = await startLantern({ orgs: [{ name: A, kind: 'center' }, { name: B, kind: 'ngo' }], users });
  for (const u of users) {
    as[u.username] = new Client(srv.url);
    assert.equal((await as[u.username].login(u.username, u.password)).status, 200);
  }
});
after(async () => { await srv?.stop(); });

test('the profile is proposed from age and exploitation', async () => {
  const cases = [
    [{ sex: 'male', birth_year: 1990 }, ['forced_labour'], 'adult_labour'],
    [{ sex: 'female', birth_year: 1990 }, ['sexual'], 'adult_sexual'],
    [{ sex: 'female', birth_year: 2010 }, ['sexual'], 'child_sexual'],
    [{ sex: 'male', birth_year: 2010 }, ['forced_begging'], 'child_labour'],
    [{ sex: 'female', birth_year: 2000, age_uncertain: true }, ['sexual', 'forced_labour'], 'adult_labour'],
  ];
  for (const [person, forms, profile] of cases) {
    const c = await as['cw-a'].post('/api/v1/cases', caseDoc(person, forms));
    assert.equal(c.status, 201, c.text);
    assert.equal(c.json.proposed_screening_profile, profile, JSON.stringify(person) + forms);
    assert.equal(c.json.screening, null);
  }
});

test('a screening is stored with its result; re-screening keeps the history', async () => {
  const c = (await as['cw-a'].post('/api/v1/cases', caseDoc({ sex: 'male', birth_year: 1985 }, ['forced_labour']))).json;
  const url = `/api/v1/cases/${c.id}/screenings`;
  let r = await as['cw-a'].post(url, { indicators: LABOUR_ONLY, date: '2023-05-03', note: 'First contact (synthetic).' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.screening.profile, 'adult_labour', 'the proposed profile is used');
  assert.equal(r.json.screening.outcome, 'labour_exploitation');
  assert.match(r.json.screening.result.explanation, /labour inspection/i);
  r = await as['cw-a'].post(url, { profile: 'adult_labour', indicators: TRAFFICKING, date: '2023-05-10' });
  assert.equal(r.json.screening.outcome, 'trafficking');
  assert.equal(r.json.screening.result.dimensions.coercion_at_destination.strong, 2);
  assert.ok(r.json.timeline.some((e) => e.kind === 'screening' && e.detail.outcome === 'trafficking'));
  const list = await as['cw-a'].get(url);
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.items.map((i) => i.outcome), ['trafficking', 'labour_exploitation']);
  assert.equal(list.json.items[1].note, 'First contact (synthetic).');
  assert.equal(list.json.proposed_profile, 'adult_labour');
});

test('bad screenings name the indicator or field; other organisations get 404', async () => {
  const c = (await as['cw-a'].post('/api/v1/cases', caseDoc({ sex: 'female', birth_year: 2010 }, ['forced_begging']))).json;
  const url = `/api/v1/cases/${c.id}/screenings`;
  let r = await as['cw-a'].post(url, { profile: 'child_labour', indicators: ['recruitment_vulnerability.false_info_law', 'no.such'], date: '2023-05-03' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.json.errors.map((e) => e.field), ['indicators[0]', 'indicators[1]']);
  r = await as['cw-a'].post(url, { indicators: [], date: '2099-01-01' });
  assert.equal(r.json.errors[0].field, 'date');
  r = await as['cw-a'].post(url, { indicators: [], date: '2023-05-03', colour: 'red' });
  assert.equal(r.json.errors[0].field, 'colour');
  r = await as['cw-a'].post(url, { profile: 'martian', indicators: [], date: '2023-05-03' });
  assert.equal(r.json.errors[0].field, 'profile');
  assert.equal((await as['cw-b'].post(url, { indicators: [], date: '2023-05-03' })).status, 404);
  assert.equal((await as['cw-b'].get(url)).status, 404);
  assert.equal((await as.analyst.get(url)).status, 403);
  r = await as['cw-a'].post(url, { indicators: ['exploitation.hazardous_work'], date: '2023-05-03' });
  assert.equal(r.json.screening.outcome, 'insufficient_indicators', 'one strong alone is not enough');
});

test('the questionnaire: profiles with labels, and live evaluation without storing', async () => {
  const p = await as['cw-a'].get('/api/v1/screening/profiles');
  assert.equal(p.status, 200);
  const adult = p.json.profiles.find((x) => x.id === 'adult_labour');
  assert.ok(adult.indicators.some((i) => i.id === 'exploitation.excessive_hours' && i.weight === 'strong' && i['sr-Latn']));
  assert.equal(p.json.profiles.find((x) => x.id === 'adult_sexual').provisional, true);
  assert.equal(p.json.profiles.find((x) => x.id === 'adult_sexual').exploitation, 'sexual');
  assert.equal(p.json.profiles.find((x) => x.id === 'forced_labour_11').exploitation, 'any');
  assert.equal(p.json.dimensions.length, 6);
  const e = await as['cw-a'].post('/api/v1/screening/evaluate', { profile: 'adult_labour', indicators: TRAFFICKING });
  assert.equal(e.status, 200);
  assert.equal(e.json.outcome, 'trafficking');
  const bad = await as['cw-a'].post('/api/v1/screening/evaluate', { profile: 'adult_labour', indicators: ['nope'] });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.errors[0].field, 'indicators[0]');
});

test('a group is screened from a CSV in one go, and its outcome table counts the members', async () => {
  const g = await as['cw-a'].post('/api/v1/groups', { name: 'Screening site (synthetic)', country: 'RS', employer: 'Demo Works (synthetic)' });
  assert.equal(g.status, 201, g.text);
  const members = [];
  for (let i = 0; i < 4; i++) {
    const c = await as['cw-a'].post('/api/v1/cases', caseDoc({ sex: 'male', birth_year: 1980 + i, citizenship: ['VN'] }, ['forced_labour']));
    members.push(c.json);
  }
  const outsider = (await as['cw-a'].post('/api/v1/cases', caseDoc({ sex: 'male', birth_year: 1970 }, ['forced_labour']))).json;
  const attach = await as['cw-a'].post(`/api/v1/groups/${g.json.id}/members`, { case_ids: members.map((m) => m.id) });
  assert.equal(attach.status, 200, attach.text);
  const csv = (rows) => ['person,profile,indicators', ...rows].join('\n') + '\n';
  const url = `/api/v1/groups/${g.json.id}/screenings`;
  const post = (body, q = '?date=2023-05-04') => as['cw-a'].request('POST', url + q, { raw: body, headers: { 'content-type': 'text/csv' } });

  let r = await post(csv([`${members[0].case_number},adult_labour,${TRAFFICKING.join(';')}`,
    `${outsider.case_number},adult_labour,${LABOUR_ONLY.join(';')}`]));
  assert.equal(r.status, 400);
  assert.deepEqual(r.json.errors.map((e) => e.field), ['row 3']);
  assert.match(r.json.detail, /1 row could not be screened; nothing was stored/);
  r = await post(csv([`${members[0].case_number},adult_labour,`]), '');
  assert.equal(r.json.errors[0].field, 'query.date');
  assert.equal((await as['cw-a'].get(url)).json.unscreened, 4, 'nothing was stored');

  r = await post(csv([
    `${members[0].case_number},adult_labour,${TRAFFICKING.join(';')}`,
    `${members[1].case_number},adult_labour,${TRAFFICKING.join(';')}`,
    `${members[2].case_number},adult_labour,${LABOUR_ONLY.join(';')}`,
  ]));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.stored, 3);
  assert.equal(r.json.summary.people, 3);
  assert.equal(r.json.summary.outcomes.trafficking, 2);
  assert.equal(r.json.summary.outcomes.labour_exploitation, 1);
  assert.equal(r.json.unscreened, 1);
  assert.equal(r.json.summary.most_frequent_indicators[0].people, 3);
  const table = await as['cw-a'].get(url);
  assert.deepEqual(table.json.members.map((m) => m.screening?.outcome ?? null).sort(),
    ['labour_exploitation', 'trafficking', 'trafficking', null].sort());

  // The summary counts the outcomes the rows show. A screening stored under
  // earlier weights keeps its stored outcome; one is made so here by
  // rewriting a stored outcome, and the summary must follow the row.
  const shown = (t) => {
    const o = {};
    for (const m of t.members) if (m.screening) o[m.screening.outcome] = (o[m.screening.outcome] ?? 0) + 1;
    return o;
  };
  const counted = (t) => Object.fromEntries(Object.entries(t.summary.outcomes).filter(([, n]) => n > 0));
  assert.deepEqual(counted(table.json), shown(table.json));
  const stored = table.json.members.find((m) => m.screening?.outcome === 'labour_exploitation').screening;
  const sq = spawnSync('sqlite3', [join(srv.dataDir, 'lantern.db'),
    `UPDATE case_screenings SET outcome = 'possible_trafficking' WHERE id = ${stored.id};`], { encoding: 'utf8' });
  assert.equal(sq.status, 0, sq.stderr);
  const later = (await as['cw-a'].get(url)).json;
  assert.equal(later.members.find((m) => m.screening?.id === stored.id).screening.outcome, 'possible_trafficking');
  assert.deepEqual(counted(later), shown(later));
  assert.deepEqual(counted(later), { trafficking: 2, possible_trafficking: 1 });
  assert.equal(later.summary.people, 3);
  assert.equal(later.summary.most_frequent_indicators[0].people, 3, 'the stored answers are still counted');
  assert.equal((await as['cw-b'].get(url)).status, 404);
  const one = await as['cw-a'].get(`/api/v1/cases/${members[0].id}`);
  assert.equal(one.json.screening.outcome, 'trafficking', 'each member keeps its own screening');
});
